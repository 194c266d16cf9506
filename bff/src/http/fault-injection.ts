/**
 * Crash tests need a process to die at an exact point, the way a power cut would: `MC_FAULT_KILL_AT=<point>`
 * makes `faultPoint(<point>)` send SIGKILL to this process. `MC_FAULT_THROW_AT=<point>` throws there instead,
 * for tests that show a transaction failing midway leaves nothing behind. Unset in production, where each
 * costs one comparison.
 */
export function faultPoint(point: string): void {
  if (process.env.MC_FAULT_KILL_AT === point) process.kill(process.pid, 'SIGKILL')
  if (process.env.MC_FAULT_THROW_AT === point) throw new Error(`fault injected at ${point}`)
}
