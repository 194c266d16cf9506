import { fmcgTemplate, type BenefitDefinition, type ProgramRules } from '@mc/shared'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishProgramVersion } from '../program/published-program'
import { memberOnTier } from '../test/shop-requests'
import { createTestApp, type TestApp } from '../test/test-app'

const pack = (name: string, period: 'quarter' | 'year' | 'once' | 'season', extra: object = {}): BenefitDefinition => ({
  kind: period === 'season' ? 'seasonal_pack' : period === 'year' ? 'annual_gift' : 'coupon_pack',
  name,
  description: name,
  faceValueFen: 1000,
  grantsPerYear: 1,
  assumedUsagePercent: 50,
  grant: {
    period,
    ...extra,
    coupons: [{ name, kind: 'cash_off', thresholdFen: 10000, discountFen: 1000, count: 1, validDays: 10 }],
  },
})

/** FMCG, with a late-night shop's calendar (the business day starts 04:00 Shanghai) and one pack of every period. */
const rules: ProgramRules = {
  ...fmcgTemplate,
  calendar: { timeZone: 'Asia/Shanghai', dayStartMinute: 240 },
  tiers: fmcgTemplate.tiers.map((tier) =>
    tier.key === 'regular'
      ? tier
      : { ...tier, benefits: [...tier.benefits, 'quarterly_pack', 'annual_gift', 'welcome_pack', 'summer_pack'] },
  ),
  benefits: {
    ...fmcgTemplate.benefits,
    quarterly_pack: pack('季度礼包', 'quarter'),
    annual_gift: pack('年度礼', 'year'),
    welcome_pack: pack('升级礼', 'once'),
    summer_pack: pack('夏季礼包', 'season', { season: { startsOn: '06-01', endsOn: '08-31' } }),
  },
}

describe('member benefits and claims', () => {
  let t: TestApp
  const claim = (token: string, key: string) => t.json('POST', `/api/me/benefits/${key}/claim`, undefined, token)
  const count = async (table: 'benefit_claims' | 'coupons' | 'benefit_events', memberId: string) =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('member_id', '=', memberId)
          .executeTakeFirstOrThrow()
      ).n,
    )

  beforeAll(async () => {
    t = await createTestApp({ sessionTtlHours: 3 * 365 * 24 }) // the clock travels across years
    await publishProgramVersion(t.db, {
      rules,
      template: null,
      note: 'benefit periods',
      publishedBy: 'test',
      now: t.clock.now(),
    })
  })
  afterAll(async () => {
    await t.close()
  })

  it("lists every benefit: unlocked with this period's claim state, locked with the tier that unlocks it", async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const silver = await memberOnTier(t, 600)
    const { status, body } = await t.json('GET', '/api/me/benefits', undefined, silver.token)
    expect(status).toBe(200)
    expect(body.tier).toEqual({ key: 'silver', name: '白银会员', color: '#7d8ea3' })
    expect(body.today).toBe('2026-11-23')
    expect(body.benefits.map((b: any) => [b.key, b.unlocked, b.unlockLabel])).toEqual([
      ['birthday_gift', true, null],
      ['coupon_pack_monthly', true, null],
      ['member_price', true, null],
      ['quarterly_pack', true, null],
      ['annual_gift', true, null],
      ['welcome_pack', true, null],
      ['summer_pack', true, null],
      ['free_shipping', false, '解锁等级：黄金会员'],
      ['exclusive_service', false, '解锁等级：黄金会员'],
    ])
    const byKey = Object.fromEntries(body.benefits.map((b: any) => [b.key, b]))
    expect(byKey.coupon_pack_monthly.claim).toEqual({
      periodKey: '2026-11',
      claimable: true,
      claimedAt: null,
      blockedBy: null,
      periodEndsOn: '2026-11-30',
      nextPeriodStartsOn: '2026-12-01',
    })
    expect(byKey.member_price).toMatchObject({ claim: null, grant: null, memberPriceDiscountPercent: 5 })
    expect(byKey.birthday_gift.claim).toMatchObject({ claimable: false, blockedBy: 'BIRTHDAY_UNKNOWN' })
    expect(byKey.summer_pack.claim).toMatchObject({
      claimable: false,
      blockedBy: 'BENEFIT_NOT_IN_SEASON',
      nextPeriodStartsOn: '2027-06-01',
    })
    // Each tier comes with its colour, so the benefits page paints it as the tier card does.
    expect(byKey.free_shipping).toMatchObject({
      unlockTier: { key: 'gold', name: '黄金会员', color: expect.stringMatching(/^#[0-9a-f]{6}$/i) },
      claim: null,
    })

    const regular = await memberOnTier(t)
    const mine = (await t.json('GET', '/api/me/benefits', undefined, regular.token)).body.benefits
    expect(mine.find((b: any) => b.key === 'coupon_pack_monthly')).toMatchObject({
      unlocked: false,
      unlockTier: { key: 'silver' },
      unlockLabel: '解锁等级：白银会员',
    })
  })

  it('issues real coupons once a month, again next month; months end at 04:00 on the 1st, Shanghai time', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const m = await memberOnTier(t, 600)
    t.clock.set('2026-11-30T19:59:59.000Z') // 03:59:59 on 1 December in Shanghai: still business day 30 November
    const first = await claim(m.token, 'coupon_pack_monthly')
    expect(first).toMatchObject({
      status: 201,
      body: { benefitKey: 'coupon_pack_monthly', periodKey: '2026-11', nextPeriodStartsOn: '2026-12-01' },
    })
    expect(first.body.coupons).toHaveLength(2)
    for (const coupon of first.body.coupons) {
      expect(coupon).toMatchObject({
        name: '每月领券',
        kind: 'cash_off',
        thresholdFen: 5000,
        discountFen: 500,
        status: 'available',
        usedAt: null,
      })
      expect(coupon.code).toMatch(/^[0-9A-Z]{16}$/)
      expect(coupon.validFrom).toBe('2026-11-30T19:59:59.000Z')
      expect(coupon.validUntil).toBe('2026-12-29T20:00:00.000Z') // 30 business days: through 29 December
    }
    expect(new Set(first.body.coupons.map((c: any) => c.code)).size).toBe(2)

    const again = await claim(m.token, 'coupon_pack_monthly')
    expect(again).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'BENEFIT_ALREADY_CLAIMED',
          details: { periodKey: '2026-11', claimedAt: '2026-11-30T19:59:59.000Z', nextPeriodStartsOn: '2026-12-01' },
        },
      },
    })
    const listed = (await t.json('GET', '/api/me/benefits', undefined, m.token)).body.benefits.find(
      (b: any) => b.key === 'coupon_pack_monthly',
    )
    expect(listed.claim).toMatchObject({
      periodKey: '2026-11',
      claimable: false,
      claimedAt: '2026-11-30T19:59:59.000Z',
      blockedBy: 'BENEFIT_ALREADY_CLAIMED',
    })

    t.clock.set('2026-11-30T20:00:00.000Z') // 04:00 on 1 December: a new business month
    expect(await claim(m.token, 'coupon_pack_monthly')).toMatchObject({
      status: 201,
      body: { periodKey: '2026-12', nextPeriodStartsOn: '2027-01-01' },
    })
    expect(await count('benefit_claims', m.id)).toBe(2)
    expect(await count('coupons', m.id)).toBe(4)
    const events = await t.db.selectFrom('benefit_events').selectAll().where('member_id', '=', m.id).execute()
    expect(events).toHaveLength(4)
    expect(
      events.every(
        (e) => e.event === 'claimed' && e.tier_key === 'silver' && e.amount_fen === 500 && e.coupon_id !== null,
      ),
    ).toBe(true)
    expect(events.map((e) => e.business_day).sort()).toEqual(['2026-11-30', '2026-11-30', '2026-12-01', '2026-12-01'])
  })

  it("keys quarters and years by the merchant's business day across the year end", async () => {
    t.clock.set('2026-12-20T02:00:00.000Z')
    const m = await memberOnTier(t, 600)
    t.clock.set('2026-12-31T19:59:59.000Z') // 03:59 on 1 January in Shanghai: still 2026-12-31
    expect(await claim(m.token, 'quarterly_pack')).toMatchObject({
      status: 201,
      body: { periodKey: '2026-Q4', nextPeriodStartsOn: '2027-01-01' },
    })
    expect(await claim(m.token, 'annual_gift')).toMatchObject({
      status: 201,
      body: { periodKey: '2026', nextPeriodStartsOn: '2027-01-01' },
    })
    expect((await claim(m.token, 'quarterly_pack')).body.error.code).toBe('BENEFIT_ALREADY_CLAIMED')
    t.clock.set('2026-12-31T20:00:00.000Z')
    expect(await claim(m.token, 'quarterly_pack')).toMatchObject({
      status: 201,
      body: { periodKey: '2027-Q1', nextPeriodStartsOn: '2027-04-01' },
    })
    expect(await claim(m.token, 'annual_gift')).toMatchObject({
      status: 201,
      body: { periodKey: '2027', nextPeriodStartsOn: '2028-01-01' },
    })
    t.clock.set('2027-03-31T19:59:59.000Z')
    expect((await claim(m.token, 'quarterly_pack')).body.error.code).toBe('BENEFIT_ALREADY_CLAIMED')
    expect((await claim(m.token, 'annual_gift')).body.error.code).toBe('BENEFIT_ALREADY_CLAIMED')
    const keys = await t.db
      .selectFrom('benefit_claims')
      .select(['benefit_key', 'period_key'])
      .where('member_id', '=', m.id)
      .orderBy('id')
      .execute()
    expect(keys.map((k) => `${k.benefit_key}:${k.period_key}`)).toEqual([
      'quarterly_pack:2026-Q4',
      'annual_gift:2026',
      'quarterly_pack:2027-Q1',
      'annual_gift:2027',
    ])
  })

  it('grants a once-only benefit once, ever', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const m = await memberOnTier(t, 600)
    expect(await claim(m.token, 'welcome_pack')).toMatchObject({
      status: 201,
      body: { periodKey: 'once', nextPeriodStartsOn: null },
    })
    t.clock.set('2027-06-23T02:00:00.000Z')
    expect(await claim(m.token, 'welcome_pack')).toMatchObject({
      status: 409,
      body: { error: { code: 'BENEFIT_ALREADY_CLAIMED', details: { periodKey: 'once' } } },
    })
  })

  it('refuses a locked benefit with the tier that unlocks it, and writes nothing', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const regular = await memberOnTier(t)
    const silver = await memberOnTier(t, 600)
    expect(await claim(regular.token, 'coupon_pack_monthly')).toEqual({
      status: 403,
      body: {
        error: {
          code: 'BENEFIT_LOCKED',
          message: '该权益需升级至白银会员解锁',
          details: {
            key: 'coupon_pack_monthly',
            unlockTier: { key: 'silver', name: '白银会员' },
            unlockLabel: '解锁等级：白银会员',
          },
        },
      },
    })
    expect(await claim(silver.token, 'free_shipping')).toMatchObject({
      status: 403,
      body: { error: { code: 'BENEFIT_LOCKED', details: { unlockLabel: '解锁等级：黄金会员' } } },
    })
    expect(await claim(silver.token, 'member_price')).toMatchObject({
      status: 409,
      body: { error: { code: 'BENEFIT_NOT_CLAIMABLE' } },
    })
    expect(await claim(silver.token, 'no_such_benefit')).toMatchObject({
      status: 404,
      body: { error: { code: 'BENEFIT_NOT_FOUND' } },
    })
    expect(await claim(silver.token, 'constructor')).toMatchObject({
      status: 404,
      body: { error: { code: 'BENEFIT_NOT_FOUND' } },
    })
    for (const id of [regular.id, silver.id]) {
      expect([
        await count('benefit_claims', id),
        await count('coupons', id),
        await count('benefit_events', id),
      ]).toEqual([0, 0, 0])
    }
  })

  it('gives the birthday gift only in the birthday month of the business calendar, once a year', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const unknown = await memberOnTier(t)
    expect(await claim(unknown.token, 'birthday_gift')).toMatchObject({
      status: 409,
      body: { error: { code: 'BIRTHDAY_UNKNOWN' } },
    })
    const december = await memberOnTier(t, 0, '1990-12-05')
    t.clock.set('2026-11-30T19:59:59.000Z')
    expect(await claim(december.token, 'birthday_gift')).toMatchObject({
      status: 409,
      body: { error: { code: 'NOT_BIRTHDAY_MONTH', details: { nextPeriodStartsOn: '2026-12-01' } } },
    })
    t.clock.set('2026-11-30T20:00:00.000Z')
    const gift = await claim(december.token, 'birthday_gift')
    expect(gift).toMatchObject({ status: 201, body: { periodKey: 'birthday-2026', nextPeriodStartsOn: '2027-12-01' } })
    expect(gift.body.coupons).toEqual([
      expect.objectContaining({ name: '生日礼券', thresholdFen: 0, discountFen: 1000 }),
    ])
    t.clock.set('2026-12-31T02:00:00.000Z')
    expect((await claim(december.token, 'birthday_gift')).body.error.code).toBe('BENEFIT_ALREADY_CLAIMED')
    t.clock.set('2027-12-01T02:00:00.000Z')
    expect(await claim(december.token, 'birthday_gift')).toMatchObject({
      status: 201,
      body: { periodKey: 'birthday-2027' },
    })
    expect(await count('coupons', unknown.id)).toBe(0)
  })

  it('gives a seasonal pack only between its dates, once a season', async () => {
    t.clock.set('2027-05-01T02:00:00.000Z')
    const m = await memberOnTier(t, 600)
    t.clock.set('2027-05-31T19:59:59.000Z')
    expect(await claim(m.token, 'summer_pack')).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'BENEFIT_NOT_IN_SEASON',
          details: { nextPeriodStartsOn: '2027-06-01', season: { startsOn: '06-01', endsOn: '08-31' } },
        },
      },
    })
    t.clock.set('2027-05-31T20:00:00.000Z')
    expect(await claim(m.token, 'summer_pack')).toMatchObject({
      status: 201,
      body: { periodKey: 'season-2027', nextPeriodStartsOn: '2028-06-01' },
    })
    t.clock.set('2027-08-31T19:59:59.000Z')
    expect((await claim(m.token, 'summer_pack')).body.error.code).toBe('BENEFIT_ALREADY_CLAIMED')
    t.clock.set('2027-08-31T20:00:00.000Z')
    expect(await claim(m.token, 'summer_pack')).toMatchObject({
      status: 409,
      body: { error: { code: 'BENEFIT_NOT_IN_SEASON', details: { nextPeriodStartsOn: '2028-06-01' } } },
    })
  })

  it("lists the member's own coupons by status, expired once past their end", async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const m = await memberOnTier(t, 600)
    const other = await memberOnTier(t, 600)
    await claim(m.token, 'coupon_pack_monthly')
    await claim(m.token, 'quarterly_pack')
    await claim(other.token, 'coupon_pack_monthly')
    const list = (status?: string) =>
      t.json('GET', `/api/me/coupons${status ? `?status=${status}` : ''}`, undefined, m.token)
    const all = await list()
    expect(all.status).toBe(200)
    expect(all.body.coupons.map((c: any) => c.benefitKey)).toEqual([
      'quarterly_pack',
      'coupon_pack_monthly',
      'coupon_pack_monthly',
    ])
    expect((await list('available')).body.coupons).toHaveLength(3)
    expect((await list('used')).body.coupons).toHaveLength(0)
    t.clock.set('2026-12-02T20:00:00.000Z') // the 10-day quarterly coupon ended at the start of 3 December
    expect((await list('expired')).body.coupons.map((c: any) => [c.benefitKey, c.status])).toEqual([
      ['quarterly_pack', 'expired'],
    ])
    expect((await list('available')).body.coupons).toHaveLength(2)
    // total counts the whole status, whatever the page size: the home page reads 优惠券 N 张 from one coupon.
    const firstAvailable = await t.json('GET', '/api/me/coupons?status=available&limit=1', undefined, m.token)
    expect(firstAvailable.body).toMatchObject({ coupons: [expect.anything()], total: 2 })
    expect((await list('expired')).body.total).toBe(1)
    expect((await list('used')).body).toEqual({ coupons: [], nextCursor: null, total: 0 })
    const paged = await t.json('GET', '/api/me/coupons?limit=2', undefined, m.token)
    expect(paged.body).toMatchObject({ total: 3 })
    expect(paged.body.coupons).toHaveLength(2)
    const rest = await t.json('GET', `/api/me/coupons?limit=2&cursor=${paged.body.nextCursor}`, undefined, m.token)
    expect(rest.body).toMatchObject({ coupons: [expect.anything()], nextCursor: null, total: 3 })
    expect((await list('lost')).status).toBe(400)
  })

  it('needs a joined member', async () => {
    expect((await t.json('GET', '/api/me/benefits')).status).toBe(401)
    const login = await t.json('POST', '/api/auth/local', { phone: '13999990001' })
    expect(await t.json('GET', '/api/me/benefits', undefined, login.body.token)).toMatchObject({
      status: 403,
      body: { error: { code: 'MEMBER_NOT_JOINED' } },
    })
    expect(await claim(login.body.token, 'birthday_gift')).toMatchObject({
      status: 403,
      body: { error: { code: 'MEMBER_NOT_JOINED' } },
    })
  })

  it('keeps claims and effectiveness records append-only', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const m = await memberOnTier(t, 600)
    expect((await claim(m.token, 'coupon_pack_monthly')).status).toBe(201)
    for (const table of ['benefit_claims', 'benefit_events']) {
      await expect(sql`update ${sql.table(table)} set tier_key = 'x'`.execute(t.db)).rejects.toThrow(/append-only/)
      await expect(sql`delete from ${sql.table(table)}`.execute(t.db)).rejects.toThrow(/append-only/)
    }
  })
})
