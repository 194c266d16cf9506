import { sql, type Kysely } from 'kysely'
import type { Database } from '../../src/db/schema'
import type { OutreachAdapters } from '../../src/outreach/outreach-adapters'

/**
 * (l0) The floor of a nightly pass that looks at every member: one join of members, their tier and their points
 * account, read whole. A run that finds nothing due should cost far less (its finders read indexes only).
 */
export async function scanBaseline(db: Kysely<Database>) {
  const started = performance.now()
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n, sum(a.balance) as points, max(m.birthday) as birthday, max(t.valid_until) as valid_until
    from members m
    join member_tiers t on t.member_id = m.id
    join ledger_accounts a on a.member_id = m.id and a.ledger = 'points'`.execute(db)
  return { seconds: (performance.now() - started) / 1000, rows: Number(rows[0].n) }
}

/**
 * (j0) The floor of planning a campaign to every member: one INSERT … SELECT writing a decision row per member
 * into a table shaped like `engagement_sends` (primary key, unique dedupe key, the member index), in one
 * transaction through the product's connection, then dropped. A campaign writes this much and more (the outbox,
 * the inbox, the coupons), so it cannot come in under 1×.
 */
export async function writeBaseline(db: Kysely<Database>) {
  await sql`drop table if exists bench_sends_copy`.execute(db)
  await sql`create table bench_sends_copy (id varchar(40) primary key, source_type varchar(10) not null,
    source_id varchar(40) not null, member_id varchar(40) not null, period varchar(40) not null,
    dedupe_key varchar(160) not null unique, arm varchar(8) not null, outcome varchar(12) not null,
    business_day varchar(10) not null, decided_at varchar(32) not null)`.execute(db)
  await sql`create index bench_sends_copy_member on bench_sends_copy (member_id, decided_at)`.execute(db)
  const started = performance.now()
  const result = await db.transaction().execute((trx) =>
    sql`insert into bench_sends_copy (id, source_type, source_id, member_id, period, dedupe_key, arm, outcome,
        business_day, decided_at)
      select 'esd_' || substr(m.id, 5), 'campaign', 'cmp_bench', m.id, 'once',
        'campaign:cmp_bench:' || m.id || ':once', 'A', 'sent', '2026-01-01', '2026-01-01T02:00:00.000Z'
      from members m`.execute(trx),
  )
  const seconds = (performance.now() - started) / 1000
  await sql`drop table bench_sends_copy`.execute(db)
  return { seconds, rows: Number(result.numAffectedRows ?? 0) }
}

/**
 * In-bench providers for the two push ports: each answers at once with success and counts what it was asked to
 * send, so the drain's figure is the product's own work (claiming, marking, subscription spending), not a network.
 */
export function countingAdapters() {
  const sent = { wechat: 0, sms: 0 }
  const adapters: OutreachAdapters = {
    wechat: {
      send: async () => {
        sent.wechat += 1
        return { ok: true, providerId: `wx-${sent.wechat}` }
      },
    },
    sms: {
      send: async () => {
        sent.sms += 1
        return { ok: true, providerId: `sms-${sent.sms}` }
      },
    },
  }
  return { adapters, sent }
}

/** Rows of a table grouped by two columns, as `a/b → n`, for stating what a figure wrote. */
export async function countBy(db: Kysely<Database>, table: 'engagement_sends' | 'outbox', a: string, b: string) {
  const { rows } = await sql<{ a: string; b: string; n: number | string }>`
    select ${sql.ref(a)} as a, ${sql.ref(b)} as b, count(*) as n
    from ${sql.table(table)} group by ${sql.ref(a)}, ${sql.ref(b)}`.execute(db)
  return Object.fromEntries(rows.map((r) => [`${r.a}/${r.b}`, Number(r.n)]))
}
