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
