import { AppError, addDays } from '@mc/shared'
import { column, figure, num, percent, pivot, table, type ReportBody, type ReportContext } from './report-kit'

/**
 * The store QR funnel, per store: signed scene lookups, joins through the store, joiners' first orders and 30-day
 * repurchases (from the cohorts of members who joined in the range), and the staff purchases recorded at the till.
 * A store manager's answer is narrowed to their own store before this runs.
 */
export async function storeFunnelReport(ctx: ReportContext): Promise<ReportBody> {
  const { db, range, outletId } = ctx
  let outletsQuery = db.selectFrom('outlets').select(['id', 'name']).orderBy('name')
  if (outletId !== null) outletsQuery = outletsQuery.where('id', '=', outletId)
  const outlets = await outletsQuery.execute()
  if (outletId !== null && outlets.length === 0) throw new AppError('OUTLET_NOT_FOUND', { outletId })
  const ids = outlets.map((o) => o.id)
  if (ids.length === 0) {
    return { notices: [{ tone: 'info', text: '还没有门店' }], figures: [], comparisons: [], tables: [], links: [] }
  }
  // Summed in SQL by store and by day: a year of 20 stores is 7,300 rows that need not cross the driver.
  const outletDays = () =>
    db
      .selectFrom('snapshot_outlet_days')
      .where('business_day', '>=', range.from)
      .where('business_day', '<=', range.to)
      .where('outlet_id', 'in', ids)
  const joinDays = () =>
    db
      .selectFrom('snapshot_joins')
      .where('business_day', '>=', range.from)
      .where('business_day', '<=', range.to)
      .where('outlet_id', 'in', ids)
  const days = await outletDays()
    .select((eb) => [
      'outlet_id',
      eb.fn.sum<number>('scans').as('scans'),
      eb.fn.sum<number>('staff_purchases').as('staff_purchases'),
      eb.fn.sum<number>('staff_purchase_fen').as('staff_purchase_fen'),
    ])
    .groupBy('outlet_id')
    .execute()
  const daysByDay = await outletDays()
    .select((eb) => [
      'business_day',
      eb.fn.sum<number>('scans').as('scans'),
      eb.fn.sum<number>('staff_purchases').as('staff_purchases'),
    ])
    .groupBy('business_day')
    .execute()
  const joins = await joinDays()
    .select((eb) => ['outlet_id', eb.fn.sum<number>('joins').as('joins')])
    .groupBy('outlet_id')
    .execute()
  const joinsByDay = await joinDays()
    .select((eb) => ['business_day', eb.fn.sum<number>('joins').as('joins')])
    .groupBy('business_day')
    .execute()
  const cohorts = await db
    .selectFrom('snapshot_outlet_cohorts')
    .select((eb) => [
      'outlet_id',
      eb.fn.sum<number>('first_orders').as('first_orders'),
      eb.fn.sum<number>('repurchased_30d').as('repurchased_30d'),
    ])
    .where('join_day', '>=', range.from)
    .where('join_day', '<=', range.to)
    .where('outlet_id', 'in', ids)
    .groupBy('outlet_id')
    .execute()
  const sum = <R extends { outlet_id: string }>(rows: R[], id: string, pick: (r: R) => unknown) =>
    rows.filter((r) => r.outlet_id === id).reduce((s, r) => s + num(pick(r)), 0)
  const rows = outlets.map((o) => {
    const scans = sum(days, o.id, (r) => r.scans)
    const joined = sum(joins, o.id, (r) => r.joins)
    const firstOrders = sum(cohorts, o.id, (r) => r.first_orders)
    const repurchased = sum(cohorts, o.id, (r) => r.repurchased_30d)
    return {
      outlet: o.name,
      scans,
      joins: joined,
      firstOrders,
      repurchased,
      joinRate: percent(joined, scans),
      firstOrderRate: percent(firstOrders, joined),
      repurchaseRate: percent(repurchased, firstOrders),
      staffPurchases: sum(days, o.id, (r) => r.staff_purchases),
      staffPurchaseFen: sum(days, o.id, (r) => r.staff_purchase_fen),
    }
  })
  const total = (key: 'scans' | 'joins' | 'firstOrders' | 'repurchased' | 'staffPurchases') =>
    rows.reduce((s, r) => s + r[key], 0)
  const daily = pivot(
    [
      ...daysByDay.flatMap((d) => [
        { row: d.business_day, column: 'scans', value: num(d.scans) },
        { row: d.business_day, column: 'staffPurchases', value: num(d.staff_purchases) },
      ]),
      ...joinsByDay.map((j) => ({ row: j.business_day, column: 'joins', value: num(j.joins) })),
    ],
    'day',
    ['scans', 'joins', 'staffPurchases'],
  ).sort((a, b) => String(a.day).localeCompare(String(b.day)))
  const notices = [
    {
      tone: 'info' as const,
      text: `首单与 30 天复购按 ${range.from} 至 ${range.to} 入会的会员统计；${addDays(range.dataTo, -29)} 之后入会的会员还不满 30 天，复购数会继续增长`,
    },
  ]
  return {
    notices,
    figures: [
      figure('scans', '扫码次数', total('scans'), 'count', `${range.from} 至 ${range.to}`),
      figure('joins', '扫码入会', total('joins'), 'count', `转化率 ${percent(total('joins'), total('scans')) ?? '—'}%`),
      figure('firstOrders', '首单人数', total('firstOrders'), 'count'),
      figure('repurchased', '30 天复购人数', total('repurchased'), 'count'),
      figure('staffPurchases', '店员代下单', total('staffPurchases'), 'count'),
    ],
    comparisons: [],
    tables: [
      table(
        'funnel',
        '各门店漏斗',
        [
          column('outlet', '门店', 'text'),
          column('scans', '扫码', 'count'),
          column('joins', '入会', 'count'),
          column('firstOrders', '首单', 'count'),
          column('repurchased', '30天复购', 'count'),
          column('joinRate', '入会率(%)', 'percent'),
          column('firstOrderRate', '首单率(%)', 'percent'),
          column('repurchaseRate', '复购率(%)', 'percent'),
          column('staffPurchases', '店员代下单', 'count'),
          column('staffPurchaseFen', '代下单金额(元)', 'fen'),
        ],
        rows,
        { kind: 'grouped_bar', x: 'outlet', series: ['scans', 'joins', 'firstOrders', 'repurchased'] },
        total('scans') + total('joins') === 0 ? '所选范围内没有扫码或入会' : null,
      ),
      table(
        'daily',
        '每日扫码与入会',
        [
          column('day', '日期', 'text'),
          column('scans', '扫码', 'count'),
          column('joins', '入会', 'count'),
          column('staffPurchases', '店员代下单', 'count'),
        ],
        daily,
        { kind: 'line', x: 'day', series: ['scans', 'joins'] },
      ),
    ],
    links: [],
  }
}
