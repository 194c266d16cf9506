import type { EngagementSettings, MessageCategory } from '@mc/shared'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app'
import { decideSend } from './decide-send'
import { enqueueMessage } from './enqueue-message'
import { saveMemberPrefs } from './notification-prefs'
import { channelSettings, insertMember } from './outreach-test-kit'
import { recordSubscriptions } from './wechat-subscriptions'

describe('enqueueMessage', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let period = 0
  const send = (memberId: string, options: { category?: MessageCategory; settings?: EngagementSettings } = {}) => {
    const settings = options.settings ?? channelSettings()
    const now = t.clock.now()
    period += 1
    return t.db.transaction().execute(async (trx) => {
      const decision = await decideSend(trx, {
        sourceType: 'journey',
        sourceId: 'points_expiring',
        memberId,
        period: `p${period}`,
        holdoutPercent: 0,
        variants: 1,
        settings,
        now,
        businessDay: '2026-12-04',
      })
      if (decision?.outcome !== 'sent') throw new Error(`expected a send, got ${JSON.stringify(decision)}`)
      return enqueueMessage(trx, {
        sendId: decision.sendId,
        memberId,
        category: options.category ?? 'points',
        title: '300 积分即将过期',
        body: '你有 300 积分将于2026-12-11过期，快去积分商城兑换这些积分吧，错过就没有了哦。',
        page: '/points/pages/expiring/index',
        values: { 到期积分: '300', 到期日: '2026-12-11' },
        settings,
        now,
      })
    })
  }
  const outbox = (memberId: string) =>
    t.db
      .selectFrom('outbox')
      .select(['channel', 'state', 'template_id', 'payload', 'next_attempt_at', 'last_error'])
      .where('member_id', '=', memberId)
      .orderBy('channel')
      .execute()
  const consent = (memberId: string, mutedCategories: MessageCategory[] = []) =>
    saveMemberPrefs(t.db, memberId, { mutedCategories, smsConsent: true }, t.clock.now())

  it('always writes the inbox at once, with its deep link, keyed by the send', async () => {
    t.clock.set('2026-12-04T04:00:00Z')
    const m = await insertMember(t.db, { phone: true })
    expect(await send(m.id)).toEqual({ channels: ['inbox'] }) // no openid, no SMS consent
    const note = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('member_id', '=', m.id)
      .executeTakeFirstOrThrow()
    expect(note).toMatchObject({
      kind: 'points_expiring',
      title: '300 积分即将过期',
      page: '/points/pages/expiring/index',
    })
    expect(note.dedupe_key).toMatch(new RegExp(`^journey:points_expiring:${m.id}:p\\d+$`))
    expect(await outbox(m.id)).toEqual([
      { channel: 'inbox', state: 'sent', template_id: null, payload: null, next_attempt_at: null, last_error: null },
    ])
  })

  it('sends by WeChat to a member holding a subscription, fields cut to WeChat limits', async () => {
    const m = await insertMember(t.db, { openid: true, phone: true })
    await consent(m.id)
    await recordSubscriptions(t.db, m.id, ['tpl-points'], t.clock.now())
    expect(await send(m.id)).toEqual({ channels: ['inbox', 'wechat'] })
    const wechat = (await outbox(m.id)).find((r) => r.channel === 'wechat')
    expect(wechat).toMatchObject({
      state: 'pending',
      template_id: 'tpl-points',
      next_attempt_at: t.clock.now().toISOString(),
    })
    expect(JSON.parse(wechat?.payload ?? '')).toEqual({
      thing1: '300 积分即将过期',
      thing2: '你有 300 积分将于2026-12-…', // 20 characters, the last an ellipsis
    })
    // The one subscription is spoken for: the next message falls back to SMS (the member consented).
    expect(await send(m.id)).toEqual({ channels: ['inbox', 'sms'] })
  })

  it('sends by SMS to a consenting member with a phone and no subscription', async () => {
    const m = await insertMember(t.db, { openid: true, phone: true })
    await consent(m.id)
    expect(await send(m.id)).toEqual({ channels: ['inbox', 'sms'] })
    const sms = (await outbox(m.id)).find((r) => r.channel === 'sms')
    expect(sms).toMatchObject({ state: 'pending', template_id: 'SMS_points' })
    expect(JSON.parse(sms?.payload ?? '')).toEqual({ title: '300 积分即将过期' })
  })

  it('gives a muted category the inbox only', async () => {
    const m = await insertMember(t.db, { openid: true, phone: true })
    await consent(m.id, ['points'])
    await recordSubscriptions(t.db, m.id, ['tpl-points'], t.clock.now())
    expect(await send(m.id)).toEqual({ channels: ['inbox'] })
    expect(await send(m.id, { category: 'tier' })).toEqual({ channels: ['inbox', 'sms'] }) // another category
  })

  it('holds pushes until quiet hours end in the business time zone, the inbox at once', async () => {
    t.clock.set('2026-12-04T14:30:00Z') // 22:30 in Shanghai
    const m = await insertMember(t.db, { phone: true })
    await consent(m.id)
    const settings = channelSettings((s) => {
      s.quietHours = { start: '21:00', end: '09:00' }
    })
    expect(await send(m.id, { settings })).toEqual({ channels: ['inbox', 'sms'] })
    const rows = await outbox(m.id)
    expect(rows.map((r) => [r.channel, r.state, r.next_attempt_at])).toEqual([
      ['inbox', 'sent', null],
      ['sms', 'pending', '2026-12-05T01:00:00.000Z'], // 09:00 the next morning
    ])
    t.clock.set('2026-12-04T04:00:00Z')
  })

  it('records a skipped row when the category has no template on a channel the merchant uses', async () => {
    const m = await insertMember(t.db, { openid: true, phone: true })
    await consent(m.id)
    const noPoints = channelSettings((s) => {
      delete s.wechat.templates.points
      delete s.sms.templates.points
    })
    expect(await send(m.id, { settings: noPoints })).toEqual({ channels: ['inbox'] })
    expect((await outbox(m.id)).map((r) => [r.channel, r.state, r.last_error])).toEqual([
      ['inbox', 'sent', null],
      ['sms', 'skipped', '模板未配置'],
      ['wechat', 'skipped', '模板未配置'],
    ])
  })

  it('writes no skipped rows when a channel is not set up at all, or the member could not get it anyway', async () => {
    const m = await insertMember(t.db, { phone: true }) // no openid, no consent
    const wechatOnly = channelSettings((s) => {
      s.wechat.templates = { tier: s.wechat.templates.tier }
      s.sms.signName = null
    })
    expect(await send(m.id, { settings: wechatOnly })).toEqual({ channels: ['inbox'] })
    expect((await outbox(m.id)).map((r) => r.channel)).toEqual(['inbox'])
  })
})
