import type { ExpirySummary } from '../../src/jobs/expire-lots'
import type { TierSweepSummary } from '../../src/jobs/sweep-tiers'
import type { Figure } from './report'

/** What tasks/import.ts prints. */
export interface ImportResult {
  rows: number
  seconds: number
  rowsPerSecond: number
  imported: number
  alreadyImported: number
  rejected: number
}

/** What tasks/sweeps.ts prints. */
export interface SweepResult {
  members: number
  loadSeconds: number
  due: { dueLots: number; dueLotMembers: number; dueTiers: number }
  expiry: ExpirySummary
  expirySeconds: number
  tiers: TierSweepSummary
  tierSeconds: number
  drift: number
}

/** The two sweep figures: seconds against the targets, and items per second relative to (b). */
export function sweepFigures(sweeps: SweepResult, b: number, engine: string): Figure[] {
  const members = sweeps.members.toLocaleString('en-US')
  const lots = sweeps.expiry.pointsLots + sweeps.expiry.growthLots
  const full = sweeps.members >= 1_000_000
  const scaled = full ? '' : ` (only ${members} members: not the target's 1,000,000)`
  return [
    {
      id: '(e)',
      label: `expiry sweep, ${members} members (${engine})`,
      value: sweeps.expirySeconds,
      unit: 's',
      ratio: lots / sweeps.expirySeconds / b,
      ratioTo: 'b',
      target: '< 3 s',
      met: full && sweeps.expirySeconds < 3,
      note: `${lots.toLocaleString('en-US')} lots expired${sweeps.drift > 0 ? `, DRIFT ${sweeps.drift}` : ''}${scaled}`,
    },
    {
      id: '(e)',
      label: `tier sweep, ${members} members (${engine})`,
      value: sweeps.tierSeconds,
      unit: 's',
      ratio: sweeps.tiers.evaluated / sweeps.tierSeconds / b,
      ratioTo: 'b',
      target: '< 1 s',
      met: full && sweeps.tierSeconds < 1,
      note:
        `${sweeps.tiers.evaluated.toLocaleString('en-US')} evaluated: ` +
        `${sweeps.tiers.retained} kept, ${sweeps.tiers.downgraded} down${scaled}`,
    },
  ]
}

/** What tasks/simulator.ts prints. */
export interface SimulatorResult {
  members: number
  seconds: number
  simulated: number
  predicted: number[]
}

/** The rules simulator must answer an interactive editor: under 2 s on 100,000 members. */
export function simulatorFigure(result: SimulatorResult, b: number): Figure {
  const members = result.members.toLocaleString('en-US')
  return {
    id: '(f)',
    label: `rules simulator, ${members} members (SQLite)`,
    value: result.seconds,
    unit: 's',
    ratio: result.members / result.seconds / b,
    ratioTo: 'b',
    target: '< 2 s',
    met: result.members >= 100_000 && result.seconds < 2,
    note: `predicted ${result.predicted.join(' / ')} per tier`,
  }
}
