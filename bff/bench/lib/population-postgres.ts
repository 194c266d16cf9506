import { sql, type Kysely } from 'kysely'
import type { Database } from '../../src/db/schema'
import { firstOrderPoints, type SweepDay } from './population'

/**
 * The same population as `populateSqlite`, for PostgreSQL: set-based INSERT … SELECT over generate_series, with
 * foreign-key triggers off while loading (session_replication_role, where the role may set it; the rows are
 * consistent by construction), then ANALYZE, as autovacuum would have done on a real database.
 */
export async function populatePostgres(db: Kysely<Database>, members: number, day: SweepDay): Promise<void> {
  const start = day.dayStartSeconds
  const iso = (seconds: string) =>
    `to_char(to_timestamp(${seconds}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
  const earned = iso(`${start} - 200 * 86400`)
  const earnedDay = `to_char(to_timestamp(${start} + 8 * 3600 - 200 * 86400) at time zone 'UTC', 'YYYY-MM-DD')`
  const h = '((i::bigint * 2654435761) % 4294967296)'
  await db.connection().execute(async (conn) => {
    const run = (text: string) => sql.raw(text).execute(conn)
    await run('begin')
    await run('set local session_replication_role = replica').catch(() => run('rollback').then(() => run('begin')))
    await run(`create unlogged table bench_pop as select i, 'mbr_' || lpad(i::text, 8, '0') as id,
      case when ${h} % 100 < 10 then 'gold' when ${h} % 100 < 50 then 'silver' else 'regular' end as tier,
      (case when ${h} % 100 < 10 then 1400 + (${h} / 100) % 2600 when ${h} % 100 < 50 then 300 + (${h} / 100) % 1700
        else 1 + (${h} / 100) % 499 end)::int as growth,
      (1 + (${h} / 1000) % 5000)::int as points,
      i % 365 as growth_day, (i * 7 + 100) % 365 as points_day, (i * 13 + 50) % 365 as validity_day
      from generate_series(0, ${members - 1}) as i`)
    await run(`insert into members (id, openid, unionid, phone, nickname, joined_at, source_outlet_id, source_channel,
        birthday, created_at)
      select id, null, null, '13' || lpad(i::text, 9, '0'), '会员' || i, ${earned}, null, 'shop', null, ${earned}
      from bench_pop`)
    for (const [ledger, entry, lot, amount, dayColumn] of [
      ['growth', 'gre', 'glt', 'growth', 'growth_day'],
      ['points', 'pte', 'plt', 'points', 'points_day'],
    ] as const) {
      const n = `lpad(i::text, 8, '0')`
      await run(`insert into ledger_entries (id, member_id, ledger, amount, kind, reason, actor, actor_id,
          ref_type, ref_id, idempotency_key, reverses_entry_id, corrects_entry_id, lot_id, rule_version, balance_after,
          account_version, business_day, occurred_at, created_at)
        select '${entry}_' || ${n}, id, '${ledger}', ${amount}, 'order', '订单 GEN-' || i, 'system', null, 'order',
          'GEN-' || ${n}, 'order:GEN-' || ${n} || ':${ledger}', null, null, '${lot}_' || ${n}, 1, ${amount}, 1,
          ${earnedDay}, ${earned}, ${earned} from bench_pop`)
      await run(`insert into ledger_lots (id, member_id, ledger, entry_id, amount, remaining, expires_at, created_at)
        select '${lot}_' || ${n}, id, '${ledger}', '${entry}_' || ${n}, ${amount}, ${amount},
          ${iso(`${start} + ${dayColumn} * 86400`)}, ${earned} from bench_pop`)
      if (ledger === 'points') {
        await run(`insert into ledger_entries (id, member_id, ledger, amount, kind, reason, actor, actor_id, ref_type,
            ref_id, idempotency_key, reverses_entry_id, corrects_entry_id, lot_id, rule_version, balance_after,
            account_version, business_day, occurred_at, created_at)
          select 'pfo_' || ${n}, id, 'points', ${firstOrderPoints}, 'first_order', '首单奖励（订单 GEN-' || ${n} || '）',
            'system', null, 'order', 'GEN-' || ${n}, 'first_order:' || id || ':GEN-' || ${n} || ':points', null, null,
            'pfl_' || ${n}, 1, points + ${firstOrderPoints}, 2, ${earnedDay}, ${earned}, ${earned} from bench_pop`)
        await run(`insert into ledger_lots (id, member_id, ledger, entry_id, amount, remaining, expires_at, created_at)
          select 'pfl_' || ${n}, id, 'points', 'pfo_' || ${n}, ${firstOrderPoints}, ${firstOrderPoints},
            ${iso(`${start} + points_day * 86400`)}, ${earned} from bench_pop`)
      }
      const [balance, version] = ledger === 'points' ? [`points + ${firstOrderPoints}`, 2] : [amount, 1]
      await run(`insert into ledger_accounts (member_id, ledger, balance, held, version)
        select id, '${ledger}', ${balance}, 0, ${version} from bench_pop`)
    }
    await run(`insert into member_tiers (member_id, tier_key, valid_until, since, rule_version)
      select id, tier,
        case when tier = 'regular' then null else to_char(date '${day.yesterday}' + validity_day, 'YYYY-MM-DD') end,
        ${earned}, 1 from bench_pop`)
    await run('drop table bench_pop')
    await run('commit')
    await run('analyze')
  })
}
