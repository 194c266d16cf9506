import { addDays, businessDayOf, businessDayStart, fmcgTemplate } from '@mc/shared'
import BetterSqlite3 from 'better-sqlite3'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../src/db/schema'

/**
 * A day's sweep over a large, settled member base, as it looks on an ordinary day: every member has one growth
 * lot and one points lot (each with its entry and account, so balances equal their entries), lapsing on days
 * spread evenly over the coming year, so about 1/365 of the lots fall due on the swept day; half the members hold
 * 白银 or 黄金 with validity ends spread over the year (about 1/365 of them end yesterday), with growth around
 * the retain thresholds so both retains and downgrades occur.
 */
export interface SweepDay {
  /** The instant the daily job runs: one hour into the swept business day. */
  now: Date
  today: string
  yesterday: string
  /** Epoch seconds at which the swept business day starts; lot expiries are whole days from here. */
  dayStartSeconds: number
}

export function sweepDay(at = new Date()): SweepDay {
  const calendar = fmcgTemplate.calendar
  const today = businessDayOf(at, calendar)
  const start = businessDayStart(today, calendar)
  // Whole days from the day start are business-day starts only in a zone without daylight saving, like the template's.
  if (businessDayStart(addDays(today, 200), calendar).getTime() - start.getTime() !== 200 * 86_400_000) {
    throw new Error(`the bench population assumes a calendar without daylight saving, got ${calendar.timeZone}`)
  }
  return {
    now: new Date(start.getTime() + 3_600_000),
    today,
    yesterday: addDays(today, -1),
    dayStartSeconds: start.getTime() / 1000,
  }
}

/** The id the population gives member number i. */
export const memberIdOf = (i: number) => `mbr_${String(i).padStart(8, '0')}`

// Per-member numbers from a multiplicative hash of the member number i, so a run is reproducible.
const columns = (i: string, hash: string) => `
  ${i} as i, printf('mbr_%08d', ${i}) as id,
  case when ${hash} % 100 < 10 then 'gold' when ${hash} % 100 < 50 then 'silver' else 'regular' end as tier,
  case when ${hash} % 100 < 10 then 1400 + (${hash} / 100) % 2600
       when ${hash} % 100 < 50 then 300 + (${hash} / 100) % 1700
       else 1 + (${hash} / 100) % 499 end as growth,
  1 + (${hash} / 1000) % 5000 as points,
  ${i} % 365 as growth_day, (${i} * 7 + 100) % 365 as points_day, (${i} * 13 + 50) % 365 as validity_day`

/**
 * Every member has ordered before (order GEN-i), so each also holds the first-order task's points, as a shop's
 * established customers would: an order in the bench is a repeat order, the posting the raw baseline (b) does, not
 * a first order that also posts the task.
 */
export const firstOrderPoints = 100

/**
 * Writes the population into a migrated SQLite file with set-based INSERT … SELECT over a recursive counter.
 * Loading uses its own connection with synchronous=OFF and no foreign-key checks (the rows are consistent by
 * construction); the sweeps that are timed afterwards open the file with the product's settings.
 */
export function populateSqlite(path: string, members: number, day: SweepDay): void {
  const db = new BetterSqlite3(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  db.pragma('foreign_keys = OFF')
  db.pragma('cache_size = -400000')
  db.pragma('temp_store = MEMORY')
  const iso = (seconds: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${seconds}, 'unixepoch')`
  const start = day.dayStartSeconds
  const earned = iso(`${start} - 200 * 86400`)
  const earnedDay = `date(${start} + 8 * 3600 - 200 * 86400, 'unixepoch')`
  db.transaction(() => {
    db.exec(`create temp table pop as
      with recursive s(i) as (select 0 union all select i + 1 from s where i + 1 < ${members})
      select ${columns('i', '((i * 2654435761) % 4294967296)')} from s`)
    db.exec(`insert into members (id, openid, unionid, phone, nickname, joined_at, source_outlet_id, source_channel,
        birthday, created_at)
      select id, null, null, printf('13%09d', i), '会员' || i, ${earned}, null, 'shop', null, ${earned} from pop`)
    for (const [ledger, entry, lot, amount, dayColumn] of [
      ['growth', 'gre', 'glt', 'growth', 'growth_day'],
      ['points', 'pte', 'plt', 'points', 'points_day'],
    ] as const) {
      db.exec(`insert into ledger_entries (id, member_id, ledger, amount, kind, reason, actor, actor_id,
          ref_type, ref_id, idempotency_key, reverses_entry_id, corrects_entry_id, lot_id, rule_version, balance_after,
          account_version, business_day, occurred_at, created_at)
        select printf('${entry}_%08d', i), id, '${ledger}', ${amount}, 'order', '订单 GEN-' || i, 'system', null, 'order',
          printf('GEN-%08d', i), printf('order:GEN-%08d:${ledger}', i), null, null, printf('${lot}_%08d', i), 1,
          ${amount}, 1, ${earnedDay}, ${earned}, ${earned} from pop`)
      db.exec(`insert into ledger_lots (id, member_id, ledger, entry_id, amount, remaining, expires_at, created_at)
        select printf('${lot}_%08d', i), id, '${ledger}', printf('${entry}_%08d', i), ${amount}, ${amount},
          ${iso(`${start} + ${dayColumn} * 86400`)}, ${earned} from pop`)
      if (ledger === 'points') {
        db.exec(`insert into ledger_entries (id, member_id, ledger, amount, kind, reason, actor, actor_id, ref_type,
            ref_id, idempotency_key, reverses_entry_id, corrects_entry_id, lot_id, rule_version, balance_after,
            account_version, business_day, occurred_at, created_at)
          select printf('pfo_%08d', i), id, 'points', ${firstOrderPoints}, 'first_order',
            '首单奖励（订单 GEN-' || printf('%08d', i) || '）', 'system', null, 'order', printf('GEN-%08d', i),
            'first_order:' || id || printf(':GEN-%08d:points', i), null, null, printf('pfl_%08d', i), 1,
            points + ${firstOrderPoints}, 2, ${earnedDay}, ${earned}, ${earned} from pop`)
        db.exec(`insert into ledger_lots (id, member_id, ledger, entry_id, amount, remaining, expires_at, created_at)
          select printf('pfl_%08d', i), id, 'points', printf('pfo_%08d', i), ${firstOrderPoints},
            ${firstOrderPoints}, ${iso(`${start} + points_day * 86400`)}, ${earned} from pop`)
      }
      const [balance, version] = ledger === 'points' ? [`points + ${firstOrderPoints}`, 2] : [amount, 1]
      db.exec(`insert into ledger_accounts (member_id, ledger, balance, held, version)
        select id, '${ledger}', ${balance}, 0, ${version} from pop`)
    }
    db.exec(`insert into member_tiers (member_id, tier_key, valid_until, since, rule_version)
      select id, tier,
        case when tier = 'regular' then null else date('${day.yesterday}', '+' || validity_day || ' days') end,
        ${earned}, 1 from pop`)
    db.exec('drop table pop')
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}

/** What is due on the swept day, counted before the sweeps run, to state next to their times. */
export async function dueCounts(db: Kysely<Database>, day: SweepDay) {
  const nowIso = day.now.toISOString()
  const lots = await db
    .selectFrom('ledger_lots')
    .select((eb) => [eb.fn.countAll<number>().as('lots'), eb.fn.count<number>('member_id').distinct().as('members')])
    .where('remaining', '>', 0)
    .where('expires_at', '<=', nowIso)
    .executeTakeFirstOrThrow()
  const tiers = await db
    .selectFrom('member_tiers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('valid_until', '<', day.today)
    .executeTakeFirstOrThrow()
  return { dueLots: Number(lots.lots), dueLotMembers: Number(lots.members), dueTiers: Number(tiers.n) }
}

/** After the sweeps: every account the expiry touched still equals the sum of its entries and its unspent lots. */
export async function driftAfterExpiry(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from ledger_accounts a
    where a.member_id in (select member_id from ledger_entries where kind = 'expiry')
      and (a.balance <> (select sum(e.amount) from ledger_entries e
          where e.member_id = a.member_id and e.ledger = a.ledger)
        or a.balance <> (select coalesce(sum(l.remaining), 0) from ledger_lots l
          where l.member_id = a.member_id and l.ledger = a.ledger))`.execute(db)
  return Number(rows[0].n)
}
