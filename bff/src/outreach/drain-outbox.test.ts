import type { EngagementSettings, MessageCategory } from '@mc/shared'
import { beforeEach, describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app'
import { runOutbox } from '../jobs/run-outbox'
import { drainOutbox } from './drain-outbox'
import { saveEngagementSettings } from './engagement-settings'
import { saveMemberPrefs } from './notification-prefs'
import { channelSettings, insertMember, queueCampaignMessage, recordingSender } from './outreach-test-kit'
import { recordSubscriptions } from './wechat-subscriptions'

const minute = 60_000

describe('drainOutbox', () => {
  const wechat = recordingSender()
  const sms = recordingSender()
  const t = useTestApp({ outreach: { wechat: wechat.wechat, sms: sms.sms } }, { verifyLedgers: false })
  let settings: EngagementSettings
  let period = 0
  const useSettings = async (change: (s: EngagementSettings) => void = () => {}) => {
    settings = channelSettings(change)
    await saveEngagementSettings(t.db, settings, 'test', t.clock.now())
  }
  beforeEach(async () => {
    t.clock.set('2026-12-04T04:00:00Z') // noon in Shanghai
    await t.db.deleteFrom('wechat_subscriptions').execute()
    await t.db.deleteFrom('outbox').execute()
    for (const s of [wechat.sender, sms.sender]) {
      s.calls.length = 0
      s.answer = () => ({ ok: true, providerId: 'p' })
    }
    await useSettings()
  })
  const drain = (outreach = t.deps.outreach) => drainOutbox({ ...t.deps, outreach }, t.clock.now())

  /** A member reachable by WeChat (with one subscription) or by SMS (consented), with one message queued. */
  const queued = async (channel: 'wechat' | 'sms', category: MessageCategory = 'points') => {
    const m = await insertMember(t.db, channel === 'wechat' ? { openid: true } : { phone: true })
    if (channel === 'wechat') await recordSubscriptions(t.db, m.id, [`tpl-${category}`], t.clock.now())
    else await saveMemberPrefs(t.db, m.id, { mutedCategories: [], smsConsent: true }, t.clock.now())
    period += 1
    const { channels } = await queueCampaignMessage(t.db, {
      campaignId: 'cmp_drain',
      memberId: m.id,
      period: `p${period}`,
      category,
      title: '积分提醒',
      body: '即将过期',
      page: '/points/pages/expiring/index',
      settings,
      now: t.clock.now(),
    })
    expect(channels).toEqual(['inbox', channel])
    return m
  }
  const row = (memberId: string, channel: 'wechat' | 'sms') =>
    t.db
      .selectFrom('outbox')
      .selectAll()
      .where('member_id', '=', memberId)
      .where('channel', '=', channel)
      .executeTakeFirstOrThrow()
  const subscription = (memberId: string) =>
    t.db.selectFrom('wechat_subscriptions').selectAll().where('member_id', '=', memberId).executeTakeFirstOrThrow()

  it('sends a WeChat message against the subscription it spends, and an SMS with the sign and params', async () => {
    const w = await queued('wechat')
    const s = await queued('sms')
    expect(await drain()).toEqual({ sent: 2, retried: 0, failed: 0, skipped: 0 })
    expect(wechat.sender.calls).toEqual([
      {
        to: w.openid,
        templateId: 'tpl-points',
        page: 'points/pages/expiring/index',
        data: { thing1: '积分提醒', thing2: '即将过期' },
      },
    ])
    expect(sms.sender.calls).toEqual([
      { to: s.phone, templateId: 'SMS_points', page: null, data: { title: '积分提醒' } },
    ])
    const sent = await row(w.id, 'wechat')
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, sent_at: t.clock.now().toISOString() })
    expect(await subscription(w.id)).toMatchObject({ used_at: t.clock.now().toISOString(), outbox_id: sent.id })
    expect(await drain()).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 0 }) // nothing is sent twice
  })

  it('sends at most each channel’s perMinute rows per call, oldest first', async () => {
    await useSettings((s) => {
      s.sms.perMinute = 3
      s.wechat.perMinute = 1
    })
    const members = []
    for (let i = 0; i < 5; i += 1) members.push(await queued('sms'))
    await queued('wechat')
    await queued('wechat')
    // The scheduler's pass reads the settings once for its campaign step and this drain: the same limits apply.
    expect(await runOutbox(t.deps, t.clock.now())).toMatchObject({ sent: 4 })
    expect(sms.sender.calls.map((c) => c.to).sort()).toEqual(
      members
        .slice(0, 3)
        .map((m) => m.phone)
        .sort(),
    )
    expect(wechat.sender.calls).toHaveLength(1)
    expect(await drain()).toMatchObject({ sent: 3 })
    expect(sms.sender.calls.map((c) => c.to).sort()).toEqual(members.map((m) => m.phone).sort())
  })

  it('retries a transient failure after 1, 2, 4, 8, 16 minutes, then gives up as failed', async () => {
    const m = await queued('sms')
    sms.sender.answer = () => ({ ok: false, permanent: false, error: 'isv.BUSINESS_LIMIT_CONTROL' })
    const start = t.clock.now().getTime()
    const waits: number[] = []
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(await drain()).toMatchObject({ retried: 1 })
      const r = await row(m.id, 'sms')
      expect(r).toMatchObject({ state: 'pending', attempts: attempt, last_error: 'isv.BUSINESS_LIMIT_CONTROL' })
      const next = Date.parse(r.next_attempt_at ?? '')
      waits.push((next - t.clock.now().getTime()) / minute)
      t.clock.set(new Date(next - 1000).toISOString())
      expect(await drain()).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 0 }) // not due a second early
      t.clock.set(new Date(next).toISOString())
    }
    expect(waits).toEqual([1, 2, 4, 8, 16])
    expect(await drain()).toMatchObject({ failed: 1 })
    expect(await row(m.id, 'sms')).toMatchObject({ state: 'failed', attempts: 6 })
    expect(sms.sender.calls).toHaveLength(6)
    expect(t.clock.now().getTime() - start).toBe(31 * minute)
  })

  it('fails a permanent refusal at once and gives the WeChat subscription back', async () => {
    const m = await queued('wechat')
    wechat.sender.answer = () => ({ ok: false, permanent: true, error: '47003 argument invalid' })
    expect(await drain()).toMatchObject({ failed: 1 })
    expect(await row(m.id, 'wechat')).toMatchObject({
      state: 'failed',
      attempts: 1,
      last_error: '47003 argument invalid',
    })
    expect(await subscription(m.id)).toMatchObject({ used_at: null, outbox_id: null })
  })

  it('spends the subscription on 43101 (the member refused) and does not retry', async () => {
    const m = await queued('wechat')
    wechat.sender.answer = () => ({ ok: false, permanent: true, error: '43101 user refuse', subscriptionSpent: true })
    expect(await drain()).toMatchObject({ failed: 1 })
    expect(await subscription(m.id)).toMatchObject({ used_at: t.clock.now().toISOString(), spent_reason: 'refused' })
    t.clock.advanceMs(60 * minute)
    expect(await drain()).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 0 })
    expect(wechat.sender.calls).toHaveLength(1)
  })

  it('skips a channel with no adapter, saying so', async () => {
    const m = await queued('sms')
    expect(await drain({ wechat: null, sms: null })).toMatchObject({ skipped: 1 })
    expect(await row(m.id, 'sms')).toMatchObject({ state: 'skipped', last_error: '渠道未配置' })
  })

  it('skips a WeChat message whose subscription was used up before it went out', async () => {
    const m = await queued('wechat')
    await t.db.updateTable('wechat_subscriptions').set({ used_at: t.clock.now().toISOString() }).execute()
    expect(await drain()).toMatchObject({ skipped: 1 })
    expect(await row(m.id, 'wechat')).toMatchObject({ state: 'skipped', last_error: '订阅已用完' })
    expect(wechat.sender.calls).toEqual([])
  })

  it('asks for SMS consent again at send time: a 退订 after queueing wins', async () => {
    const m = await queued('sms')
    await saveMemberPrefs(t.db, m.id, { mutedCategories: [], smsConsent: false }, t.clock.now())
    expect(await drain()).toMatchObject({ skipped: 1 })
    expect(await row(m.id, 'sms')).toMatchObject({ state: 'skipped', last_error: '未同意短信或已退订' })
    expect(sms.sender.calls).toEqual([])
  })

  it('fails a row left sending by a killed process after 10 minutes, without sending it again', async () => {
    const m = await queued('sms')
    const claimedAt = t.clock.now().toISOString()
    await t.db
      .updateTable('outbox')
      .set({ state: 'sending', attempts: 1, next_attempt_at: claimedAt })
      .where('member_id', '=', m.id)
      .where('channel', '=', 'sms')
      .execute()
    t.clock.advanceMs(10 * minute)
    expect(await drain()).toEqual({ sent: 0, retried: 0, failed: 0, skipped: 0 }) // may still be in flight
    t.clock.advanceMs(1000)
    expect(await drain()).toMatchObject({ failed: 1 })
    expect(await row(m.id, 'sms')).toMatchObject({
      state: 'failed',
      last_error: expect.stringMatching(/^outcome unknown/),
    })
    expect(sms.sender.calls).toEqual([])
  })

  it('keeps sending SMS while the WeChat adapter throws', async () => {
    const w = await queued('wechat')
    const s = await queued('sms')
    wechat.sender.answer = () => {
      throw new Error('connect ECONNREFUSED')
    }
    expect(await drain()).toEqual({ sent: 1, retried: 1, failed: 0, skipped: 0 })
    expect(await row(s.id, 'sms')).toMatchObject({ state: 'sent' })
    expect(await row(w.id, 'wechat')).toMatchObject({ state: 'pending', last_error: 'connect ECONNREFUSED' })
    // The retry keeps the subscription its first try spent rather than spending another.
    await recordSubscriptions(t.db, w.id, ['tpl-points'], t.clock.now())
    wechat.sender.answer = () => ({ ok: true, providerId: 'p' })
    t.clock.advanceMs(minute)
    expect(await drain()).toMatchObject({ sent: 1 })
    const subs = await t.db.selectFrom('wechat_subscriptions').select('used_at').where('member_id', '=', w.id).execute()
    expect(subs.filter((x) => x.used_at !== null)).toHaveLength(1)
  })

  it('holds a message queued in quiet hours until they end, then sends it', async () => {
    await useSettings((s) => {
      s.quietHours = { start: '21:00', end: '09:00' }
    })
    t.clock.set('2026-12-04T14:00:00Z') // 22:00 in Shanghai
    const m = await queued('sms')
    t.clock.set('2026-12-05T00:59:00Z') // 08:59
    expect(await drain()).toMatchObject({ sent: 0 })
    t.clock.set('2026-12-05T01:00:00Z') // 09:00
    expect(await drain()).toMatchObject({ sent: 1 })
    expect(await row(m.id, 'sms')).toMatchObject({ state: 'sent', sent_at: '2026-12-05T01:00:00.000Z' })
  })
})
