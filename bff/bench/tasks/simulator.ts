import BetterSqlite3 from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/db/database'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { createDraft } from '../../src/program-drafts/program-drafts'
import { simulateDraft } from '../../src/program-drafts/simulate-draft'
import { populateSqlite, sweepDay } from '../lib/population'

// (f) In its own process: BENCH_SIMULATOR_MEMBERS members (default 100,000) with tiers, growth ledgers and
// three orders each, then one simulation of a draft (the apparel template) as the rules editor runs it.
// Prints one JSON line.
const members = Number(process.env.BENCH_SIMULATOR_MEMBERS ?? 100_000)
const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'mc-bench-simulator-'))
const path = join(dir, 'simulator.db')
const day = sweepDay()
try {
  const created = openDatabase(path)
  await prepareDatabase(created.db)
  await created.close()
  populateSqlite(path, members, day)
  const raw = new BetterSqlite3(path)
  raw.pragma('synchronous = OFF')
  // Three paid orders per member over the last 300 days, amounts from a hash of (member, order) so runs repeat.
  raw.exec(`insert into orders (order_id, member_id, status, paid_fen, refunded_fen, growth_earned, points_earned,
      growth_credited, points_credited, growth_entry_id, points_entry_id, rule_version, outlet_id, source, paid_at,
      completed_at)
    select printf('SIM-%s-%d', m.id, k.n), m.id, 'completed',
      3000 + ((rowid * 2654435761 + k.n * 40503) % 4294967296) % 60000, 0, 0, 0, 0, 0,
      null, null, 1, null, 'online',
      strftime('%Y-%m-%dT%H:%M:%fZ', ${day.dayStartSeconds} - (k.n * 97 % 300) * 86400, 'unixepoch'),
      strftime('%Y-%m-%dT%H:%M:%fZ', ${day.dayStartSeconds} - (k.n * 97 % 300) * 86400 + 86400 * 3, 'unixepoch')
    from members m, (select 1 as n union all select 2 union all select 3) k`)
  raw.close()
  const { db, close } = openDatabase(path)
  try {
    const draft = await createDraft(db, { template: 'apparel' }, 'bench', day.now)
    const started = performance.now()
    const result = await simulateDraft(db, draft.id, day.now)
    const seconds = (performance.now() - started) / 1000
    console.log(
      JSON.stringify({
        members,
        seconds,
        simulated: result.members,
        predicted: result.predicted.map((t) => t.members),
      }),
    )
  } finally {
    await close()
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
