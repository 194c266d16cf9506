import { beforeAll, describe, expect, it } from 'vitest'
import { issueSession } from '../auth/member-sessions'
import { useTestApp } from '../test/test-app'
import { saveEngagementSettings } from './engagement-settings'
import { channelSettings, insertMember } from './outreach-test-kit'

describe('member notification settings and WeChat subscriptions', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  const session = async (options: { openid?: boolean; phone?: boolean }) => {
    const m = await insertMember(t.db, options)
    return { ...m, token: (await issueSession(t.db, m.id, t.clock.now(), 24)).token }
  }
  beforeAll(async () => {
    // Offers and points share one template, so a prompt naming both categories asks for it once.
    const settings = channelSettings((s) => {
      s.wechat.templates.points = { templateId: 'tpl-shared', fields: { thing1: '{标题}' } }
      s.wechat.templates.offers = { templateId: 'tpl-shared', fields: { thing1: '{标题}' } }
    })
    await saveEngagementSettings(t.db, settings, 'test', t.clock.now())
  })

  it('reads and saves muted categories and SMS consent', async () => {
    const m = await session({ openid: true, phone: true })
    const path = '/api/me/notification-settings'
    expect((await t.json('GET', path, undefined, m.token)).body).toEqual({
      mutedCategories: [],
      smsConsent: false,
      hasPhone: true,
      smsOptedOutAt: null,
    })
    const saved = await t.json(
      'PUT',
      path,
      { mutedCategories: ['offers', 'offers', 'care'], smsConsent: true },
      m.token,
    )
    expect(saved).toEqual({
      status: 200,
      body: { mutedCategories: ['offers', 'care'], smsConsent: true, hasPhone: true, smsOptedOutAt: null },
    })
    expect((await t.json('GET', path, undefined, m.token)).body).toEqual(saved.body)
    const bad = await t.json('PUT', path, { mutedCategories: ['spam'], smsConsent: true }, m.token)
    expect(bad.status).toBe(400)
  })

  it('refuses SMS consent without a phone on file', async () => {
    const m = await session({ openid: true })
    const path = '/api/me/notification-settings'
    const answer = await t.json('PUT', path, { mutedCategories: [], smsConsent: true }, m.token)
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'SMS_CONSENT_NEEDS_PHONE' } } })
    expect((await t.json('GET', path, undefined, m.token)).body).toMatchObject({ smsConsent: false, hasPhone: false })
  })

  it.each([
    ['sign_in', ['tpl-tier', 'tpl-shared']],
    ['redemption', ['tpl-shared']], // offers and points share it: asked once
    ['payment', ['tpl-shared']],
    ['join', ['tpl-tier', 'tpl-shared', 'tpl-care']],
    ['points_expiring', ['tpl-shared']],
  ])('prompts at %s for at most 3 templates of the likely categories: %j', async (moment, templateIds) => {
    const m = await session({ openid: true })
    const prompt = await t.json('GET', `/api/me/subscriptions/prompt?moment=${moment}`, undefined, m.token)
    expect(prompt.status).toBe(200)
    expect(prompt.body.templates.map((x: { templateId: string }) => x.templateId)).toEqual(templateIds)
    expect(prompt.body.templates.length).toBeLessThanOrEqual(3)
  })

  it('records one subscription per acceptance, stops asking for kept refusals and marks kept acceptances', async () => {
    const m = await session({ openid: true })
    const answer = (results: Record<string, string>, keepChoice: boolean) =>
      t.json('POST', '/api/me/subscriptions', { moment: 'join', results, keepChoice }, m.token)
    expect(await answer({ 'tpl-tier': 'accept', 'tpl-shared': 'accept', 'tpl-care': 'reject' }, false)).toEqual({
      status: 201,
      body: { accepted: 2, available: { 'tpl-tier': 1, 'tpl-shared': 1 } },
    })
    expect((await answer({ 'tpl-tier': 'accept' }, false)).body.available).toEqual({ 'tpl-tier': 2, 'tpl-shared': 1 })
    // Nothing kept yet: joining still asks for all three.
    const prompt = () => t.json('GET', '/api/me/subscriptions/prompt?moment=join', undefined, m.token)
    expect((await prompt()).body.templates).toHaveLength(3)
    await answer({ 'tpl-tier': 'accept', 'tpl-care': 'reject' }, true)
    // The kept refusal is not asked again; the kept acceptance is, marked, since WeChat grants it without a dialog.
    expect((await prompt()).body.templates).toEqual([
      { templateId: 'tpl-tier', category: 'tier', label: '等级变化与保级提醒', keptAccept: true },
      { templateId: 'tpl-shared', category: 'offers', label: '优惠券与活动', keptAccept: false },
    ])
    const rows = await t.db
      .selectFrom('wechat_subscriptions')
      .select('template_id')
      .where('member_id', '=', m.id)
      .execute()
    expect(rows.map((r) => r.template_id).sort()).toEqual(['tpl-shared', 'tpl-tier', 'tpl-tier', 'tpl-tier'])
  })

  it('refuses an answer naming a template that is not configured, writing nothing', async () => {
    const m = await session({ openid: true })
    const results = { 'tpl-tier': 'accept', 'tpl-forged': 'accept' }
    const answer = await t.json('POST', '/api/me/subscriptions', { moment: 'join', results, keepChoice: true }, m.token)
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'SUBSCRIPTION_TEMPLATE_UNKNOWN' } } })
    const written = await Promise.all(
      (['wechat_subscriptions', 'wechat_subscription_choices'] as const).map((table) =>
        t.db.selectFrom(table).select('member_id').where('member_id', '=', m.id).execute(),
      ),
    )
    expect(written).toEqual([[], []])
  })

  it('gives a visitor about to join the join prompt, and records answers only once they are a member', async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13711110001' })
    expect(login.body.member).toBeNull()
    const prompt = await t.json('GET', '/api/me/subscriptions/prompt?moment=join', undefined, login.body.token)
    expect(prompt.status).toBe(200)
    expect(prompt.body.templates.map((x: { templateId: string }) => x.templateId)).toEqual([
      'tpl-tier',
      'tpl-shared',
      'tpl-care',
    ])
    const body = { moment: 'join', results: { 'tpl-tier': 'accept' }, keepChoice: false }
    const early = await t.json('POST', '/api/me/subscriptions', body, login.body.token)
    expect(early).toMatchObject({ status: 403, body: { error: { code: 'MEMBER_NOT_JOINED' } } })
    expect((await t.json('POST', '/api/members/join', {}, login.body.token)).status).toBe(200)
    expect((await t.json('POST', '/api/me/subscriptions', body, login.body.token)).status).toBe(201)
  })

  it('needs a member session', async () => {
    expect((await t.json('GET', '/api/me/subscriptions/prompt?moment=join')).status).toBe(401)
    expect((await t.json('GET', '/api/me/notification-settings')).status).toBe(401)
  })
})
