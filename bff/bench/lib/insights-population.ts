import { categoryCase, daysTableSql, type GenDialect } from './insights-dialect'
import { activitySql, tierSql } from './insights-population-activity'

/**
 * A year and more of a large FMCG member program, written with set-based SQL (no API): the source tables the
 * nightly insights job reads. Per member, from hashes of its number (so runs repeat): 20 % never ordered, the rest
 * 1–24 orders (10 per member on average: 10,000,000 orders for 1,000,000 members) ending a skewed number of days
 * ago (recent to 400 days) and spaced so they span up to a year; ¥30–180 each, a fifth of them till purchases, 3 %
 * half refunded, 5 % of them paid for a mall redemption of all their points. Every order has a growth and a points
 * entry with its lot (growth lapses after 365 days, points at the end of the following year, with their expiry
 * entries when lapsed), one or two order lines with categories (60 % in the member's favourite). Tiers follow each
 * member's counted growth (白银 ≥ 500, 黄金 ≥ 2,000) with their join, upgrade, retain and downgrade history;
 * 白银/黄金 members claim monthly coupons and use 40 %; 3 % of members sign in on 60 % of the last 120 days
 * (5 points each); store-QR joins come with scene scans, and every store gets anonymous scans every day.
 *
 * Row ids are built from member numbers, so every table is written in member order and its indexes grow at the end.
 */
export function insightsPopulationSql(g: GenDialect, members: number, today: string): string[] {
  const pad = g.pad
  const at = (day: string, hm: string) => `${day} || 'T' || ${hm} || ':00.000Z'`
  const entryColumns = `id, member_id, ledger, amount, kind, reason, actor, actor_id, ref_type, ref_id,
    idempotency_key, reverses_entry_id, corrects_entry_id, lot_id, rule_version, balance_after, account_version,
    business_day, occurred_at, created_at`
  /** One ledger entry per row of `from`: kind, id and lot expressions over its columns. */
  const entries = (e: {
    id: string
    ledger: string
    amount: string
    kind: string
    ref: string
    lot: string
    version: string
    day: string
    at: string
    from: string
  }) => `insert into ledger_entries (${entryColumns})
    select ${e.id}, member_id, '${e.ledger}', ${e.amount}, '${e.kind}', '${e.kind} ' || ${e.ref}, 'system', null,
      'order', ${e.ref}, 'gen:' || ${e.id}, null, null, ${e.lot}, 1, ${e.amount}, ${e.version}, ${e.day},
      ${e.at}, ${e.at}
    from ${e.from}`
  const lots = (id: string, ledger: string, entry: string, amount: string, remaining: string, expires: string) =>
    `insert into ledger_lots (id, member_id, ledger, entry_id, amount, remaining, expires_at, created_at)
    select ${id}, member_id, '${ledger}', ${entry}, ${amount}, ${remaining}, ${expires}, paid_at from bench_o`
  // SQLite's || binds tighter than +, hence the parentheses.
  const pointsExpiry = (day: string) => `(${g.int(`substr(${day}, 1, 4)`)} + 1) || '-12-31T16:00:00.000Z'`

  return [
    ...daysTableSql(today, 1300, 800),
    'analyze bench_days',
    `insert into outlets (id, name, created_at)
      select 'out_' || ${pad('i + 1', 2)}, '门店 ' || (i + 1), '2023-01-01T00:00:00.000Z' from ${g.series(20)} s`,
    `insert into mall_items (id, title, description, images, points_price, cash_fen, stock, per_member_limit,
        min_tier_key, active_from, active_until, fulfilment, coupon, on_sale, created_at, updated_at)
      select 'itm_bench_' || ${pad('i', 2)}, '兑换商品 ' || i, '', '[]', 100, 0, 1000000, null, null, null, null,
        'pickup', null, 1, '2023-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z' from ${g.series(30)} s`,
    // Members: order count n, days since the last order, spacing, join day, store, favourite category.
    `create temp table bench_pop as
      select i, id, h, h2, n, last_d, gap, channel, outlet, fav, signs,
        case when n > 0 then last_d + (n - 1) * gap + 1 + (h2 / 64) % 90 else 1 + (h2 / 64) % 1094 end as joined_d
      from (select *, case when n > 0 then 1 + h2 % (1 + 365 / n) else 1 end as gap
        from (select i, 'mbr_' || ${pad('i', 8)} as id, h, h2,
            case when h % 10 < 2 then 0 else 1 + (h / 16) % 24 end as n,
            1 + ((h / 512) % 1000) * ((h / 512) % 1000) / 2500 as last_d,
            case when h2 % 10 < 3 then 'outlet_qr' else 'shop' end as channel,
            case when h2 % 10 < 3 then 'out_' || ${pad('1 + (h2 / 1024) % 20', 2)} else null end as outlet,
            (h / 65536) % 8 as fav, case when (h2 / 16) % 100 < 3 then 1 else 0 end as signs
          from (select i, ${g.hash('i')} as h, ${g.hash('i', true)} as h2 from ${g.series(members)} s) a) b) c`,
    'analyze bench_pop',
    `insert into members (id, openid, unionid, phone, nickname, joined_at, source_outlet_id, source_channel,
        birthday, created_at)
      select p.id, null, null, '13' || ${pad('p.i', 9)}, '会员' || p.i, ${at('d.day', "'03:00'")}, p.outlet,
        p.channel, null, ${at('d.day', "'03:00'")}
      from bench_pop p join bench_days d on d.d = p.joined_d order by p.i`,
    // Orders, one row per (member, k < n), in member order.
    `create temp table bench_o as
      select seq, member_id, d, day, oid, hx, paid_fen, refunded_fen, outlet, fav, paid_at,
        paid_fen / 100 as g, refunded_fen / 100 as gr, k,
        case when hx % 20 = 1 and refunded_fen = 0 and d >= 6 then 1 else 0 end as redeemed
      from (select r.seq, r.k, r.member_id, r.d, dd.day, 'GEN-' || ${pad('r.seq', 10)} as oid, r.hx,
          3000 + (r.hx / 8) % 15000 as paid_fen,
          case when r.hx % 100 < 3 then (3000 + (r.hx / 8) % 15000) / 2 else 0 end as refunded_fen,
          case when r.hx % 5 = 0 then coalesce(r.outlet, 'out_' || ${pad('1 + r.hx % 20', 2)}) end as outlet,
          r.fav, ${at('dd.day', `${pad('2 + (r.hx / 7) % 12', 2)} || ':' || ${pad('(r.hx / 11) % 60', 2)}`)} as paid_at
        from (select o.i * 32 + k.i as seq, k.i as k, o.id as member_id, o.last_d + k.i * o.gap as d, o.outlet,
            o.fav, ${g.hash('o.i * 32 + k.i')} as hx
          from bench_pop o join ${g.series(24)} k on k.i < o.n) r
        join bench_days dd on dd.d = r.d) q
      order by seq`,
    'analyze bench_o',
    `insert into orders (order_id, member_id, status, paid_fen, refunded_fen, growth_earned, points_earned,
        growth_credited, points_credited, growth_entry_id, points_entry_id, rule_version, outlet_id, source, paid_at,
        completed_at)
      select oid, member_id, 'completed', paid_fen, refunded_fen, g, g, g - gr, g - gr, 'eg' || ${pad('seq', 10)},
        'ep' || ${pad('seq', 10)}, 1, outlet, case when outlet is null then 'online' else 'outlet' end, paid_at, paid_at
      from bench_o`,
    `insert into order_refunds (order_id, refund_id, amount_fen, applied_at)
      select oid, 'RF1', refunded_fen, paid_at from bench_o where refunded_fen > 0`,
    `insert into order_lines (order_id, line_no, member_id, sku, category, qty, amount_fen, business_day, created_at)
      select oid, 1, member_id, 'SKU-' || ${pad('hx % 500', 3)},
        ${categoryCase('case when (hx / 13) % 10 < 6 then fav else (hx / 17) % 8 end')}, 1 + hx % 3,
        case when hx % 3 = 0 then paid_fen - paid_fen / 3 else paid_fen end, day, paid_at from bench_o`,
    `insert into order_lines (order_id, line_no, member_id, sku, category, qty, amount_fen, business_day, created_at)
      select oid, 2, member_id, 'SKU-' || ${pad('(hx / 3) % 500', 3)}, ${categoryCase('(hx / 19) % 8')}, 1,
        paid_fen / 3, day, paid_at from bench_o where hx % 3 = 0`,
    ...ledgerSql(g, entries, lots, pointsExpiry, Number(today.slice(0, 4))),
    ...tierSql(g),
    ...activitySql(g),
  ]
}

type EntriesSql = (e: {
  id: string
  ledger: string
  amount: string
  kind: string
  ref: string
  lot: string
  version: string
  day: string
  at: string
  from: string
}) => string
type LotsSql = (id: string, ledger: string, entry: string, amount: string, remaining: string, expires: string) => string

/** Orders' growth and points entries and lots, refunds, redemptions, expiries; then the accounts they add up to. */
function ledgerSql(
  g: GenDialect,
  entries: EntriesSql,
  lots: LotsSql,
  pointsExpiry: (day: string) => string,
  year: number,
) {
  const id = (prefix: string, seq = 'seq') => `'${prefix}' || ${g.pad(seq, 10)}`
  const pExpired = `${g.int('substr(day, 1, 4)')} + 2 <= ${year}`
  const pRemaining = `case when redeemed = 1 or ${pExpired} then 0 else g - gr end`
  const dayAt = (day: string) => `${day} || 'T01:00:00.000Z'`
  const shifted = (by: string, where: string) => `bench_o o join bench_days x on x.d = ${by} where ${where}`
  return [
    entries({
      id: id('eg'),
      ledger: 'growth',
      amount: 'g',
      kind: 'order',
      ref: 'oid',
      lot: id('lg'),
      version: 'k * 8 + 1',
      day: 'day',
      at: 'paid_at',
      from: 'bench_o',
    }),
    entries({
      id: id('ep'),
      ledger: 'points',
      amount: 'g',
      kind: 'order',
      ref: 'oid',
      lot: id('lp'),
      version: 'k * 8 + 4',
      day: 'day',
      at: 'paid_at',
      from: 'bench_o',
    }),
    lots(
      id('lg'),
      'growth',
      id('eg'),
      'g',
      'case when d >= 367 then 0 else g - gr end',
      `(select day from bench_days where d = bench_o.d - 365) || substr(paid_at, 11)`,
    ),
    lots(id('lp'), 'points', id('ep'), 'g', pRemaining, pointsExpiry('day')),
    ...(['growth', 'points'] as const).map((ledger, n) =>
      entries({
        id: id(`er${ledger[0]}`),
        ledger,
        amount: '-gr',
        kind: 'refund',
        ref: 'oid',
        lot: 'null',
        version: `k * 8 + ${2 + n * 3}`,
        day: 'x.day',
        at: dayAt('x.day'),
        from: shifted('case when o.d >= 2 then o.d - 2 else o.d end', 'o.refunded_fen > 0'),
      }),
    ),
    entries({
      id: id('ers'),
      ledger: 'points',
      amount: '-g',
      kind: 'redeem',
      ref: 'oid',
      lot: 'null',
      version: 'k * 8 + 6',
      day: 'x.day',
      at: dayAt('x.day'),
      from: shifted('o.d - 5', 'o.redeemed = 1'),
    }),
    entries({
      id: id('exg'),
      ledger: 'growth',
      amount: '-(g - gr)',
      kind: 'expiry',
      ref: 'oid',
      lot: 'null',
      version: 'k * 8 + 3',
      day: 'x.day',
      at: dayAt('x.day'),
      from: shifted('o.d - 366', 'o.d >= 367'),
    }),
    entries({
      id: id('exp'),
      ledger: 'points',
      amount: '-(g - gr)',
      kind: 'expiry',
      ref: 'oid',
      lot: 'null',
      version: 'k * 8 + 7',
      day: `(${g.int('substr(day, 1, 4)')} + 2) || '-01-01'`,
      at: `(${g.int('substr(day, 1, 4)')} + 2) || '-01-01T01:00:00.000Z'`,
      from: `bench_o where redeemed = 0 and ${pExpired}`,
    }),
  ]
}
