import type { MessageCategory } from '@mc/shared'
import type { Transaction } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../db/schema'
import { useTestApp } from '../test/test-app'
import { decideSend, type SendDecisionInput } from './decide-send'
import { decideSends } from './decide-sends'
import { enqueueMessage, type MessageInput } from './enqueue-message'
import { enqueueMessages } from './enqueue-messages'
import { saveMemberPrefs } from './notification-prefs'
import { channelSettings, insertMember } from './outreach-test-kit'
import { recordSubscriptions } from './wechat-subscriptions'

/** Rolls back whatever `work` wrote, after reading what it wrote: the same start for the batch and one by one. */
class Rollback extends Error {}

describe('decideSends and enqueueMessages, the batch doors', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  // Quiet hours 21:00–09:00 in Shanghai and the clock at 22:30 there: pushes wait until 09:00.
  const settings = channelSettings((s) => {
    s.quietHours = { start: '21:00', end: '09:00' }
    delete s.wechat.templates.care
    delete s.sms.templates.care
  })

  /** Members of every kind the rules tell apart, and some history: sends this week, a WeChat message queued. */
  async function population() {
    t.clock.set('2026-12-04T14:30:00Z')
    const now = t.clock.now()
    const plain = await insertMember(t.db, { phone: true }) // inbox only: no openid, no consent
    const wechatOnce = await insertMember(t.db, { openid: true, phone: true }) // one subscription, consented
    const wechatTwice = await insertMember(t.db, { openid: true }) // two subscriptions, no phone
    const muted = await insertMember(t.db, { openid: true, phone: true })
    const sms = await insertMember(t.db, { phone: true })
    const claimed = await insertMember(t.db, { openid: true }) // its one subscription already claimed by a queued row
    const nearCap = await insertMember(t.db, { phone: true }) // two sent this week: one more, then capped
    for (const m of [wechatOnce, muted, sms, nearCap])
      await saveMemberPrefs(t.db, m.id, { mutedCategories: m === muted ? ['points'] : [], smsConsent: true }, now)
    await recordSubscriptions(t.db, wechatOnce.id, ['tpl-points'], now)
    await recordSubscriptions(t.db, wechatTwice.id, ['tpl-points', 'tpl-points', 'tpl-tier'], now)
    await recordSubscriptions(t.db, muted.id, ['tpl-points'], now)
    await recordSubscriptions(t.db, claimed.id, ['tpl-points'], now)
    await t.db.transaction().execute(async (trx) => {
      for (const [m, times] of [
        [claimed, 1],
        [nearCap, 2],
      ] as const)
        for (let i = 0; i < times; i += 1) await oneByOne(trx, [message(m.id, `history-${i}`, 'points')])
    })
    return { plain, wechatOnce, wechatTwice, muted, sms, claimed, nearCap }
  }

  const message = (
    memberId: string,
    period: string,
    category: MessageCategory,
    change: Partial<SendDecisionInput> = {},
  ) => ({
    decision: {
      sourceType: 'journey' as const,
      sourceId: category === 'tier' ? 'near_next' : 'points_expiring',
      memberId,
      period,
      holdoutPercent: 0,
      variants: 1 as const,
      settings,
      now: t.clock.now(),
      businessDay: '2026-12-04',
      ...change,
    },
    message: {
      memberId,
      category,
      title: `标题 ${period}`,
      body: `内容 ${period}`,
      page: '/points/pages/expiring/index',
      values: { 到期积分: '300' },
      settings,
      now: t.clock.now(),
    },
  })
  type Msg = ReturnType<typeof message>

  async function oneByOne(trx: Transaction<Database>, msgs: Msg[]) {
    const out = []
    for (const m of msgs) {
      const d = await decideSend(trx, m.decision)
      const channels = d?.outcome === 'sent' ? await enqueueMessage(trx, { ...m.message, sendId: d.sendId }) : null
      out.push({ outcome: d && { arm: d.arm, outcome: d.outcome }, channels })
    }
    return out
  }

  async function batch(trx: Transaction<Database>, msgs: Msg[]) {
    const decided = await decideSends(
      trx,
      msgs.map((m) => m.decision),
    )
    const sent: MessageInput[] = []
    decided.forEach((d, n) => {
      if (d?.outcome === 'sent') sent.push({ ...msgs[n].message, sendId: d.sendId })
    })
    const channels = await enqueueMessages(trx, sent)
    return decided.map((d) => ({
      outcome: d && { arm: d.arm, outcome: d.outcome },
      channels: d?.outcome === 'sent' ? channels.shift() : null,
    }))
  }

  /** Everything the doors wrote, without the ids (new ones each run): decisions, inbox, outbox by dedupe key. */
  async function written(trx: Transaction<Database>) {
    const sends = await trx.selectFrom('engagement_sends').selectAll().orderBy('dedupe_key').execute()
    const keyOf = new Map(sends.map((s) => [s.id, s.dedupe_key]))
    const notes = await trx.selectFrom('notifications').selectAll().orderBy('dedupe_key').execute()
    const outbox = await trx.selectFrom('outbox').selectAll().execute()
    return {
      sends: sends.map(({ id, ...rest }) => rest),
      notes: notes.map(({ id, ...rest }) => rest),
      outbox: outbox
        .map(({ id, send_id, ...rest }) => ({ key: keyOf.get(send_id), ...rest }))
        .sort((a, b) => `${a.key} ${a.channel}`.localeCompare(`${b.key} ${b.channel}`)),
    }
  }

  async function both(msgs: Msg[]) {
    const run = async (door: typeof batch) => {
      let seen: unknown
      await t.db
        .transaction()
        .execute(async (trx) => {
          const results = await door(trx, msgs)
          seen = { results, rows: await written(trx) }
          throw new Rollback()
        })
        .catch((error) => {
          if (!(error instanceof Rollback)) throw error
        })
      return seen as { results: Awaited<ReturnType<typeof batch>>; rows: Awaited<ReturnType<typeof written>> }
    }
    return { single: await run(oneByOne), many: await run(batch) }
  }

  it('a batch of mixed members writes exactly the rows the same calls one by one write', async () => {
    const m = await population()
    const msgs = [
      message(m.plain.id, 'd1', 'points'),
      message(m.wechatOnce.id, 'd1', 'points'),
      message(m.wechatOnce.id, 'd1', 'tier'), // another rule: no tier subscription, so SMS
      message(m.wechatOnce.id, 'd2', 'points'), // its one subscription is claimed above: SMS
      message(m.wechatTwice.id, 'd1', 'points'),
      message(m.wechatTwice.id, 'd2', 'points'), // the second subscription
      message(m.wechatTwice.id, 'c1', 'care'), // no care template anywhere: skipped rows
      message(m.muted.id, 'd1', 'points'),
      message(m.muted.id, 'd1', 'tier'),
      message(m.sms.id, 'd1', 'points'),
      message(m.sms.id, 'd1', 'points'), // the same key again: decides nothing
      message(m.claimed.id, 'd1', 'points'),
      message(m.nearCap.id, 'd1', 'points'), // the third this week
      message(m.nearCap.id, 'd2', 'points'), // capped
      message(m.plain.id, 'd1', 'tier', { holdoutPercent: 50, sourceId: 'holdout-probe' }),
    ]
    const { single, many } = await both(msgs)
    expect(many).toEqual(single)
    expect(single.results.map((r) => r.channels?.channels ?? r.outcome?.outcome ?? null)).toEqual([
      ['inbox'],
      ['inbox', 'wechat'],
      ['inbox', 'sms'],
      ['inbox', 'sms'],
      ['inbox', 'wechat'],
      ['inbox', 'wechat'],
      ['inbox'],
      ['inbox'],
      ['inbox', 'sms'],
      ['inbox', 'sms'],
      null,
      ['inbox'],
      ['inbox', 'sms'],
      'capped',
      single.results[14].outcome?.outcome === 'holdout' ? 'holdout' : ['inbox'],
    ])
    const pending = single.rows.outbox.filter((r) => r.state === 'pending')
    expect(new Set(pending.map((r) => r.next_attempt_at))).toEqual(new Set(['2026-12-05T01:00:00.000Z']))
    expect(single.rows.outbox.filter((r) => r.state === 'skipped').map((r) => r.channel)).toEqual(['wechat'])
  })

  it('holds out, records over budget and caps in a batch as one by one, over 300 members', async () => {
    const members = []
    for (let i = 0; i < 60; i += 1) members.push(await insertMember(t.db, { openid: i % 2 === 0, phone: true }))
    const msgs = members.flatMap((m, i) =>
      ['w1', 'w2', 'w3', 'w4', 'w5'].map((period) =>
        message(m.id, period, 'offers', { holdoutPercent: 20, overBudget: i % 7 === 0 && period === 'w2' }),
      ),
    )
    const { single, many } = await both(msgs)
    expect(many).toEqual(single)
    const outcomes = single.results.map((r) => r.outcome?.outcome)
    for (const outcome of ['sent', 'holdout', 'capped', 'over_budget']) expect(outcomes).toContain(outcome)
  }, 60_000)

  it('does nothing for an empty batch', async () => {
    await t.db.transaction().execute(async (trx) => {
      expect(await decideSends(trx, [] as SendDecisionInput[])).toEqual([])
      expect(await enqueueMessages(trx, [])).toEqual([])
    })
  })
})
