import { permissions } from '@mc/shared'
import BetterSqlite3 from 'better-sqlite3'
import { sql, type Kysely } from 'kysely'
import { closeSync, fsyncSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { storeApiKey } from '../../src/auth/api-keys'
import { openDatabase } from '../../src/db/database'
import type { Database } from '../../src/db/schema'
import { prepareDatabase } from '../../src/setup/prepare-database'
import { startServer } from './child'
import { measure, type LoadResult, type LoadSettings, type NextRequest } from './load'
import { populateSqlite, sweepDay } from './population'
import { populatePostgres } from './population-postgres'
import { httpFigure, type Figure } from './report'

export const benchConsoleKey = 'mckey_bench_console_0123456789abcdef'

/**
 * (g) The console's lookups over a large member base: the sweep population (members with ledgers and tiers), plus a
 * card number for every member and one redemption per member of a points-only item, spread over the statuses and
 * fulfilments as a busy mall has them (mostly completed; a few awaiting payment, refunded or needing reconciliation).
 */
export async function prepareLookupDatabase(dir: string, members: number, postgresUrl?: string): Promise<string> {
  const path = postgresUrl ?? join(dir, 'lookups.db')
  const day = sweepDay()
  const created = openDatabase(path)
  await prepareDatabase(created.db)
  await storeApiKey(created.db, {
    name: 'bench console',
    permissions,
    createdBy: null,
    now: new Date(),
    secret: benchConsoleKey,
  })
  if (postgresUrl) {
    await populatePostgres(created.db, members, day)
    await populateLookupsPostgres(created.db, members, day.dayStartSeconds)
  }
  await created.close()
  if (postgresUrl) return path
  populateSqlite(path, members, day)
  populateLookups(path, members, day.dayStartSeconds)
  const fd = openSync(path, 'r+')
  fsyncSync(fd)
  closeSync(fd)
  return path
}

const delivery = JSON.stringify({ name: '压测', phone: '13800000000', address: '上海市徐汇区漕溪北路 1 号' })
const benchItem = `insert into mall_items (id, title, description, images, points_price, cash_fen, stock,
    per_member_limit, min_tier_key, active_from, active_until, fulfilment, coupon, on_sale, created_at, updated_at)
  values ('itm_bench_lookup', '压测商品', '', '[]', 10, 0, 1000000, null, null, null, null, 'pickup', null, 1,
    '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`

/**
 * The redemptions of both engines from one template: `n(i, width)` pads a number, `at` is the row's time,
 * `day` its business day; `s` is a table of the member numbers `i`.
 */
const redemptionsSql = (members: number, n: (i: string, width: number) => string, at: string, day: string) => `
  insert into mall_redemptions (id, member_id, item_id, item_title, item_image, fulfilment, quantity,
    points_cost, cash_fen, status, hold_id, claim_id, out_trade_no, transaction_id, payment_expires_at, paid_at,
    closed_at, pickup_code, picked_up_at, picked_up_by, delivery, refund_no, refund_reason, needs_reconciliation,
    business_day, created_at, updated_at, shipped_at)
  select 'rdm_' || ${n('i', 26)}, 'mbr_' || ${n(`((i * 104729) % ${members})`, 8)}, 'itm_bench_lookup', '压测商品',
    null, case when i % 3 = 0 then 'delivery' else 'pickup' end, 1, 10, 0,
    case when i % 100 < 90 then 'completed' when i % 100 < 95 then 'refunded' when i % 100 < 98 then 'expired'
      when i % 100 < 99 then 'cancelled' else 'pending_payment' end,
    null, null, null, null, null, null, null, null, null, null,
    case when i % 3 = 0 then '${delivery}' else null end, null, null,
    case when i % 10000 = 0 then 1 else 0 end,
    ${day}, ${at}, ${at}, case when i % 3 = 0 and i % 7 <> 0 then ${at} else null end
  from s`

function populateLookups(path: string, members: number, startSeconds: number) {
  const db = new BetterSqlite3(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  db.pragma('foreign_keys = OFF')
  db.pragma('cache_size = -400000')
  db.pragma('temp_store = MEMORY')
  const at = `strftime('%Y-%m-%dT%H:%M:%fZ', ${startSeconds} - 30 * 86400 + i * 2, 'unixepoch')`
  const day = `date(${startSeconds} + 8 * 3600 - 30 * 86400 + i * 2, 'unixepoch')`
  const n = (i: string, width: number) => `printf('%0${width}d', ${i})`
  db.transaction(() => {
    db.exec(`create temp table s as
      with recursive s(i) as (select 0 union all select i + 1 from s where i + 1 < ${members}) select i from s`)
    db.exec(`insert into member_codes (member_id, card_no, secret, created_at)
      select printf('mbr_%08d', i), printf('%09d', (i * 7919) % 1000000000), 'bench', ${at} from s`)
    db.exec(benchItem)
    db.exec(redemptionsSql(members, n, at, day))
    db.exec('drop table s')
  })()
  db.exec('analyze')
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}

async function populateLookupsPostgres(db: Kysely<Database>, members: number, startSeconds: number) {
  const utc = (seconds: string, format: string) => `to_char(to_timestamp(${seconds}) at time zone 'UTC', '${format}')`
  const at = utc(`${startSeconds} - 30 * 86400 + i * 2`, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  const day = utc(`${startSeconds} + 8 * 3600 - 30 * 86400 + i * 2`, 'YYYY-MM-DD')
  const n = (i: string, width: number) => `lpad((${i})::text, ${width}, '0')`
  await db.connection().execute(async (conn) => {
    const run = (text: string) => sql.raw(text).execute(conn)
    await run('begin')
    await run('set local session_replication_role = replica').catch(() => run('rollback').then(() => run('begin')))
    await run(`create unlogged table s as select i::bigint as i from generate_series(0, ${members - 1}) as i`)
    await run(`insert into member_codes (member_id, card_no, secret, created_at)
      select 'mbr_' || ${n('i', 8)}, ${n('(i * 7919) % 1000000000', 9)}, 'bench', ${at} from s`)
    await run(benchItem)
    await run(redemptionsSql(members, n, at, day))
    await run('drop table s')
    await run('commit')
    await run('analyze')
  })
}

const pick = (members: number) => Math.floor(Math.random() * members)
const authorized = (path: string): ReturnType<NextRequest> => ({
  method: 'GET',
  path,
  headers: { authorization: `Bearer ${benchConsoleKey}` },
})

/** The three lookups the issue sets targets for, against the product as `pnpm start` runs it. */
export async function lookupFigures(databaseUrl: string, members: number, load: LoadSettings) {
  // The targets are how fast one lookup answers, so one request at a time: with 10 connections on a one-threaded
  // server the p99 would mostly measure the queue in front of the lookup (the req/s is shown beside it all the same).
  const settings = { ...load, connections: 1 }
  const env = { DATABASE_URL: databaseUrl, JOBS_ENABLED: 'false', LOCAL_LOGIN_ENABLED: 'false', LOG_LEVEL: 'info' }
  const server = await startServer('src/index.ts', env, '/api/health')
  try {
    const byPhone = await measure(
      server,
      () => authorized(`/api/admin/members?q=13${String(pick(members)).padStart(9, '0')}`),
      settings,
    )
    const byCard = await measure(
      server,
      () => authorized(`/api/admin/members?q=${String((pick(members) * 7919) % 1_000_000_000).padStart(9, '0')}`),
      settings,
    )
    const filters = ['', 'status=completed', 'status=refunded', 'status=to_ship', 'reconciliation=needed']
    let n = 0
    const redemptions = await measure(
      server,
      () => {
        n += 1
        // Every sixth request pages from a random point of the list; the rest are first pages of each filter.
        const query =
          n % 6 === 5 ? `cursor=rdm_${String(pick(members)).padStart(26, '0')}` : filters[n % filters.length]
        return authorized(`/api/admin/mall/redemptions?${query}`)
      },
      settings,
    )
    return { byPhone, byCard, redemptions }
  } finally {
    await server.stop()
  }
}

export interface LookupResult {
  members: number
  byPhone: LoadResult
  byCard: LoadResult
  redemptions: LoadResult
}

/** Each lookup's p99 latency against its target, with the request rate it held. */
export function lookupTableFigures(result: LookupResult, engine: string): Figure[] {
  const members = result.members.toLocaleString('en-US')
  const full = result.members >= 1_000_000
  const scaled = full ? undefined : `only ${members} members: not the target's 1,000,000`
  const figure = (label: string, load: LoadResult, targetMs: number) =>
    httpFigure('(g)', `${label}, ${members} members (${engine})`, load, {
      target: `p99 < ${targetMs} ms`,
      met: full && load.p99Ms < targetMs,
      note: scaled,
    })
  return [
    figure('GET /api/admin/members?q=<phone>', result.byPhone, 100),
    figure('GET /api/admin/members?q=<card no>', result.byCard, 100),
    figure('GET /api/admin/mall/redemptions', result.redemptions, 300),
  ]
}
