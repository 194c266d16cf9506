import { addDays, defaultEngagementSettings, type EngagementSettings } from '@mc/shared'
import { PostgresAdapter, sql, type Kysely } from 'kysely'
import type { Database } from '../../src/db/schema'
import { saveEngagementSettings } from '../../src/outreach/engagement-settings'
import type { GenDialect } from './insights-dialect'
import { benchTemplates } from './engagement-population'

/**
 * The merchant's settings for the bench: every journey on with the defaults (10 % holdouts, cap 3 a week, quiet
 * hours 21:00–09:00, WeChat 600 and SMS 300 a minute), a WeChat template and an SMS template for each category the
 * journeys and the campaign send in, so every channel is really used.
 */
export function benchSettings(): EngagementSettings {
  const wechat = (templateId: string) => ({ templateId, fields: { thing1: '{标题}', thing2: '{内容}' } })
  const sms = (templateCode: string) => ({ templateCode, params: { title: '{标题}' } })
  return {
    ...defaultEngagementSettings,
    wechat: {
      ...defaultEngagementSettings.wechat,
      templates: {
        offers: wechat(benchTemplates.offers),
        points: wechat(benchTemplates.points),
        care: wechat(benchTemplates.care),
        tier: wechat(benchTemplates.tier),
      },
    },
    sms: {
      ...defaultEngagementSettings.sms,
      signName: '会员中心',
      templates: {
        offers: sms('SMS_0001'),
        points: sms('SMS_0002'),
        care: sms('SMS_0003'),
        tier: sms('SMS_0004'),
      },
    },
  }
}

export async function saveBenchSettings(db: Kysely<Database>, now: Date) {
  return saveEngagementSettings(db, benchSettings(), 'bench', now)
}

/** What each due set holds, as the journeys see it. */
export interface DueSet {
  due: number
  pointsExpiring: number
  birthday: number
  winBack: number
}

/**
 * Makes `n` members due tonight, spread over the whole member range: 40 % have their points lot expire five days
 * ahead (the reminder looks seven ahead), 40 % a December birthday (the run's month), 20 % their only order age
 * into dormancy yesterday (win-back waits 30 days and issues a coupon). The rows changed are saved first, so
 * `undoDue` puts them back exactly.
 */
export async function makeDue(
  db: Kysely<Database>,
  g: GenDialect,
  members: number,
  n: number,
  today: string,
): Promise<DueSet> {
  const points = Math.round(n * 0.4)
  const birthday = Math.round(n * 0.4)
  const winBack = n - points - birthday
  const step = Math.floor(members / n)
  // Member numbers k·step + offset: the three sets never overlap, so each due member is due for one journey.
  const pick = (count: number, offset: number, prefix: string) =>
    `(select '${prefix}' || ${g.pad(`i * ${step} + ${offset}`, 8)} from ${g.series(count)} s)`
  const run = (text: string) => sql.raw(text).execute(db)
  const day = (offset: number) => `'${addDays(today, offset)}'`
  await run(
    `create table bench_saved_lots as select id, expires_at from ledger_lots where id in ${pick(points, 0, 'plt_')}`,
  )
  await run(
    `create table bench_saved_members as select id, birthday from members where id in ${pick(birthday, 1, 'mbr_')}`,
  )
  await run(`create table bench_saved_orders as select order_id, paid_at from orders
    where order_id in ${pick(winBack, 2, 'GEN-')}`)
  await movingLotExpiries(db, (move) =>
    move(
      `update ledger_lots set expires_at = ${day(5)} || 'T00:00:00.000Z' where id in (select id from bench_saved_lots)`,
    ),
  )
  await run(
    `update members set birthday = '1990-${today.slice(5, 7)}-15' where id in (select id from bench_saved_members)`,
  )
  await run(`update orders set paid_at = ${day(-30)} || 'T04:00:00.000Z', completed_at = ${day(-30)} || 'T04:00:00.000Z'
    where order_id in (select order_id from bench_saved_orders)`)
  return { due: n, pointsExpiring: points, birthday, winBack }
}

/** Puts back the rows `makeDue` changed and drops its saved copies. */
export async function undoDue(db: Kysely<Database>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db)
  await movingLotExpiries(db, (move) =>
    move(`update ledger_lots
      set expires_at = (select s.expires_at from bench_saved_lots s where s.id = ledger_lots.id)
      where id in (select id from bench_saved_lots)`),
  )
  await run(`update members set birthday = (select s.birthday from bench_saved_members s where s.id = members.id)
    where id in (select id from bench_saved_members)`)
  await run(`update orders
    set paid_at = (select s.paid_at from bench_saved_orders s where s.order_id = orders.order_id),
      completed_at = (select s.paid_at from bench_saved_orders s where s.order_id = orders.order_id)
    where order_id in (select order_id from bench_saved_orders)`)
  for (const table of ['bench_saved_lots', 'bench_saved_members', 'bench_saved_orders'])
    await run(`drop table ${table}`)
}

/**
 * Runs `change` with the guard that lets a lot's expiry move only through a points extension lifted: the bench
 * moves expiries to make members due and back, which no product code may do. On SQLite the trigger is dropped and
 * put back; on PostgreSQL the one connection used stops firing triggers meanwhile.
 */
async function movingLotExpiries(
  db: Kysely<Database>,
  change: (move: (text: string) => Promise<unknown>) => Promise<unknown>,
): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.connection().execute(async (conn) => {
    const run = (text: string) => sql.raw(text).execute(conn)
    const { rows: triggers } = postgres
      ? { rows: [] }
      : await sql<{ sql: string; name: string }>`select name, sql from sqlite_master
          where type = 'trigger' and name = 'ledger_lots_expiry_by_extension'`.execute(conn)
    if (postgres) await run('set session_replication_role = replica')
    else for (const t of triggers) await run(`drop trigger ${t.name}`)
    try {
      await change(run)
    } finally {
      if (postgres) await run('set session_replication_role = origin')
      else for (const t of triggers) await run(t.sql)
    }
  })
}

/**
 * Everything a journey run or a campaign wrote (the population has none of these rows), so every figure starts from
 * the same database: decisions, outbox, inbox, coupons with their claims and events, campaigns and segments, spent
 * subscriptions, job runs and leases. Claims and events are append-only (triggers refuse a DELETE): on SQLite their
 * triggers are dropped and put back around the delete; on PostgreSQL the session stops firing triggers meanwhile.
 */
export async function resetEngagement(db: Kysely<Database>, kind: 'sqlite' | 'postgres'): Promise<void> {
  await db.connection().execute(async (conn) => {
    const run = (text: string) => sql.raw(text).execute(conn)
    const guarded = ['benefit_claims', 'benefit_events']
    const { rows: triggers } =
      kind === 'sqlite'
        ? await sql<{ sql: string; name: string }>`select name, sql from sqlite_master
            where type = 'trigger' and tbl_name in (${sql.join(guarded)})`.execute(conn)
        : { rows: [] }
    if (kind === 'sqlite') for (const t of triggers) await run(`drop trigger ${t.name}`)
    else await run('set session_replication_role = replica')
    try {
      for (const table of [
        'outbox',
        'notifications',
        'benefit_events',
        'coupons',
        'benefit_claims',
        'engagement_sends',
      ])
        await run(`delete from ${table}`)
      await run('delete from campaigns')
      await run('delete from segments')
      await run(`update wechat_subscriptions set used_at = null, outbox_id = null, spent_reason = null
        where used_at is not null or outbox_id is not null`)
      await run(`delete from job_runs where job in ('journeys', 'campaigns', 'outbox')`)
      await run(`delete from job_leases where job in ('journeys', 'campaigns', 'outbox')`)
    } finally {
      if (kind === 'sqlite') for (const t of triggers) await run(t.sql)
      else await run('set session_replication_role = origin')
    }
  })
}
