import type { LoadResult } from './load'

/** One line of the results: a figure, its unit, its ratio to (a) or (b), and its target if it has one. */
export interface Figure {
  id: string
  label: string
  value: number
  unit: string
  p50Ms?: number
  p99Ms?: number
  serverCpuUsPerRequest?: number | null
  /**
   * `value` relative to the baseline named in `ratioTo` (a figure id without its parentheses); for sweeps, items
   * per second relative to (b).
   */
  ratio?: number
  ratioTo?: string
  target?: string
  met?: boolean
  note?: string
}

export function httpFigure(id: string, label: string, result: LoadResult, extra: Partial<Figure> = {}): Figure {
  const failed = result.non2xx + result.errors
  const codes = Object.entries(result.statusCodes ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, n]) => `${code}: ${n}`)
  const what = [...codes, ...(result.errors > 0 ? [`errors/timeouts: ${result.errors}`] : [])].join(', ')
  return {
    id,
    label,
    value: result.rps,
    unit: 'req/s',
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    serverCpuUsPerRequest: result.serverCpuUsPerRequest,
    ...extra,
    ...(result.requests === 0
      ? { note: 'no answer within the measured window', met: extra.target ? false : undefined }
      : {}),
    ...(failed > 0
      ? {
          note: `${failed} of ${result.requests} requests failed (${what})${extra.note ? `; ${extra.note}` : ''}`,
          met: extra.target ? false : undefined,
        }
      : {}),
  }
}

const number = (value: number) =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 10 ? 1 : 2)

/** The figures as a fixed-width table, one line each, ready to paste into a README. */
export function table(figures: Figure[]): string {
  const header = ['figure', 'value', 'unit', 'p50', 'p99', 'cpu/req', 'ratio', 'target', 'result']
  const rows = figures.map((f) => [
    `${f.id} ${f.label}`,
    number(f.value),
    f.unit,
    f.p50Ms === undefined ? '' : `${f.p50Ms} ms`,
    f.p99Ms === undefined ? '' : `${f.p99Ms} ms`,
    f.serverCpuUsPerRequest == null ? '' : `${Math.round(f.serverCpuUsPerRequest)} µs`,
    f.ratio === undefined || !Number.isFinite(f.ratio) ? '' : `${f.ratio.toFixed(2)}× (${f.ratioTo})`,
    f.target ?? '',
    f.met === undefined ? (f.note ?? '') : `${f.met ? 'met' : 'MISSED'}${f.note ? ` (${f.note})` : ''}`,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 || i >= 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 || i >= 7 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n')
}
