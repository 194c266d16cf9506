import { businessDayOf, type SegmentFilter } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { publishedProgram } from '../../program/published-program'
import { operatorToken } from '../../test/operator-fixtures'
import { testAdminToken, useTestApp } from '../../test/test-app'
import { insertSegmentMembers } from './segment-test-kit'

const now = '2026-12-03T02:00:00.000Z'

describe('segments: every filter field against hand-made members', () => {
  // The kit's points accounts have no entries behind them: the ledgers are not what this spec is about.
  const t = useTestApp({}, { verifyLedgers: false })
  const preview = (filter: unknown, token = testAdminToken) =>
    t.json('POST', '/api/admin/segments/preview', { filter }, token)

  beforeAll(async () => {
    t.clock.set(now)
    const { rules } = await publishedProgram(t.db)
    await insertSegmentMembers(t.db, rules, businessDayOf(new Date(now), rules.calendar))
  })

  it.each<[string, SegmentFilter, string[]]>([
    ['no condition: every joined member (s5 never joined)', {}, ['1', '2', '3', '4']],
    ['tier gold', { tiers: ['gold'] }, ['1', '4']],
    ['the entry tier includes members without a tier row', { tiers: ['regular'] }, ['3']],
    ['silver and gold', { tiers: ['silver', 'gold'] }, ['1', '2', '4']],
    ['RFM group', { rfmGroups: ['important_retain'] }, ['1', '4']],
    ['lifecycle', { lifecycles: ['active', 'lapsed'] }, ['2', '4']],
    ['any of the tags, a member with two counted once', { tagsAny: ['母婴', '零食', '美妆'] }, ['1', '2']],
    ['30 days or more since the last order (never ordered: no value)', { daysSinceLastOrder: { min: 30 } }, ['1', '4']],
    ['exactly 40 days ago is 40 days', { daysSinceLastOrder: { min: 40 } }, ['1', '4']],
    ['41 days leaves the 40-day member out', { daysSinceLastOrder: { min: 41 } }, ['4']],
    ['ordered within 30 days (a fully refunded order does not count)', { daysSinceLastOrder: { max: 30 } }, ['2']],
    ['between 30 and 100 days', { daysSinceLastOrder: { min: 30, max: 100 } }, ['1']],
    ['never ordered', { neverOrdered: true }, ['3']],
    ['ordered at least once', { neverOrdered: false }, ['1', '2', '4']],
    ['store of origin', { outletIds: ['out_a'] }, ['1']],
    ['birthday month', { birthdayMonths: [12] }, ['1', '4']],
    ['points 0–100 (no account is 0)', { pointsBalance: { min: 0, max: 100 } }, ['2', '3']],
    ['points in debt', { pointsBalance: { max: -1 } }, ['4']],
    ['points at least 500', { pointsBalance: { min: 500 } }, ['1']],
    ['joined between (inclusive)', { joinedBetween: { from: '2026-06-01', to: '2026-11-30' } }, ['2', '3']],
    ['joined from', { joinedBetween: { from: '2026-01-10' } }, ['1', '2', '3']],
    ['signed in within 3 days (today and 2 days ago; 9 days ago is out)', { signedInWithinDays: 3 }, ['1', '3']],
    ['signed in within 10 days', { signedInWithinDays: 10 }, ['1', '2', '3']],
    [
      'fields are ANDed',
      { tiers: ['gold'], rfmGroups: ['important_retain'], daysSinceLastOrder: { min: 30 }, birthdayMonths: [12] },
      ['1', '4'],
    ],
  ])('%s', async (_name, filter, expected) => {
    const answer = await preview(filter)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body.count).toBe(expected.length)
    expect(answer.body.sample.map((m: { memberId: string }) => m.memberId.slice(-1))).toEqual(expected)
  })

  it('samples with masked phones, tier names, RFM group, points and last order day', async () => {
    const answer = await preview({ tiers: ['gold'] })
    expect(answer.body.sample[0]).toEqual({
      memberId: 'mbr_seg_1',
      nickname: '会员1',
      phoneMasked: '138****0001',
      tierName: '黄金会员',
      rfmGroup: 'important_retain',
      pointsBalance: 500,
      lastOrderDay: null,
    })
  })

  it.each<[string, unknown, string[]]>([
    ['an unknown field', { tiers: ['gold'], favouriteColour: 'red' }, ['filter']],
    ['min above max', { pointsBalance: { min: 10, max: 5 } }, ['filter.pointsBalance.max']],
    [
      'days since the last order: min above max',
      { daysSinceLastOrder: { min: 60, max: 30 } },
      ['filter.daysSinceLastOrder.max'],
    ],
    ['joined: from after to', { joinedBetween: { from: '2026-06-02', to: '2026-06-01' } }, ['filter.joinedBetween.to']],
    [
      'never ordered with days since the last order',
      { neverOrdered: true, daysSinceLastOrder: { min: 3 } },
      ['filter.neverOrdered'],
    ],
    ['a month 13', { birthdayMonths: [13] }, ['filter.birthdayMonths.0']],
    ['an unknown tier', { tiers: ['gold', 'platinum'] }, ['filter.tiers.1']],
    ['an unknown store', { outletIds: ['out_zz', 'out_a'] }, ['filter.outletIds.0']],
  ])('refuses %s with field errors', async (_name, filter, paths) => {
    for (const call of [
      () => preview(filter),
      () => t.json('POST', '/api/admin/segments', { name: '坏人群', filter }, testAdminToken),
    ]) {
      const answer = await call()
      expect(answer.status).toBe(400)
      expect(answer.body.error.code).toBe('INVALID_REQUEST')
      expect(answer.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(paths)
    }
  })
})

describe('saved segments: CRUD, summary in words, permissions and audit', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  beforeAll(async () => {
    t.clock.set(now)
    const { rules } = await publishedProgram(t.db)
    await insertSegmentMembers(t.db, rules, businessDayOf(new Date(now), rules.calendar))
  })

  it('creates, lists, reads, updates and archives, each audited', async () => {
    const filter = { tiers: ['silver', 'gold'], rfmGroups: ['important_retain'], daysSinceLastOrder: { min: 30 } }
    const created = await t.json('POST', '/api/admin/segments', { name: '黄金·重要挽留', filter }, testAdminToken)
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: '黄金·重要挽留',
      filter,
      summary: '白银会员及以上 · 重要挽留 · 30 天未下单',
    })
    const id = created.body.id
    const updatedFilter = {
      birthdayMonths: [12],
      outletIds: ['out_a'],
      pointsBalance: { min: 100 },
      signedInWithinDays: 7,
    }
    const updated = await t.json(
      'PUT',
      `/api/admin/segments/${id}`,
      { name: '生日在本月', filter: updatedFilter },
      testAdminToken,
    )
    expect(updated.status).toBe(200)
    expect(updated.body.summary).toBe('来自徐汇店 · 生日在 12 月 · 积分 ≥ 100 · 7 天内签到过')
    expect((await t.json('GET', `/api/admin/segments/${id}`, undefined, testAdminToken)).body.name).toBe('生日在本月')
    const list = await t.json('GET', '/api/admin/segments', undefined, testAdminToken)
    expect(list.body.segments.map((s: { id: string }) => s.id)).toEqual([id])
    expect((await t.json('DELETE', `/api/admin/segments/${id}`, undefined, testAdminToken)).status).toBe(200)
    expect((await t.json('GET', '/api/admin/segments', undefined, testAdminToken)).body.segments).toEqual([])
    const gone = await t.json('GET', `/api/admin/segments/${id}`, undefined, testAdminToken)
    expect([gone.status, gone.body.error.code]).toEqual([404, 'SEGMENT_NOT_FOUND'])
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['segment.create', 'segment.update', 'segment.archive'])
  })

  it('an empty filter reads 全部会员; an analyst previews but cannot save', async () => {
    const analyst = (await operatorToken(t, 'analyst')).token
    expect((await t.json('POST', '/api/admin/segments/preview', { filter: {} }, analyst)).body.count).toBe(4)
    const refused = await t.json('POST', '/api/admin/segments', { name: '全部', filter: {} }, analyst)
    expect(refused.status).toBe(403)
    const saved = await t.json('POST', '/api/admin/segments', { name: '全部', filter: {} }, testAdminToken)
    expect(saved.body.summary).toBe('全部会员')
  })
})
