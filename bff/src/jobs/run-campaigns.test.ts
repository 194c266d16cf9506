import { armFor, defaultEngagementSettings, newId } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  campaignBody,
  copyA,
  copyB,
  coupon,
  insertPlainMembers,
  savedSegment,
} from '../automation/campaigns/campaign-test-kit'
import { deliverCampaigns } from '../automation/campaigns/deliver-campaigns'
import { automationResults } from '../automation/results'
import { planCampaignBatch } from '../automation/campaigns/plan-campaign-batch'
import { readEngagementSettings, saveEngagementSettings } from '../outreach/engagement-settings'
import { channelSettings, recordingSender } from '../outreach/outreach-test-kit'
import { testAdminToken, useTestApp } from '../test/test-app'
import { runCampaigns } from './run-campaigns'
import { runOutbox } from './run-outbox'
import * as messageCounts from '../db/migrations/2026_12_12_0900_campaign_message_counts'

const start = '2026-12-03T02:00:00.000Z'
const at = (iso: string) => new Date(iso)

describe('the campaigns job', () => {
  const t = useTestApp()
  let segmentId: string
  let members: string[]
  const schedule = async (change: Record<string, unknown>) => {
    const answer = await t.json('POST', '/api/admin/campaigns', campaignBody(segmentId, change), testAdminToken)
    if (answer.status !== 201) throw new Error(JSON.stringify(answer.body))
    return answer.body.id as string
  }
  const sends = (campaignId: string) =>
    t.db.selectFrom('engagement_sends').selectAll().where('source_id', '=', campaignId).orderBy('member_id').execute()
  /** The outbox drain's campaign step, without its per-call limit unless given. */
  const deliver = async (
    limit = Number.POSITIVE_INFINITY,
    now = t.clock.now(),
    beforeCommit?: (campaignId: string, chunk: number) => Promise<void>,
  ) => deliverCampaigns(t.db, await readEngagementSettings(t.db), now, limit, beforeCommit)
  /** The inbox rows delivered for these decisions. */
  const inboxSent = (sendIds: string[]) =>
    t.db
      .selectFrom('outbox')
      .select('send_id')
      .where('channel', '=', 'inbox')
      .where('state', '=', 'sent')
      .where('send_id', 'in', sendIds)
      .execute()
  const campaign = (id: string) =>
    t.db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const count = async (table: 'notifications' | 'coupons' | 'benefit_claims' | 'outbox', where: [string, string]) => {
    const row = await t.db
      .selectFrom(table as 'coupons')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(where[0] as 'benefit_key', '=', where[1])
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  beforeAll(async () => {
    t.clock.set(start)
    members = await insertPlainMembers(t.db, 'mbr_job_', 100)
    segmentId = await savedSegment(t)
    // Many campaigns go to the same members here; the weekly cap has its own spec below.
    await saveEngagementSettings(t.db, { ...defaultEngagementSettings, frequencyCapPerWeek: 21 }, 'test', at(start))
  })

  it('does not send a scheduled campaign before its time, and sends it after', async () => {
    const id = await schedule({ scheduledAt: '2026-12-03T03:00:00.000Z' })
    const early = await runCampaigns(t.deps, at('2026-12-03T02:59:59.999Z'), 'runner-1')
    expect(early).toMatchObject({ ran: true, campaigns: [] })
    expect(await sends(id)).toEqual([])
    expect((await campaign(id)).status).toBe('scheduled')
    const due = await runCampaigns(t.deps, at('2026-12-03T03:00:00.000Z'), 'runner-1')
    expect(due).toMatchObject({ ran: true, campaigns: [id], totals: { targeted: 100 } })
    const row = await campaign(id)
    expect(row).toMatchObject({ status: 'done', targeted: 100, finished_at: '2026-12-03T03:00:00.000Z' })
    expect(await sends(id)).toHaveLength(100)
  })

  it('splits A / B / holdout by armFor, sends each arm its copy and coupon, once per member', async () => {
    const id = await schedule({
      variants: [
        { copy: copyA, coupon },
        { copy: copyB, coupon: null },
      ],
      holdoutPercent: 20,
    })
    await runCampaigns(t.deps, t.clock.now(), 'runner-1')
    await deliver()
    const rows = await sends(id)
    expect(rows.map((r) => r.member_id)).toEqual(members)
    for (const r of rows) {
      expect(r.arm).toBe(armFor(r.member_id, id, 20, 2))
      expect(r.outcome).toBe(r.arm === 'holdout' ? 'holdout' : 'sent')
      expect(r.dedupe_key).toBe(`campaign:${id}:${r.member_id}:once`)
    }
    const arms = { A: 0, B: 0, holdout: 0 }
    for (const r of rows) arms[r.arm] += 1
    expect(arms.A + arms.B + arms.holdout).toBe(100)
    expect(arms.holdout).toBeGreaterThan(5)
    expect(arms.B).toBeGreaterThan(20)
    // Coupons only to arm A, through a benefit claim keyed by the campaign; B gets its copy alone.
    expect(await count('coupons', ['benefit_key', id])).toBe(arms.A)
    expect(await count('benefit_claims', ['benefit_key', id])).toBe(arms.A)
    expect((await campaign(id)).coupons_issued).toBe(arms.A)
    const firstA = rows.filter((r) => r.arm === 'A')[0]
    const note = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('dedupe_key', '=', firstA.dedupe_key)
      .executeTakeFirstOrThrow()
    const n = members.indexOf(firstA.member_id) + 1
    expect(note).toMatchObject({
      title: `会员${n}，送你一张券`,
      body: '普通会员专享满100减20，2026-12-16前有效。',
      page: '/benefits/pages/list/index',
    })
    const firstB = rows.filter((r) => r.arm === 'B')[0]
    const noteB = await t.db
      .selectFrom('notifications')
      .selectAll()
      .where('dedupe_key', '=', firstB.dedupe_key)
      .executeTakeFirstOrThrow()
    expect(noteB).toMatchObject({ body: '普通会员会员，来看看本周新品。', page: null })
    expect(await inboxSent(rows.map((r) => r.id))).toHaveLength(arms.A + arms.B)

    // A second run finds nothing due; a run forced to walk the segment again decides nobody twice.
    expect(await runCampaigns(t.deps, t.clock.now(), 'runner-2')).toMatchObject({ campaigns: [] })
    await t.db.updateTable('campaigns').set({ status: 'sending', planned_through: null }).where('id', '=', id).execute()
    const again = await runCampaigns(t.deps, t.clock.now(), 'runner-2')
    expect(again).toMatchObject({ campaigns: [id], totals: { targeted: 100, sent: 0, holdout: 0, coupons: 0 } })
    expect(await deliver()).toBe(0)
    expect(await sends(id)).toHaveLength(100)
    expect(await count('coupons', ['benefit_key', id])).toBe(arms.A)
  })

  it('resumes after a crash mid-batch without sending anybody twice', async () => {
    const id = await schedule({ holdoutPercent: 10 })
    const crash = runCampaigns(t.deps, t.clock.now(), 'runner-1', {
      batchSize: 30,
      beforeCommit: async (_id, batch) => {
        if (batch === 1) throw new Error('killed mid-batch')
      },
    })
    await expect(crash).rejects.toThrow('killed mid-batch')
    const half = await campaign(id)
    expect(half).toMatchObject({ status: 'sending', targeted: 30, planned_through: members[29] })
    expect(await sends(id)).toHaveLength(30)
    await runCampaigns(t.deps, t.clock.now(), 'runner-1', { batchSize: 30 })
    const rows = await sends(id)
    expect(rows.map((r) => r.member_id)).toEqual(members)
    const sent = rows.filter((r) => r.outcome === 'sent').length
    expect(await deliver()).toBe(sent)
    expect(await count('coupons', ['benefit_key', id])).toBe(sent)
    const notes = await t.db
      .selectFrom('notifications')
      .select('id')
      .where('dedupe_key', 'like', `campaign:${id}:%`)
      .execute()
    expect(notes).toHaveLength(sent)
    expect(await campaign(id)).toMatchObject({ status: 'done', targeted: 100, coupons_issued: sent })
  })

  it('plans decisions only; the drain delivers them behind a cursor, at its rate, each once', async () => {
    const id = await schedule({ holdoutPercent: 20 })
    await runCampaigns(t.deps, t.clock.now(), 'runner-1', { batchSize: 30 })
    const rows = await sends(id)
    const sent = rows.filter((r) => r.outcome === 'sent')
    expect(sent.length).toBeGreaterThan(50)
    expect(await campaign(id)).toMatchObject({ status: 'done', coupons_issued: sent.length, delivered_through: null })
    const notes = () =>
      t.db.selectFrom('notifications').select('dedupe_key').where('dedupe_key', 'like', `campaign:${id}:%`).execute()
    // Planned is not yet delivered: no coupon, no inbox message, no outbox row.
    expect(await count('coupons', ['benefit_key', id])).toBe(0)
    expect(await notes()).toEqual([])
    // The console shows it sending until its messages are out.
    const view = async () => (await t.json('GET', `/api/admin/campaigns/${id}`, undefined, testAdminToken)).body
    expect(await view()).toMatchObject({ status: 'sending', finishedAt: null })
    // A call delivers at most its limit, the first members in id order.
    expect(await deliver(25)).toBe(25)
    expect((await campaign(id)).delivered_through).toBe(sent[24].member_id)
    expect((await notes()).map((n) => n.dedupe_key).sort()).toEqual(sent.slice(0, 25).map((r) => r.dedupe_key))
    expect(await count('coupons', ['benefit_key', id])).toBe(25)
    // Two drains at once deliver the rest between them, nobody twice.
    const [x, y] = await Promise.all([deliver(), deliver()])
    expect(x + y).toBe(sent.length - 25)
    expect(await notes()).toHaveLength(sent.length)
    expect(await count('coupons', ['benefit_key', id])).toBe(sent.length)
    expect(await inboxSent(sent.map((r) => r.id))).toHaveLength(sent.length)
    // The cursor ends at the last member planned, past the held-out members after the last one sent.
    expect((await campaign(id)).delivered_through).toBe(members[members.length - 1])
    expect(await deliver()).toBe(0)
    expect(await view()).toMatchObject({ status: 'done', finishedAt: t.clock.now().toISOString() })
  })

  it('a delivery killed mid-chunk leaves that chunk whole for the next pass, which delivers it once', async () => {
    const id = await schedule({ holdoutPercent: 0 })
    await runCampaigns(t.deps, t.clock.now(), 'runner-1')
    expect(await deliver(30)).toBe(30)
    const through = (await campaign(id)).delivered_through
    const killed = deliver(Number.POSITIVE_INFINITY, t.clock.now(), async () => {
      throw new Error('killed mid-chunk')
    })
    await expect(killed).rejects.toThrow('killed mid-chunk')
    // Nothing of the chunk that died is left: no coupon, no message, the cursor where it was.
    expect(await count('coupons', ['benefit_key', id])).toBe(30)
    expect((await campaign(id)).delivered_through).toBe(through)
    expect(await deliver()).toBe(70)
    expect(await count('coupons', ['benefit_key', id])).toBe(100)
    const notes = await t.db
      .selectFrom('notifications')
      .select('dedupe_key')
      .where('dedupe_key', 'like', `campaign:${id}:%`)
      .execute()
    expect(new Set(notes.map((n) => n.dedupe_key)).size).toBe(100)
    expect(notes).toHaveLength(100)
  })

  it("counts a campaign's messages as it is planned and delivered, for the console's progress", async () => {
    const id = await schedule({ holdoutPercent: 20 })
    const view = async () => (await t.json('GET', `/api/admin/campaigns/${id}`, undefined, testAdminToken)).body
    expect((await view()).messages).toEqual({ planned: 0, delivered: 0, minutesLeft: null })
    // A runner has begun walking the segment: how many it will plan is not known yet.
    await t.db.updateTable('campaigns').set({ status: 'sending' }).where('id', '=', id).execute()
    expect(await view()).toMatchObject({ status: 'sending', messages: { minutesLeft: null } })
    await runCampaigns(t.deps, t.clock.now(), 'runner-1')
    const decided = (await sends(id)).filter((s) => s.outcome === 'sent').length
    expect(decided).toBeGreaterThan(50)
    expect(decided).toBeLessThan(100)
    expect(await deliver(25)).toBe(25)
    // Planned and partly delivered: still 发送中, and the next minute's pass takes the rest.
    expect(await view()).toMatchObject({
      status: 'sending',
      messages: { planned: decided, delivered: 25, minutesLeft: 1 },
    })
    const listed = (await t.json('GET', '/api/admin/campaigns?limit=50', undefined, testAdminToken)).body
    expect(listed.campaigns.find((c: { id: string }) => c.id === id).messages).toEqual((await view()).messages)

    // The migration counts campaigns that existed before it from their decisions: the same figures.
    await messageCounts.down(t.db)
    await messageCounts.up(t.db)
    expect((await view()).messages).toEqual({ planned: decided, delivered: 25, minutesLeft: 1 })

    expect(await deliver()).toBe(decided - 25)
    expect(await view()).toMatchObject({
      status: 'done',
      messages: { planned: decided, delivered: decided, minutesLeft: 0 },
    })
    await messageCounts.down(t.db)
    await messageCounts.up(t.db)
    expect((await view()).messages).toEqual({ planned: decided, delivered: decided, minutesLeft: 0 })

    // Decisions after the last message (held out, capped) leave the cursor short of the plan's end until a pass steps
    // over them: with nothing waiting the campaign already reads 已完成, as its 全部送达 says.
    await t.db.updateTable('campaigns').set({ planned_through: 'mbr_zzzz' }).where('id', '=', id).execute()
    expect(await view()).toMatchObject({ status: 'done', messages: { delivered: decided, minutesLeft: 0 } })
    expect(await deliver()).toBe(0)
    expect((await campaign(id)).delivered_through).toBe('mbr_zzzz')
  })

  it('a drain days later gives the coupons the expiry the campaign promised, and the results count them', async () => {
    const id = await schedule({ holdoutPercent: 0 })
    await runCampaigns(t.deps, t.clock.now(), 'runner-1')
    expect(await deliver(10)).toBe(10)
    const midway = await automationResults(t.db, { type: 'campaign', id }, {}, t.clock.now())
    expect(midway.figures.find((f) => f.key === 'sent')).toMatchObject({ value: 100, hint: '其中 90 条排队投递中' })
    expect(await deliver(Number.POSITIVE_INFINITY, new Date(t.clock.now().getTime() + 2 * 86_400_000))).toBe(90)
    const ends = await t.db
      .selectFrom('coupons')
      .select('valid_until')
      .distinct()
      .where('benefit_key', '=', id)
      .execute()
    expect(ends).toHaveLength(1)
    const results = await automationResults(t.db, { type: 'campaign', id }, {}, t.clock.now())
    expect(results.figures.find((f) => f.key === 'coupons_issued')?.value).toBe(100)
    expect(results.figures.find((f) => f.key === 'delivered_inbox')?.value).toBe(100)
  })

  it('the outbox pass delivers as things stand then: muted since planning, no SMS', async () => {
    const smsOn = channelSettings((s) => {
      s.frequencyCapPerWeek = 21
    })
    await saveEngagementSettings(t.db, smsOn, 'test', t.clock.now())
    const [muting, keeping] = [members[1], members[2]]
    const prefs = (member: string, muted: string[]) => ({
      member_id: member,
      muted_categories: JSON.stringify(muted),
      sms_consent_at: '2026-11-01T00:00:00.000Z',
      sms_opted_out_at: null,
      updated_at: t.clock.now().toISOString(),
    })
    await t.db
      .insertInto('member_notification_prefs')
      .values([prefs(muting, []), prefs(keeping, [])])
      .execute()
    const id = await schedule({ holdoutPercent: 0, variants: [{ copy: copyB, coupon: null }], budgetCoupons: null })
    await runCampaigns(t.deps, t.clock.now(), 'runner-1')
    await t.db
      .updateTable('member_notification_prefs')
      .set({ muted_categories: JSON.stringify(['offers']) })
      .where('member_id', '=', muting)
      .execute()
    // The scheduler's outbox pass: the campaign's messages first, then the SMS they queued, in the same pass.
    const { sms, sender } = recordingSender()
    const pass = await runOutbox({ ...t.deps, outreach: { ...t.deps.outreach, sms } }, t.clock.now())
    expect(pass).toMatchObject({ campaignMessages: 100, sent: 1 })
    expect(sender.calls.map((c) => c.to)).toEqual(['13900000003'])
    const channelsOf = async (member: string) => {
      const send = (await sends(id)).find((r) => r.member_id === member)
      const rows = await t.db
        .selectFrom('outbox')
        .select(['channel', 'state'])
        .where('send_id', '=', send?.id as string)
        .orderBy('channel')
        .execute()
      return rows.map((r) => `${r.channel}:${r.state}`)
    }
    expect(await channelsOf(keeping)).toEqual(['inbox:sent', 'sms:sent'])
    expect(await channelsOf(muting)).toEqual(['inbox:sent'])
    await t.db.deleteFrom('member_notification_prefs').where('member_id', 'in', [muting, keeping]).execute()
    await saveEngagementSettings(t.db, { ...defaultEngagementSettings, frequencyCapPerWeek: 21 }, 'test', t.clock.now())
  })

  it('stops at the budget: the first members in id order get the coupons, the rest are over budget', async () => {
    const id = await schedule({ budgetCoupons: 20, stopAtBudget: true })
    await runCampaigns(t.deps, t.clock.now(), 'runner-1', { batchSize: 7 })
    await deliver()
    const rows = await sends(id)
    const treated = rows.filter((r) => r.arm !== 'holdout')
    expect(treated.slice(0, 20).every((r) => r.outcome === 'sent')).toBe(true)
    expect(treated.slice(20).every((r) => r.outcome === 'over_budget')).toBe(true)
    expect(await count('coupons', ['benefit_key', id])).toBe(20)
    expect((await campaign(id)).coupons_issued).toBe(20)
    // Over budget gets nothing at all, not even the message.
    const over = treated[20]
    expect(
      await t.db.selectFrom('notifications').select('id').where('dedupe_key', '=', over.dedupe_key).execute(),
    ).toEqual([])
  })

  it('two runners at once: one sends, nothing is decided twice, the budget holds', async () => {
    const id = await schedule({ budgetCoupons: 25, stopAtBudget: true })
    const now = t.clock.now()
    const results = await Promise.all([
      runCampaigns(t.deps, now, 'runner-a', { batchSize: 10 }),
      runCampaigns(t.deps, now, 'runner-b', { batchSize: 10 }),
    ])
    expect(results.filter((r) => r.ran && r.campaigns.includes(id))).toHaveLength(1)
    await deliver()
    expect(await sends(id)).toHaveLength(100)
    expect(await count('coupons', ['benefit_key', id])).toBe(25)
  })

  it('two batches racing for the last of the budget never issue more than it', async () => {
    const id = await schedule({ budgetCoupons: 25, stopAtBudget: true, scheduledAt: '2027-01-01T00:00:00.000Z' })
    const now = t.clock.now()
    const batch = (ids: string[]) =>
      t.db.transaction().execute((trx) =>
        planCampaignBatch(trx, {
          campaign: { id, category: 'offers', variants: [{ copy: copyA, coupon }], holdoutPercent: 10 },
          memberIds: ids,
          settings: { ...defaultEngagementSettings, frequencyCapPerWeek: 21 },
          now,
          today: '2026-12-03',
        }),
      )
    const [a, b] = await Promise.all([batch(members.slice(0, 50)), batch(members.slice(50))])
    expect(a.coupons + b.coupons).toBe(25)
    expect((await campaign(id)).coupons_issued).toBe(25)
  })

  it('a member at the weekly cap is recorded as capped and gets nothing', async () => {
    const id = await schedule({ holdoutPercent: 0, variants: [{ copy: copyB, coupon: null }], budgetCoupons: null })
    const member = members[0]
    const recent = await t.db
      .selectFrom('engagement_sends')
      .select('id')
      .where('member_id', '=', member)
      .where('outcome', '=', 'sent')
      .execute()
    // Top the member up to the cap of 21 with journey sends in the last week.
    for (let i = recent.length; i < 21; i += 1) {
      await t.db
        .insertInto('engagement_sends')
        .values({
          id: newId('snd'),
          source_type: 'journey',
          source_id: 'birthday',
          member_id: member,
          period: `p${i}`,
          dedupe_key: `journey:birthday:${member}:p${i}`,
          arm: 'A',
          outcome: 'sent',
          business_day: '2026-12-01',
          decided_at: '2026-12-01T02:00:00.000Z',
        })
        .execute()
    }
    await runCampaigns(t.deps, t.clock.now(), 'runner-1')
    const rows = await sends(id)
    expect(rows.find((r) => r.member_id === member)?.outcome).toBe('capped')
    expect(rows.filter((r) => r.outcome === 'sent')).toHaveLength(99)
  })
})
