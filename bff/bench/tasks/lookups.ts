import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lookupFigures, prepareLookupDatabase } from '../lib/lookup-figures'

// (g) In its own process: generate BENCH_LOOKUP_MEMBERS members with card numbers and as many redemptions in a
// temp SQLite file, then drive the console's member search (by phone, by card number) and the admin redemptions
// list on the product's server. Prints one JSON line.
const members = Number(process.env.BENCH_LOOKUP_MEMBERS ?? 1_000_000)
const settings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  warmupSeconds: Number(process.env.BENCH_WARMUP ?? 2),
  durationSeconds: Number(process.env.BENCH_DURATION ?? 8),
}
// BENCH_DATABASE_URL (an empty PostgreSQL database) instead of the temp SQLite file.
const url = process.env.BENCH_DATABASE_URL
const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'mc-bench-lookups-'))
try {
  const started = performance.now()
  const path = await prepareLookupDatabase(dir, members, url)
  const loadSeconds = (performance.now() - started) / 1000
  const figures = await lookupFigures(path, members, settings)
  console.log(JSON.stringify({ members, loadSeconds, ...figures }))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
