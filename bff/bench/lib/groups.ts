/**
 * The figure groups `pnpm bench` can run. BENCH_ONLY (a comma list, e.g. `http` or `http,lookups`) runs only those
 * groups, so the HTTP figures can be measured in a minute without generating the million-member populations;
 * unset, every group runs. `http` is (a0), (a), (b) and (c); `tail` the 100-connection, open-loop, memory, soak,
 * rate-limit and two-instance figures.
 */
export const benchGroups = [
  'http',
  'tail',
  'import',
  'sweeps',
  'simulator',
  'lookups',
  'insights',
  'engagement',
] as const
export type BenchGroup = (typeof benchGroups)[number]

export function selectedGroups(only = process.env.BENCH_ONLY): (group: BenchGroup) => boolean {
  if (!only?.trim()) return () => true
  const chosen = only
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)
  for (const group of chosen) {
    if (!(benchGroups as readonly string[]).includes(group)) {
      throw new Error(`BENCH_ONLY: unknown group "${group}" (groups: ${benchGroups.join(', ')})`)
    }
  }
  return (group) => chosen.includes(group)
}
