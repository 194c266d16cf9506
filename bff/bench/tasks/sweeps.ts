import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/db/database'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { expireLots } from '../../src/jobs/expire-lots'
import { sweepTiers } from '../../src/jobs/sweep-tiers'
import { publishedProgram } from '../../src/program/published-program'
import { driftAfterExpiry, dueCounts, populateSqlite, sweepDay } from '../lib/population'
import { populatePostgres } from '../lib/population-postgres'

// (e) In its own process: generate BENCH_SWEEP_MEMBERS members (in BENCH_DATABASE_URL, an empty PostgreSQL
// database, else a temp SQLite file), then time one expiry sweep and one tier sweep exactly as the daily job runs
// them (expiry first), on a connection with the product's settings. Prints one JSON line.
const members = Number(process.env.BENCH_SWEEP_MEMBERS ?? 1_000_000)
const url = process.env.BENCH_DATABASE_URL
const dir = url ? null : mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'mc-bench-sweeps-'))
const path = url ?? join(dir!, 'sweeps.db')
const day = sweepDay()
try {
  const loadStarted = performance.now()
  const created = openDatabase(path)
  await prepareDatabase(created.db)
  if (url) await populatePostgres(created.db, members, day)
  await created.close()
  if (!url) {
    populateSqlite(path, members, day)
    // Flush the generated gigabytes now, so the timed sweeps do not pay for the kernel writing them back.
    const fd = openSync(path, 'r+')
    fsyncSync(fd)
    closeSync(fd)
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000

  const { db, close } = openDatabase(path)
  try {
    const due = await dueCounts(db, day)
    const program = await publishedProgram(db)
    let started = performance.now()
    const expiry = await expireLots(db, program, day.now)
    const expirySeconds = (performance.now() - started) / 1000
    started = performance.now()
    const tiers = await sweepTiers(db, program, day.now)
    const tierSeconds = (performance.now() - started) / 1000
    const drift = await driftAfterExpiry(db)
    console.log(JSON.stringify({ members, loadSeconds, due, expiry, expirySeconds, tiers, tierSeconds, drift }))
  } finally {
    await close()
  }
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true })
}
