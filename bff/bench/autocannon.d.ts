// autocannon ships no types; this declares only the part of its API the bench uses.
declare module 'autocannon' {
  export interface Histogram {
    average: number
    mean: number
    p50: number
    p90: number
    p99: number
    max: number
    total: number
  }
  export interface RequestSpec {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string | Buffer
    setupRequest?: (request: RequestSpec, context: Record<string, unknown>) => RequestSpec
  }
  export interface Options {
    url: string
    connections?: number
    duration?: number
    pipelining?: number
    /** Requests per second across all connections: an arrival rate instead of as fast as answers come back. */
    overallRate?: number
    timeout?: number
    method?: string
    headers?: Record<string, string>
    body?: string | Buffer
    requests?: RequestSpec[]
  }
  export interface Result {
    requests: Histogram
    latency: Histogram
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats: Record<string, { count: number }>
  }
  /** A running load: a promise of its result that also reports each answer and can be stopped early. */
  export interface Instance extends PromiseLike<Result> {
    /** Every answer, the connection (client) that received it first, its latency in ms last. */
    on(event: 'response', listener: (client: object, statusCode: number, bytes: number, ms: number) => void): this
    on(event: 'reqError', listener: (error: Error) => void): this
    stop(): void
  }
  function autocannon(options: Options): Instance
  export default autocannon
}
