import type { EngagementSettings } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { testAdminToken, useTestApp } from '../test/test-app'
import { drainOutbox } from './drain-outbox'
import { saveEngagementSettings } from './engagement-settings'
import { memberPrefs, saveMemberPrefs } from './notification-prefs'
import { channelSettings, insertMember, queueCampaignMessage, recordingSender } from './outreach-test-kit'
import { recordSubscriptions } from './wechat-subscriptions'

describe('outbox console and SMS replies', () => {
  const wechat = recordingSender()
  const sms = recordingSender()
  const t = useTestApp({ outreach: { wechat: wechat.wechat, sms: sms.sms } }, { verifyLedgers: false })
  const admin = (method: string, path: string) =>
    t.json(method, path, method === 'GET' ? undefined : {}, testAdminToken)
  let settings: EngagementSettings
  const failed: string[] = []
  let smsMember: { id: string; phone: string | null }

  /** Queues one message for a new member: by WeChat when `subscribed`, else by SMS (consented). */
  const queue = async (subscribed: boolean) => {
    const m = await insertMember(t.db, subscribed ? { openid: true } : { phone: true })
    if (subscribed) await recordSubscriptions(t.db, m.id, ['tpl-offers', 'tpl-offers'], t.clock.now())
    else await saveMemberPrefs(t.db, m.id, { mutedCategories: [], smsConsent: true }, t.clock.now())
    await queueCampaignMessage(t.db, {
      campaignId: 'cmp_console',
      memberId: m.id,
      period: 'once',
      category: 'offers',
      title: '新券到账',
      body: '满200减50',
      page: null,
      settings,
      now: t.clock.now(),
    })
    return m
  }

  beforeAll(async () => {
    t.clock.set('2026-12-04T04:00:00Z')
    settings = channelSettings()
    await saveEngagementSettings(t.db, settings, 'test', t.clock.now())
    // Two SMS refused for good, one WeChat sent, one WeChat left pending for later.
    sms.sender.answer = () => ({ ok: false, permanent: true, error: 'isv.MOBILE_NUMBER_ILLEGAL' })
    smsMember = await queue(false)
    await queue(false)
    await queue(true)
    await drainOutbox(t.deps, t.clock.now())
    await queue(true)
    const rows = await t.db
      .selectFrom('outbox')
      .select('id')
      .where('state', '=', 'failed')
      .orderBy('id', 'desc')
      .execute()
    failed.push(...rows.map((r) => r.id))
  })

  it('counts each channel’s messages and the WeChat subscription budget', async () => {
    const status = await admin('GET', '/api/admin/outreach/status')
    expect(status.status).toBe(200)
    expect(status.body.channels).toEqual([
      { channel: 'inbox', configured: true, pending: 0, sent: 4, failed: 0, skipped: 0 },
      { channel: 'wechat', configured: true, pending: 1, sent: 1, failed: 0, skipped: 0 },
      { channel: 'sms', configured: true, pending: 0, sent: 0, failed: 2, skipped: 0 },
    ])
    expect(status.body.templates).toContainEqual({
      category: 'offers',
      templateId: 'tpl-offers',
      reachableMembers: 2, // each WeChat member holds two, the first has spent one
      unusedSubscriptions: 3,
    })
    expect(status.body.smsConsentedMembers).toBe(2)
  })

  it('lists failed messages newest first, by cursor, and filters by channel', async () => {
    const first = await admin('GET', '/api/admin/outbox?limit=1')
    expect(first.body.messages).toEqual([
      expect.objectContaining({
        id: failed[0],
        channel: 'sms',
        state: 'failed',
        attempts: 1,
        title: '新券到账',
        lastError: 'isv.MOBILE_NUMBER_ILLEGAL',
        sourceType: 'campaign',
        sourceId: 'cmp_console',
        category: 'offers',
      }),
    ])
    const second = await admin('GET', `/api/admin/outbox?limit=1&cursor=${first.body.nextCursor}`)
    expect(second.body).toEqual({ messages: [expect.objectContaining({ id: failed[1] })], nextCursor: null })
    expect((await admin('GET', '/api/admin/outbox?channel=wechat')).body).toEqual({ messages: [], nextCursor: null })
    const pending = await admin('GET', '/api/admin/outbox?state=pending&channel=wechat')
    expect(pending.body.messages).toHaveLength(1)
    expect((await admin('GET', '/api/admin/outbox?state=lost')).status).toBe(400)
  })

  it('queues a failed message again, audited; anything else cannot be retried', async () => {
    t.clock.set('2026-12-04T05:00:00Z')
    const retried = await admin('POST', `/api/admin/outbox/${failed[0]}/retry`)
    expect(retried.status).toBe(200)
    expect(retried.body).toMatchObject({
      id: failed[0],
      state: 'pending',
      attempts: 0,
      lastError: null,
      nextAttemptAt: '2026-12-04T05:00:00.000Z',
    })
    const again = await admin('POST', `/api/admin/outbox/${failed[0]}/retry`)
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'OUTBOX_NOT_FAILED' } } })
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'outbox.retry')
      .execute()
    expect(audit).toEqual([{ action: 'outbox.retry', target_id: failed[0] }])
    sms.sender.answer = () => ({ ok: true, providerId: 'ok' })
    expect(await drainOutbox(t.deps, t.clock.now())).toMatchObject({ sent: 2 }) // the retried SMS and the WeChat
  })

  describe('SMS replies (Alibaba Cloud SmsUp push)', () => {
    const push = (token: string | null, replies: unknown) =>
      t.json('POST', `/webhooks/sms/inbound${token === null ? '' : `?token=${token}`}`, replies)
    const reply = (phone: string, content: string) => ({
      phone_number: phone,
      content,
      send_time: '2026-12-04 12:00:00',
      sign_name: '会员中心',
      dest_code: '1234',
      sequence_id: 1234567890,
    })

    it('refuses a push without the right token and writes nothing', async () => {
      const phone = smsMember.phone ?? ''
      t.deps.smsInboundToken = null
      expect((await push('anything', [reply(phone, '退订')])).status).toBe(401)
      t.deps.smsInboundToken = 'sms-inbound-secret'
      for (const token of [null, 'sms-inbound-secreT', 'sms-inbound-secret-longer']) {
        const answer = await push(token, [reply(phone, '退订')])
        expect(answer).toMatchObject({ status: 401, body: { error: { code: 'SMS_INBOUND_FORBIDDEN' } } })
      }
      expect(await memberPrefs(t.db, smsMember.id)).toMatchObject({ smsConsent: true, smsOptedOutAt: null })
    })

    it.each([['退订'], [' TD '], ['t'], ['N']])('turns SMS off for the phone that replied %j', async (content) => {
      const m = await insertMember(t.db, { phone: true })
      await saveMemberPrefs(t.db, m.id, { mutedCategories: ['care'], smsConsent: true }, t.clock.now())
      t.deps.smsInboundToken = 'sms-inbound-secret'
      const answer = await push('sms-inbound-secret', [reply(`+86${m.phone}`, content), reply('13000000000', '你好')])
      expect(answer).toEqual({ status: 200, body: { code: 0, msg: '接收成功' } })
      expect(await memberPrefs(t.db, m.id)).toEqual({
        mutedCategories: ['care'],
        smsConsent: false,
        smsOptedOutAt: t.clock.now().toISOString(),
      })
    })

    it('leaves consent alone for any other reply', async () => {
      const m = await insertMember(t.db, { phone: true })
      await saveMemberPrefs(t.db, m.id, { mutedCategories: [], smsConsent: true }, t.clock.now())
      const answer = await push('sms-inbound-secret', [reply(m.phone ?? '', '退订了吗'), reply(m.phone ?? '', 'YES')])
      expect(answer.status).toBe(200)
      expect(await memberPrefs(t.db, m.id)).toMatchObject({ smsConsent: true })
    })
  })
})
