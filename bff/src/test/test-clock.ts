import type { Clock } from '../deps'

/** A clock tests move by hand, so time-dependent rules are checked on both sides of their boundaries. */
export class TestClock implements Clock {
  #nowMs: number

  constructor(iso = '2026-11-23T02:00:00.000Z') {
    this.#nowMs = Date.parse(iso)
  }

  now(): Date {
    return new Date(this.#nowMs)
  }

  set(iso: string): void {
    this.#nowMs = Date.parse(iso)
  }

  advanceMs(ms: number): void {
    this.#nowMs += ms
  }
}

/**
 * A clock that starts at a chosen instant and then runs with real time, for a server a browser talks to:
 * code steps and payment countdowns still move on their own, and a test jumps it forward instead of waiting.
 */
export class RunningTestClock implements Clock {
  readonly #startMs: number
  readonly #realStartMs = performance.now()
  #advancedMs = 0

  constructor(iso: string) {
    this.#startMs = Date.parse(iso)
    if (Number.isNaN(this.#startMs)) throw new Error(`not an instant: ${iso}`)
  }

  now(): Date {
    return new Date(Math.floor(this.#startMs + this.#advancedMs + performance.now() - this.#realStartMs))
  }

  advanceMs(ms: number): void {
    this.#advancedMs += ms
  }
}
