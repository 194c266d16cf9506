/**
 * Crash tests need a process to die at an exact point, the way a power cut would: `MC_FAULT_KILL_AT=<point>`
 * makes `faultPoint(<point>)` send SIGKILL to this process. Unset in production, where it costs one comparison.
 */
export function faultPoint(point: string): void {
  if (process.env.MC_FAULT_KILL_AT === point) process.kill(process.pid, 'SIGKILL')
}
