import type { ReportAnswer } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { testAdminToken, useTestApp } from '../../test/test-app'
import { insertReportFixtures } from './report-fixtures'

const range = { from: '2026-11-29', to: '2026-12-02' }

describe('insight reports over fixed snapshots, against hand-computed figures', () => {
  const t = useTestApp()
  const report = async (key: string, query: Record<string, string> = range) => {
    const answer = await t.json(
      'GET',
      `/api/admin/insights/${key}?${new URLSearchParams(query)}`,
      undefined,
      testAdminToken,
    )
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return answer.body as ReportAnswer
  }
  const figure = (answer: ReportAnswer, key: string) => answer.figures.find((f) => f.key === key)
  const rows = (answer: ReportAnswer, key: string) => answer.tables.find((t) => t.key === key)?.rows ?? []

  beforeAll(async () => {
    t.clock.set('2026-12-03T02:00:00.000Z')
    const a = await t.json('POST', '/api/admin/outlets', { name: '徐汇店' }, testAdminToken)
    const b = await t.json('POST', '/api/admin/outlets', { name: '静安店' }, testAdminToken)
    await insertReportFixtures(t.db, { a: a.body.id, b: b.body.id })
  })

  it('tier health: distribution, matrix rows summing to starting counts, monthly rates, timing, pyramid', async () => {
    const answer = await report('tier-health')
    expect(answer).toMatchObject({ from: '2026-11-29', to: '2026-12-02', asOf: '2026-12-02', dataFrom: '2026-10-01' })
    expect(rows(answer, 'distribution')).toEqual([
      { day: '2026-11-29', regular: 80, silver: 15, gold: 5 },
      { day: '2026-11-30', regular: 78, silver: 16, gold: 6 },
      { day: '2026-12-01', regular: 76, silver: 17, gold: 7 },
      { day: '2026-12-02', regular: 70, silver: 20, gold: 10 },
    ])
    expect(rows(answer, 'matrix')).toEqual([
      { from: '新入会', regular: 5, silver: 0, gold: 0, total: 5 },
      { from: '普通会员', regular: 65, silver: 10, gold: 0, total: 75 },
      { from: '白银会员', regular: 0, silver: 10, gold: 5, total: 15 },
      { from: '黄金会员', regular: 0, silver: 0, gold: 5, total: 5 },
    ])
    // November: 2 up, 1 down over 100 members; December: 1 + 6 up plus a publish moving 3 up, and 1 down by publish.
    expect(rows(answer, 'monthly-moves')).toEqual([
      { month: '2026-11', members: 100, upgrade: 2, downgrade: 1, retain: 0, upgradeRate: 2, downgradeRate: 1 },
      { month: '2026-12', members: 100, upgrade: 10, downgrade: 1, retain: 0, upgradeRate: 10, downgradeRate: 1 },
    ])
    expect(rows(answer, 'timing')).toEqual([
      { path: '入会 → 白银会员', medianDays: 40, members: 10 },
      { path: '普通会员 → 白银会员', medianDays: 30, members: 6 },
      { path: '白银会员 → 黄金会员', medianDays: 90, members: 3 },
    ])
    // Three tiers: target 60/30/10 against 70/20/10.
    expect(rows(answer, 'pyramid')).toEqual([
      { tier: '普通会员', members: 70, sharePercent: 70, targetPercent: 60, gapPoints: 10 },
      { tier: '白银会员', members: 20, sharePercent: 20, targetPercent: 30, gapPoints: -10 },
      { tier: '黄金会员', members: 10, sharePercent: 10, targetPercent: 10, gapPoints: 0 },
    ])
    expect(figure(answer, 'members')?.value).toBe(100)
    expect(figure(answer, 'topTierShare')).toMatchObject({ value: 10, tone: 'normal' })
    // (8 + 4) near the next threshold of the 90 members below the top tier.
    expect(figure(answer, 'nearNextShare')?.value).toBe(13.3)
    expect(figure(answer, 'retainAtRisk')?.value).toBe(3)
    // 40% should be silver or above, 30% is: the 60th percentile of counted growth (p60 = 1200) is the one to try.
    expect(answer.links).toEqual([
      {
        label: '试算：白银会员门槛 500 → 1200（目标占比 40% 及以上）',
        route: 'merchantDraft',
        query: { tier: 'silver', threshold: '1200' },
      },
    ])
  })

  it('tier health honours the tier, the matrix period and warns of days without snapshots', async () => {
    const gold = await report('tier-health', { ...range, tier: 'gold', periodDays: '90' })
    expect(rows(gold, 'distribution')[0]).toEqual({ day: '2026-11-29', gold: 5 })
    expect(rows(gold, 'matrix')).toEqual([{ from: '黄金会员', regular: 0, silver: 0, gold: 0, total: 0 }])
    const defaults = await report('tier-health', {})
    expect(defaults).toMatchObject({ from: '2026-11-03', to: '2026-12-02' })
    expect(defaults.notices[0]).toEqual({ tone: 'warning', text: '所选 30 天中有 26 天没有统计数据' })
  })

  it('points economy: flows by month and source, redemption rate, liability and breakage in ¥, top items', async () => {
    const saved = await t.json('PUT', '/api/admin/insights/settings', { pointValueFenPer100: 50 }, testAdminToken)
    expect(saved.status).toBe(200)
    const answer = await report('points-economy')
    expect(rows(answer, 'monthly')).toEqual([
      { month: '2026-11', issued: 1050, spent: 300, expired: 100, clawed_back: 0 },
      { month: '2026-12', issued: 500, spent: 180, expired: 0, clawed_back: 40 },
    ])
    expect(rows(answer, 'by-source')).toEqual(
      expect.arrayContaining([
        { source: '订单消费', issued: 1500, spent: 0, expired: 0, clawed_back: 0 },
        { source: '积分兑换', issued: 0, spent: 480, expired: 0, clawed_back: 0 },
      ]),
    )
    const values = Object.fromEntries(answer.figures.map((f) => [f.key, f.value]))
    // Breakage from all history: expired 500 ÷ (500 + spent 1600) × liability 10000 = 2381 points = ¥11.91 at
    // ¥0.50 per 100 points.
    expect(values).toMatchObject({
      issued: 1550,
      spent: 480,
      redemptionRate: 31,
      expired: 100,
      clawedBack: 40,
      liabilityPoints: 10_000,
      liabilityFen: 5000,
      expiringNextMonthFen: 400,
      expectedBreakageFen: 1191,
      debtPoints: 30,
    })
    expect(rows(answer, 'top-items')).toEqual([
      { title: '保温杯', redemptions: 4, quantity: 4, points: 400, cashFen: 0 },
      { title: '帆布袋', redemptions: 2, quantity: 2, points: 80, cashFen: 1000 },
    ])
  })

  it('benefit effect: reach, the holdout comparison first, self-selected with the caveat, thin arms 样本不足', async () => {
    const answer = await report('benefit-effect')
    expect(rows(answer, 'benefits')).toEqual([
      expect.objectContaining({ benefit: '生日礼券', eligible: 100, claimRate: 20, useRate: 10, claims: 6, uses: 3 }),
      expect.objectContaining({ benefit: '会员价', eligible: 30, claimRate: 0, useRate: 50, claims: 0 }),
    ])
    const [first] = answer.comparisons
    expect(first).toMatchObject({
      design: 'holdout',
      windowDays: 30,
      metric: 'orders',
      verdict: 'higher',
      difference: 1,
    })
    const selfSpend = answer.comparisons.find((c) => c.key === 'benefit:birthday_gift:30:self_selected:spend_fen')
    // Means 200 and 100 fen, SDs 100: SE = √(10000/40 + 10000/50) = 21.2132.
    expect(selfSpend).toMatchObject({ verdict: 'higher', difference: 100, caveat: expect.stringContaining('自己选择') })
    expect(selfSpend?.ciLow).toBeCloseTo(58.42, 2)
    const thin = answer.comparisons.find((c) => c.key === 'benefit:birthday_gift:90:self_selected:orders')
    expect(thin).toMatchObject({ verdict: 'insufficient', treated: { members: 10, meanOrders: 3 } })
  })

  it('sign-in: daily counts, make-ups, streaks, and a comparison too small to call', async () => {
    const answer = await report('sign-in')
    expect(Object.fromEntries(answer.figures.map((f) => [f.key, f.value]))).toEqual({
      signIns: 100,
      signInsPerDay: 25,
      makeUps: 6,
      makeUpShare: 6,
    })
    expect(rows(answer, 'streaks')).toEqual([
      { cycleDay: 1, members: 12 },
      { cycleDay: 2, members: 8 },
      { cycleDay: 7, members: 3 },
    ])
    expect(answer.comparisons[0]).toMatchObject({ verdict: 'insufficient', membersNeeded: 1570 })
  })

  it('RFM × tiers: the cross table, CLV with its formula, and the 重要挽留 lists of the upper tiers', async () => {
    const answer = await report('rfm')
    const cross = rows(answer, 'rfm-tier')
    expect(cross[0]).toEqual({ segment: '重要价值', regular: 2, silver: 3, gold: 4, total: 9 })
    expect(cross[3]).toEqual({ segment: '重要挽留', regular: 0, silver: 5, gold: 6, total: 11 })
    expect(cross[8]).toEqual({ segment: '窗口内无订单', regular: 50, silver: 0, gold: 0, total: 50 })
    expect(figure(answer, 'clvTotal')).toMatchObject({
      value: 600_000,
      hint: expect.stringContaining('CLV = 近 365 天'),
    })
    expect(figure(answer, 'avgClv')?.value).toBe(30_000)
    expect(answer.links.map((l) => l.query)).toEqual([
      { rfmGroup: 'important_retain', tier: 'silver' },
      { rfmGroup: 'important_retain', tier: 'gold' },
    ])
    const gold = await report('rfm', { ...range, tier: 'gold' })
    expect(rows(gold, 'rfm-groups').filter((g) => Number(g.members) > 0)).toEqual([
      expect.objectContaining({ group: '重要价值', members: 4, sharePercent: 40 }),
      expect.objectContaining({ group: '重要挽留', members: 6, sharePercent: 60 }),
    ])
  })

  it('tags: counts per tag with their source, tag × tier, lifecycle × tier', async () => {
    const answer = await report('tags')
    expect(rows(answer, 'tags')).toEqual([
      { tag: '偏好:咖啡', source: '品类偏好', members: 8 },
      { tag: 'VIP客户', source: '人工', members: 2 },
    ])
    expect(rows(answer, 'lifecycle-tier')).toContainEqual({
      segment: '沉睡',
      regular: 30,
      silver: 0,
      gold: 2,
      total: 32,
    })
    expect(Object.fromEntries(answer.figures.map((f) => [f.key, f.value]))).toEqual({
      new: 10,
      active: 8,
      dormant: 32,
      lapsed: 20,
    })
  })
})
