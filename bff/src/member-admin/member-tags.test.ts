import { InsightSettings } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { scoreMembers } from '../analytics/scoring/score-members'
import { publishedProgram } from '../program/published-program'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { operatorToken } from '../test/operator-fixtures'
import { testAdminToken, useTestApp } from '../test/test-app'

describe('console member tags and the member page’s insight', () => {
  const t = useTestApp()
  let memberId: string
  let owner: string
  let analyst: string
  const call = async (method: string, path: string, token = owner, body?: unknown) => {
    const response = await t.app.request(path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }
  const tags = (path = `/api/admin/members/${memberId}/tags`) => path
  const untag = (tag: string) => `/api/admin/members/${memberId}/tags/${encodeURIComponent(tag)}`

  beforeAll(async () => {
    const token = await t.joinedMember('13812345601')
    memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
    owner = (await operatorToken(t, 'owner')).token
    analyst = (await operatorToken(t, 'analyst')).token
  })

  it('shows an unscored member with empty insight', async () => {
    const detail = await call('GET', `/api/admin/members/${memberId}`)
    expect(detail.status).toBe(200)
    expect(detail.body.insight).toEqual({
      asOf: null,
      rfmGroup: null,
      rfmGroupLabel: null,
      scores: null,
      lifecycle: null,
      lifecycleLabel: null,
      clvFen: null,
      lastOrderDay: null,
      tags: [],
    })
  })

  it('adds a manual tag once (201, then 200 unchanged), audited once', async () => {
    const first = await call('POST', tags(), owner, { tag: ' 高潜力 ' })
    expect(first).toMatchObject({ status: 201, body: { tags: [{ tag: '高潜力', source: 'manual' }] } })
    const again = await call('POST', tags(), owner, { tag: '高潜力' })
    expect(again).toMatchObject({ status: 200, body: { tags: [{ tag: '高潜力', source: 'manual' }] } })
    const audits = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.tag_add').execute()
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ target_id: memberId, detail: JSON.stringify({ tag: '高潜力' }) })
  })

  it('refuses tags the nightly job owns, empty and too long ones', async () => {
    for (const tag of ['偏好:茶饮', '  ', '一'.repeat(17)]) {
      const answer = await call('POST', tags(), owner, { tag })
      expect(answer.status, tag).toBe(400)
      expect(answer.body.error.code).toBe('INVALID_REQUEST')
    }
  })

  it('needs members.adjust: an analyst may read but not tag', async () => {
    expect((await call('POST', tags(), analyst, { tag: '分析师' })).status).toBe(403)
    expect((await call('DELETE', untag('高潜力'), analyst)).status).toBe(403)
    expect((await call('GET', `/api/admin/members/${memberId}`, analyst)).status).toBe(200)
  })

  it('shows scores and both kinds of tags after the nightly scoring', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const lines = [{ sku: 'tea', category: '茶饮', qty: 1, amountFen: 8_800 }]
    await sendOrderEvent(t, orderEvent('order.paid', 'tag-o1', { memberId }, 8_800, { lines }))
    await scoreMembers(t.db, '2026-11-23', InsightSettings.parse({}), await publishedProgram(t.db), {
      now: t.clock.now(),
    })
    const { body } = await call('GET', `/api/admin/members/${memberId}`, testAdminToken)
    // The only buyer: every rank is 1 of 1, so every score is 1 (一般挽留); joined today, so new.
    expect(body.insight).toEqual({
      asOf: '2026-11-23',
      rfmGroup: 'general_retain',
      rfmGroupLabel: '一般挽留',
      scores: { r: 1, f: 1, m: 1 },
      lifecycle: 'new',
      lifecycleLabel: '新会员',
      clvFen: 26_400,
      lastOrderDay: '2026-11-23',
      tags: [
        { tag: '高潜力', source: 'manual' },
        { tag: '偏好:茶饮', source: 'category' },
      ],
    })
  })

  it('removes a manual tag (audited), refuses a category tag (409) and a missing one (404)', async () => {
    const removed = await call('DELETE', untag('高潜力'), owner)
    expect(removed).toMatchObject({ status: 200, body: { tags: [{ tag: '偏好:茶饮', source: 'category' }] } })
    expect(
      await t.db.selectFrom('audit_log').select('actor').where('action', '=', 'member.tag_remove').execute(),
    ).toHaveLength(1)
    expect((await call('DELETE', untag('偏好:茶饮'), owner)).body.error.code).toBe('TAG_NOT_MANUAL')
    expect((await call('DELETE', untag('偏好:茶饮'), owner)).status).toBe(409)
    expect((await call('DELETE', untag('高潜力'), owner)).status).toBe(404)
    expect((await call('DELETE', untag('高潜力'), owner)).body.error.code).toBe('TAG_NOT_FOUND')
  })
})
