import type { GenDialect } from './insights-dialect'

// The second half of the insights population (see insights-population.ts): tiers, mall, benefits, sign-ins, scans.

/** Tiers from counted growth, with their history; accounts first, since the tier follows the growth balance. */
export function tierSql(g: GenDialect) {
  const day = (d: string) => `(select day from bench_days where d = ${d})`
  const change = (id: string, kind: string, from: string, to: string, d: string, where: string) =>
    `insert into tier_changes (id, member_id, kind, from_key, to_key, valid_until, growth, business_day, rule_version,
        created_at)
      select '${id}' || ${g.pad('i', 8)}, id, '${kind}', ${from}, ${to}, null, 0, ${day(d)}, 1,
        ${day(d)} || 'T01:00:00.000Z'
      from bench_tier where ${where}`
  return [
    `insert into ledger_accounts (member_id, ledger, balance, held, version)
      select member_id, ledger, sum(remaining), 0, count(*) from ledger_lots group by member_id, ledger`,
    `insert into ledger_accounts (member_id, ledger, balance, held, version)
      select p.id, l.ledger, 0, 0, 0 from bench_pop p
        cross join (select 'growth' as ledger union all select 'points') l
      where not exists (select 1 from ledger_accounts a where a.member_id = p.id and a.ledger = l.ledger)`,
    `create temp table bench_tier as
      select p.i, p.id, p.h, p.n, p.joined_d, t.tier, t.u1,
        case when t.tier = 'gold' then p.last_d + (t.u1 - p.last_d) / 2 end as u2
      from bench_pop p join (select q.i,
          case when a.balance >= 2000 then 'gold' when a.balance >= 500 then 'silver' else 'regular' end as tier,
          1 + q.last_d + (q.joined_d - q.last_d) * (q.h % 100) / 200 as u1
        from bench_pop q left join ledger_accounts a on a.member_id = q.id and a.ledger = 'growth') t on t.i = p.i`,
    'analyze bench_tier',
    change('tcj', 'join', 'null', "'regular'", 'joined_d', '1 = 1'),
    change('tcs', 'upgrade', "'regular'", "'silver'", 'u1', "tier <> 'regular'"),
    change('tcg', 'upgrade', "'silver'", "'gold'", 'u2', "tier = 'gold'"),
    change('tcr', 'retain', 'tier', 'tier', 'coalesce(u2, u1) - 365', "tier <> 'regular' and coalesce(u2, u1) > 366"),
    change(
      'tcu',
      'upgrade',
      "'regular'",
      "'silver'",
      'joined_d - 1',
      "tier = 'regular' and n >= 5 and h % 4 = 0 and joined_d >= 3",
    ),
    change(
      'tcd',
      'downgrade',
      "'silver'",
      "'regular'",
      '1 + (h / 8) % (joined_d - 2)',
      "tier = 'regular' and n >= 5 and h % 4 = 0 and joined_d >= 3",
    ),
    `insert into member_tiers (member_id, tier_key, valid_until, since, rule_version)
      select id, tier, case when tier = 'regular' then null else ${day('coalesce(u2, u1) % 365 - 365')} end,
        ${day('coalesce(u2, u1, joined_d)')} || 'T01:00:00.000Z', 1 from bench_tier`,
  ]
}

/** Mall redemptions, benefit claims and uses, sign-ins with their points, store scene scans. */
export function activitySql(g: GenDialect) {
  const pad = g.pad
  const claim = `bench_tier t join ${g.series(6)} j on 5 + 31 * j.i < t.u1 and ${g.hash('t.i * 8 + j.i')} % 3 = 0
    join bench_days x on x.d = 5 + 31 * j.i`
  const key = `case when t.tier = 'gold' and (t.h / 3) % 3 = 0 then 'free_shipping' else 'coupon_pack_monthly' end`
  const used = `${g.hash('t.i * 8 + j.i', true)} % 10 < 4`
  const cid = (prefix: string) => `'${prefix}' || ${pad('t.i * 8 + j.i', 10)}`
  return [
    `insert into mall_redemptions (id, member_id, item_id, item_title, item_image, fulfilment, quantity, points_cost,
        cash_fen, status, needs_reconciliation, business_day, created_at, updated_at)
      select 'rdm' || ${pad('o.seq', 10)}, o.member_id, 'itm_bench_' || ${pad('o.seq % 30', 2)},
        '兑换商品 ' || (o.seq % 30), null, 'pickup', 1, o.g, 0, 'completed', 0, x.day, x.day || 'T01:00:00.000Z',
        x.day || 'T01:00:00.000Z'
      from bench_o o join bench_days x on x.d = o.d - 5 where o.redeemed = 1`,
    `insert into benefit_claims (id, member_id, benefit_key, period_key, tier_key, rule_version, business_day,
        created_at)
      select ${cid('bcl')}, t.id, ${key}, substr(x.day, 1, 7), t.tier, 1, x.day, x.day || 'T02:00:00.000Z'
      from ${claim}`,
    `insert into coupons (id, code, member_id, benefit_key, claim_id, name, kind, threshold_fen, discount_fen, status,
        valid_from, valid_until, used_at, used_order_id, created_at)
      select ${cid('cpn')}, ${cid('C')}, t.id, ${key}, ${cid('bcl')}, '每月领券',
        case when ${key} = 'free_shipping' then 'free_shipping' else 'cash_off' end, 5000, 500,
        case when ${used} then 'used' when j.i = 0 then 'available' else 'expired' end,
        x.day || 'T02:00:00.000Z', x.day || 'T16:00:00.000Z', case when ${used} then x.day || 'T05:00:00.000Z' end,
        case when ${used} then 'GEN-USE' end, x.day || 'T02:00:00.000Z'
      from ${claim}`,
    `insert into benefit_events (id, member_id, benefit_key, event, coupon_id, tier_key, amount_fen, order_id,
        business_day, created_at)
      select ${cid('bec')}, t.id, ${key}, 'claimed', ${cid('cpn')}, t.tier, 500, null, x.day,
        x.day || 'T02:00:00.000Z' from ${claim}`,
    `insert into benefit_events (id, member_id, benefit_key, event, coupon_id, tier_key, amount_fen, order_id,
        business_day, created_at)
      select ${cid('beu')}, t.id, ${key}, 'used', ${cid('cpn')}, t.tier, 500, 'GEN-USE', y.day,
        y.day || 'T05:00:00.000Z' from ${claim} join bench_days y on y.d = x.d - 3 where ${used}`,
    `create temp table bench_sign as
      select p.id as member_id, p.i * 128 + s.i as seq, x.day, s.i as d, 1 + (p.i + s.i) % 7 as cycle_day
      from bench_pop p join ${g.series(121)} s on s.i >= 1 and ${g.hash('p.i * 128 + s.i')} % 10 < 6
      join bench_days x on x.d = s.i where p.signs = 1`,
    'analyze bench_sign',
    `insert into sign_ins (member_id, business_day, kind, cycle_day, created_at)
      select member_id, day, case when seq % 50 = 0 then 'make_up' else 'daily' end, cycle_day,
        day || 'T01:00:00.000Z' from bench_sign`,
    `insert into ledger_entries (id, member_id, ledger, amount, kind, reason, actor, actor_id, ref_type, ref_id,
        idempotency_key, reverses_entry_id, corrects_entry_id, lot_id, rule_version, balance_after, account_version,
        business_day, occurred_at, created_at)
      select 'esi' || ${pad('seq', 11)}, member_id, 'points', 5, 'sign_in', '签到', 'member', null, 'sign_in', day,
        'gen:esi' || seq, null, null, 'lsi' || ${pad('seq', 11)}, 1, 5, 100000 + d, day, day || 'T01:00:00.000Z',
        day || 'T01:00:00.000Z' from bench_sign`,
    `insert into ledger_lots (id, member_id, ledger, entry_id, amount, remaining, expires_at, created_at)
      select 'lsi' || ${pad('seq', 11)}, member_id, 'points', 'esi' || ${pad('seq', 11)}, 5, 5,
        (${g.int('substr(day, 1, 4)')} + 1) || '-12-31T16:00:00.000Z', day || 'T01:00:00.000Z' from bench_sign`,
    `update ledger_accounts set balance = balance + s.points, version = version + s.entries
      from (select member_id, 5 * count(*) as points, count(*) as entries from bench_sign group by member_id) s
      where ledger_accounts.member_id = s.member_id and ledger_accounts.ledger = 'points'`,
    `insert into outlet_scene_scans (id, outlet_id, business_day, created_at)
      select 'scn' || ${pad('p.i * 4 + s.i', 10)}, p.outlet, x.day, x.day || 'T02:00:00.000Z'
      from bench_pop p join ${g.series(3)} s on s.i <= p.h % 3 join bench_days x on x.d = p.joined_d
      where p.outlet is not null and p.joined_d <= 500`,
    `insert into outlet_scene_scans (id, outlet_id, business_day, created_at)
      select 'sca' || ${pad('x.d * 1000 + o.i * 20 + s.i', 10)}, 'out_' || ${pad('o.i + 1', 2)}, x.day,
        x.day || 'T04:00:00.000Z'
      from bench_days x cross join ${g.series(20)} o cross join ${g.series(15)} s where x.d between 1 and 400`,
  ]
}
