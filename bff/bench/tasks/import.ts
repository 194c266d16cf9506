import { addDays, businessDayOf } from '@mc/shared'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/db/database'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { importMembers } from '../../src/migration-import/import-members'

// (d) In its own process: import BENCH_IMPORT_ROWS members from a generated CSV into a fresh database with the
// product's settings (BENCH_DATABASE_URL for PostgreSQL, else a temp SQLite file), through `importMembers` with
// its defaults, CSV parsing included. Prints one JSON line.
const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)
const now = new Date()
// Keys are HMACs under the install's secret; any fixed secret measures the same work.
const benchIdentitySecret = 'identity_bench_0123456789abcdef'
const today = businessDayOf(now)

/** What a merchant's export looks like: phones, some names and birthdays, balances, a few explicit expiries. */
function csv(count: number): string {
  const lines = ['phone,name,birthday,growth,points,points_expires_on']
  for (let i = 0; i < count; i += 1) {
    const h = (i * 2654435761) % 4294967296
    const birthday =
      h % 3 === 0
        ? `19${70 + (h % 30)}-${String(1 + (h % 12)).padStart(2, '0')}-${String(1 + (h % 28)).padStart(2, '0')}`
        : ''
    const expires = h % 10 === 0 ? addDays(today, 30 + (h % 300)) : ''
    lines.push(
      `15${String(i).padStart(9, '0')},${h % 4 === 0 ? '' : `导入会员${i}`},${birthday},` +
        `${h % 3000},${Math.floor(h / 256) % 5000},${expires}`,
    )
  }
  return `${lines.join('\n')}\n`
}

const text = csv(rows)
const url = process.env.BENCH_DATABASE_URL
const dir = url ? null : mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'mc-bench-import-'))
const { db, close } = openDatabase(url ?? join(dir!, 'import.db'))
try {
  await prepareDatabase(db)
  const started = performance.now()
  const summary = await importMembers(db, text, { identitySecret: benchIdentitySecret, now })
  const seconds = (performance.now() - started) / 1000
  const { rejects, ...counts } = summary
  if (rejects.length > 0) console.error(rejects.slice(0, 3))
  console.log(JSON.stringify({ rows, seconds, rowsPerSecond: rows / seconds, ...counts }))
} finally {
  await close()
  if (dir) rmSync(dir, { recursive: true, force: true })
}
