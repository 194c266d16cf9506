import type { Insertable, Kysely } from 'kysely'
import type { Database, SnapshotDaysTable } from '../../db/schema'

/**
 * Small fixed snapshots for the report specs, inserted directly (the nightly job is specified on its own): a lone
 * day 2026-10-01 and the four days 2026-11-29 … 2026-12-02, under the FMCG template's tiers regular / silver / gold.
 * Every figure the specs expect is worked out by hand from these rows in the comments of the specs.
 */
export const fixtureDays = ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'] as const

const blankDay = (business_day: string): Insertable<SnapshotDaysTable> => ({
  business_day,
  built_at: '2026-12-03T00:00:00.000Z',
  members: 100,
  joins: 0,
  points_outstanding: 0,
  points_liability: 0,
  points_debt: 0,
  debtors: 0,
  points_held: 0,
  points_expiring_next_month: null,
  growth_outstanding: 0,
  sign_ins: 0,
  make_ups: 0,
  orders: 0,
  order_fen: 0,
  redemptions: 0,
  redemption_points: 0,
  redemption_cash_fen: 0,
  growth_quantiles: null,
})

export async function insertReportFixtures(db: Kysely<Database>, outlets: { a: string; b: string }) {
  const signIns = [10, 20, 30, 40]
  const makeUps = [0, 2, 0, 4]
  await db
    .insertInto('snapshot_days')
    .values([
      blankDay('2026-10-01'),
      ...fixtureDays.map((day, i) => ({ ...blankDay(day), sign_ins: signIns[i], make_ups: makeUps[i] })),
    ])
    .execute()
  await db
    .updateTable('snapshot_days')
    .set({
      points_liability: 10_000,
      points_outstanding: 9_970,
      points_debt: 30,
      debtors: 2,
      points_expiring_next_month: 800,
      growth_quantiles: JSON.stringify(Array.from({ length: 21 }, (_, i) => i * 100)),
    })
    .where('business_day', '=', '2026-12-02')
    .execute()
  await insertTierRows(db)
  await insertPointsRows(db)
  await insertScoredRows(db)
  await insertOutletRows(db, outlets)
}

async function insertTierRows(db: Kysely<Database>) {
  const shape: [string, number, number, number][] = [
    ['2026-11-29', 80, 15, 5],
    ['2026-11-30', 78, 16, 6],
    ['2026-12-01', 76, 17, 7],
    ['2026-12-02', 70, 20, 10],
  ]
  await db
    .insertInto('snapshot_tier_members')
    .values(
      shape.flatMap(([day, regular, silver, gold]) => [
        { business_day: day, tier_key: 'regular', members: regular, near_next: null, retain_at_risk_30d: null },
        { business_day: day, tier_key: 'silver', members: silver, near_next: null, retain_at_risk_30d: null },
        { business_day: day, tier_key: 'gold', members: gold, near_next: null, retain_at_risk_30d: null },
      ]),
    )
    .execute()
  const near: [string, number, number][] = [
    ['regular', 8, 0],
    ['silver', 4, 2],
  ]
  for (const [tier, nearNext, atRisk] of near) {
    await db
      .updateTable('snapshot_tier_members')
      .set({ near_next: nearNext, retain_at_risk_30d: atRisk })
      .where('business_day', '=', '2026-12-02')
      .where('tier_key', '=', tier)
      .execute()
  }
  await db
    .updateTable('snapshot_tier_members')
    .set({ retain_at_risk_30d: 1 })
    .where('business_day', '=', '2026-12-02')
    .where('tier_key', '=', 'gold')
    .execute()
  const move = (business_day: string, kind: string, from_key: string, to_key: string, members: number) => ({
    business_day,
    kind,
    from_key,
    to_key,
    members,
  })
  await db
    .insertInto('snapshot_tier_moves')
    .values([
      move('2026-11-30', 'upgrade', 'regular', 'silver', 2),
      move('2026-11-30', 'downgrade', 'silver', 'regular', 1),
      move('2026-12-01', 'upgrade', 'silver', 'gold', 1),
      move('2026-12-02', 'upgrade', 'regular', 'silver', 6),
      move('2026-12-02', 'rule_publish', 'silver', 'gold', 3),
      move('2026-12-02', 'rule_publish', 'gold', 'silver', 1),
      move('2026-12-02', 'join', '', 'regular', 5),
    ])
    .execute()
  const cell = (period_days: number, from_key: string, to_key: string, members: number) => ({
    business_day: '2026-12-02',
    period_days,
    from_key,
    to_key,
    members,
  })
  await db
    .insertInto('snapshot_tier_matrix')
    .values([
      cell(30, '', 'regular', 5),
      cell(30, 'regular', 'regular', 65),
      cell(30, 'regular', 'silver', 10),
      cell(30, 'silver', 'silver', 10),
      cell(30, 'silver', 'gold', 5),
      cell(30, 'gold', 'gold', 5),
      cell(90, 'regular', 'regular', 70),
    ])
    .execute()
  await db
    .insertInto('snapshot_tier_timing')
    .values([
      { business_day: '2026-12-02', from_key: '', to_key: 'silver', median_days: 40, members: 10 },
      { business_day: '2026-12-02', from_key: 'regular', to_key: 'silver', median_days: 30, members: 6 },
      { business_day: '2026-12-02', from_key: 'silver', to_key: 'gold', median_days: 90, members: 3 },
    ])
    .execute()
}

async function insertPointsRows(db: Kysely<Database>) {
  const flow = (business_day: string, source_kind: string, f: string, amount: number, ledger = 'points') => ({
    business_day,
    ledger: ledger as 'points' | 'growth',
    source_kind,
    flow: f as 'issued',
    amount,
    entries: 1,
  })
  await db
    .insertInto('snapshot_ledger_flows')
    .values([
      flow('2026-10-01', 'expiry', 'expired', -400),
      flow('2026-10-01', 'redeem', 'spent', -1120),
      flow('2026-11-30', 'order', 'issued', 1000),
      flow('2026-11-30', 'sign_in', 'issued', 50),
      flow('2026-11-30', 'redeem', 'spent', -300),
      flow('2026-11-30', 'expiry', 'expired', -100),
      flow('2026-12-01', 'order', 'issued', 500),
      flow('2026-12-01', 'refund', 'clawed_back', -40),
      flow('2026-12-01', 'redeem', 'spent', -180),
      flow('2026-12-01', 'order', 'issued', 999, 'growth'),
    ])
    .execute()
  const redemption = (
    business_day: string,
    item_id: string,
    item_title: string,
    n: number,
    points: number,
    cash: number,
  ) => ({
    business_day,
    item_id,
    item_title,
    redemptions: n,
    quantity: n,
    points,
    cash_fen: cash,
  })
  await db
    .insertInto('snapshot_redemptions')
    .values([
      redemption('2026-11-30', 'itm_a', '保温杯', 3, 300, 0),
      redemption('2026-12-01', 'itm_a', '保温杯', 1, 100, 0),
      redemption('2026-12-01', 'itm_b', '帆布袋', 2, 80, 1000),
    ])
    .execute()
}

async function insertScoredRows(db: Kysely<Database>) {
  const day = '2026-12-02'
  await db
    .insertInto('snapshot_benefit_reach')
    .values([
      { business_day: day, benefit_key: 'birthday_gift', eligible: 100, claimers_90d: 20, users_90d: 10 },
      { business_day: day, benefit_key: 'member_price', eligible: 30, claimers_90d: 0, users_90d: 15 },
    ])
    .execute()
  await db
    .insertInto('snapshot_benefits')
    .values([
      {
        business_day: '2026-12-01',
        benefit_key: 'birthday_gift',
        tier_key: 'regular',
        claims: 5,
        uses: 2,
        amount_fen: 2000,
      },
      {
        business_day: '2026-12-01',
        benefit_key: 'birthday_gift',
        tier_key: 'silver',
        claims: 1,
        uses: 1,
        amount_fen: 1000,
      },
    ])
    .execute()
  const arm = (
    subject: string,
    window_days: number,
    a: 'treated' | 'control' | 'holdout',
    members: number,
    o: [number, number],
    s: [number, number],
  ) => ({
    business_day: day,
    subject,
    window_days,
    arm: a,
    members,
    orders_sum: o[0],
    orders_sumsq: o[1],
    spend_sum: s[0],
    spend_sumsq: s[1],
  })
  await db
    .insertInto('snapshot_comparisons')
    .values([
      arm('benefit:birthday_gift', 30, 'treated', 40, [80, 199], [8000, 1_990_000]),
      arm('benefit:birthday_gift', 30, 'control', 50, [50, 99], [5000, 990_000]),
      arm('benefit:birthday_gift', 30, 'holdout', 35, [35, 69], [3500, 690_000]),
      arm('benefit:birthday_gift', 90, 'treated', 10, [30, 100], [3000, 1_000_000]),
      arm('benefit:birthday_gift', 90, 'control', 80, [80, 200], [8000, 2_000_000]),
      arm('sign_in', 30, 'treated', 30, [33, 33 ** 2 / 30 + 29], [3300, 400_000]),
      arm('sign_in', 30, 'control', 30, [30, 59], [3000, 400_000]),
    ])
    .execute()
  const seg = (dimension: 'rfm' | 'lifecycle' | 'tag', segment: string, tier_key: string, members: number) => ({
    business_day: day,
    dimension,
    segment,
    tier_key,
    members,
    monetary_fen: members * 10_000,
    clv_fen: members * 30_000,
  })
  await db
    .insertInto('snapshot_segments')
    .values([
      seg('rfm', 'important_value', 'regular', 2),
      seg('rfm', 'important_value', 'silver', 3),
      seg('rfm', 'important_value', 'gold', 4),
      seg('rfm', 'important_retain', 'silver', 5),
      seg('rfm', 'important_retain', 'gold', 6),
      { ...seg('rfm', 'none', 'regular', 50), monetary_fen: 0, clv_fen: 0 },
      seg('lifecycle', 'new', 'regular', 10),
      seg('lifecycle', 'active', 'silver', 8),
      seg('lifecycle', 'dormant', 'regular', 30),
      seg('lifecycle', 'dormant', 'gold', 2),
      seg('lifecycle', 'lapsed', 'regular', 20),
      seg('tag', '偏好:咖啡', 'regular', 5),
      seg('tag', '偏好:咖啡', 'silver', 3),
      seg('tag', 'VIP客户', 'gold', 2),
    ])
    .execute()
  await db
    .insertInto('snapshot_sign_in_streaks')
    .values([
      { business_day: day, cycle_day: 1, members: 12 },
      { business_day: day, cycle_day: 2, members: 8 },
      { business_day: day, cycle_day: 7, members: 3 },
    ])
    .execute()
}

async function insertOutletRows(db: Kysely<Database>, { a, b }: { a: string; b: string }) {
  await db
    .insertInto('snapshot_outlet_days')
    .values([
      { business_day: '2026-11-30', outlet_id: a, scans: 10, staff_purchases: 1, staff_purchase_fen: 5000 },
      { business_day: '2026-12-01', outlet_id: a, scans: 20, staff_purchases: 0, staff_purchase_fen: 0 },
      { business_day: '2026-12-01', outlet_id: b, scans: 5, staff_purchases: 2, staff_purchase_fen: 3000 },
    ])
    .execute()
  await db
    .insertInto('snapshot_joins')
    .values([
      { business_day: '2026-11-30', channel: 'outlet_qr', outlet_id: a, joins: 4 },
      { business_day: '2026-12-01', channel: 'outlet_qr', outlet_id: a, joins: 6 },
      { business_day: '2026-12-01', channel: 'outlet_qr', outlet_id: b, joins: 1 },
      { business_day: '2026-12-01', channel: 'shop', outlet_id: '', joins: 9 },
    ])
    .execute()
  const cohort = (outlet_id: string, join_day: string, joins: number, first: number, rep: number) => ({
    outlet_id,
    join_day,
    as_of_day: '2026-12-02',
    joins,
    first_orders: first,
    repurchased_30d: rep,
  })
  await db
    .insertInto('snapshot_outlet_cohorts')
    .values([
      cohort(a, '2026-10-01', 9, 9, 9),
      cohort(a, '2026-11-30', 4, 2, 1),
      cohort(a, '2026-12-01', 6, 3, 0),
      cohort(b, '2026-12-01', 1, 1, 1),
    ])
    .execute()
}
