import { defaultEngagementSettings } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { saveEngagementSettings } from '../outreach/engagement-settings'
import { sendUpgradeMessage } from '../outreach/tier-change-messages'
import { upgradeIfReached } from '../tiers/member-tier'
import { publishedProgram } from '../program/published-program'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { memberOnTier } from '../test/shop-requests'
import { testAdminToken, useTestApp } from '../test/test-app'
import { notify } from './notify'

describe('member inbox', () => {
  const t = useTestApp({ sessionTtlHours: 24 * 30 }, { verifyLedgers: false })
  const inbox = (token: string, query = '') => t.json('GET', `/api/me/inbox${query}`, undefined, token)
  // Member ids are random and the upgrade journey holds 10% out by default; these specs need every message sent.
  beforeAll(async () => {
    const { journeys } = defaultEngagementSettings
    const settings = {
      ...defaultEngagementSettings,
      journeys: { ...journeys, upgrade: { ...journeys.upgrade, holdoutPercent: 0 } },
    }
    await saveEngagementSettings(t.db, settings, 'test', t.clock.now())
  })

  it('congratulates an upgrade once, naming the benefits the new tier unlocks', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const m = await memberOnTier(t)
    expect((await inbox(m.token)).body).toEqual({ notifications: [], unreadCount: 0, nextCursor: null })
    const paid = orderEvent('order.paid', 'UP-1', { memberId: m.id }, 60_000)
    expect((await sendOrderEvent(t, paid)).status).toBe(200)
    expect((await sendOrderEvent(t, paid)).status).toBe(200) // a replay upgrades nothing and writes nothing
    const first = await inbox(m.token)
    expect(first.body).toEqual({
      notifications: [
        {
          id: expect.stringMatching(/^ntf_/),
          kind: 'upgrade',
          title: '恭喜升级为白银会员',
          body: expect.stringMatching(/^.+，你已升级为白银会员，新解锁：每月领券、会员价。等级有效期至2027-11-23。$/),
          page: '/membership/pages/tiers/index',
          readAt: null,
          createdAt: '2026-11-23T02:00:00.000Z',
        },
      ],
      unreadCount: 1,
      nextCursor: null,
    })
    const row = await t.db
      .selectFrom('notifications')
      .select('dedupe_key')
      .where('member_id', '=', m.id)
      .executeTakeFirstOrThrow()
    expect(row.dedupe_key).toBe(`journey:upgrade:${m.id}:silver@2026-11-23`)

    t.clock.set('2026-11-24T02:00:00.000Z')
    expect((await sendOrderEvent(t, orderEvent('order.paid', 'UP-2', { memberId: m.id }, 150_000))).status).toBe(200)
    const second = (await inbox(m.token)).body
    expect(second.unreadCount).toBe(2)
    expect(second.notifications.map((n: any) => [n.title, n.body.match(/新解锁：[^。]*/)?.[0]])).toEqual([
      ['恭喜升级为黄金会员', '新解锁：包邮券、专属客服'],
      ['恭喜升级为白银会员', '新解锁：每月领券、会员价'],
    ])
  })

  it('congratulates upgrades made by an admin adjustment too', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const m = await memberOnTier(t)
    const response = await t.app.request(`/api/admin/members/${m.id}/adjustments`, {
      method: 'POST',
      body: JSON.stringify({ ledger: 'growth', amount: 2_000, reason: '老会员迁移补录' }),
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${testAdminToken}`,
        'idempotency-key': 'inbox-adj-1',
      },
    })
    expect(response.status).toBe(201)
    expect((await inbox(m.token)).body.notifications).toEqual([
      expect.objectContaining({
        title: '恭喜升级为黄金会员',
        body: expect.stringContaining('新解锁：每月领券、会员价、包邮券、专属客服'),
      }),
    ])
  })

  it("writes the congratulation in the upgrade's transaction, once per member, tier and business day", async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const m = await memberOnTier(t)
    const program = await publishedProgram(t.db)
    await expect(
      t.db.transaction().execute(async (trx) => {
        expect(await upgradeIfReached(trx, m.id, 600, program, t.clock.now())).toMatchObject({
          kind: 'upgrade',
          to: 'silver',
        })
        throw new Error('the caller fails after the upgrade')
      }),
    ).rejects.toThrow('the caller fails')
    expect((await inbox(m.token)).body.unreadCount).toBe(0)
    const input = { memberId: m.id, from: 'regular', to: 'silver', validUntil: null, program, now: t.clock.now() }
    expect(await t.db.transaction().execute((trx) => sendUpgradeMessage(trx, input))).toBe('sent')
    expect(await t.db.transaction().execute((trx) => sendUpgradeMessage(trx, input))).toBe(null)
    expect((await inbox(m.token)).body.unreadCount).toBe(1)
  })

  it('pages newest first and marks read; reading twice keeps the first time', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const m = await memberOnTier(t)
    for (let i = 1; i <= 3; i += 1) {
      t.clock.advanceMs(1000)
      await notify(t.db, {
        memberId: m.id,
        kind: 'test',
        title: `消息 ${i}`,
        body: '',
        dedupeKey: `test:${m.id}:${i}`,
        now: t.clock.now(),
      })
    }
    const page1 = (await inbox(m.token, '?limit=2')).body
    expect(page1.notifications.map((n: any) => n.title)).toEqual(['消息 3', '消息 2'])
    expect(page1.unreadCount).toBe(3)
    const page2 = (await inbox(m.token, `?limit=2&cursor=${page1.nextCursor}`)).body
    expect(page2).toMatchObject({ notifications: [{ title: '消息 1' }], nextCursor: null, unreadCount: 3 })

    const id = page1.notifications[0].id
    const read = await t.json('POST', `/api/me/inbox/${id}/read`, undefined, m.token)
    expect(read).toMatchObject({ status: 200, body: { notification: { id, readAt: t.clock.now().toISOString() } } })
    t.clock.advanceMs(60_000)
    const again = await t.json('POST', `/api/me/inbox/${id}/read`, undefined, m.token)
    expect(again.body.notification.readAt).toBe(read.body.notification.readAt)
    expect((await inbox(m.token)).body.unreadCount).toBe(2)
    expect((await inbox(m.token, '?cursor=nonsense')).status).toBe(400)
  })

  it("keeps each member's inbox to themselves: another member's id is the same 404 as an unknown one", async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const alice = await memberOnTier(t)
    const bob = await memberOnTier(t)
    await notify(t.db, {
      memberId: alice.id,
      kind: 'test',
      title: '只给 Alice',
      body: '',
      dedupeKey: `test:${alice.id}:private`,
      now: t.clock.now(),
    })
    const aliceId = (await inbox(alice.token)).body.notifications[0].id
    expect((await inbox(bob.token)).body).toEqual({ notifications: [], unreadCount: 0, nextCursor: null })
    const foreign = await t.json('POST', `/api/me/inbox/${aliceId}/read`, undefined, bob.token)
    const unknown = await t.json('POST', '/api/me/inbox/ntf_01JZZZZZZZZZZZZZZZZZZZZZZZ/read', undefined, bob.token)
    expect(foreign).toEqual({ status: 404, body: { error: { code: 'NOTIFICATION_NOT_FOUND', message: '消息不存在' } } })
    expect(unknown).toEqual(foreign)
    expect((await inbox(alice.token)).body.notifications[0].readAt).toBeNull()
    expect((await t.json('GET', '/api/me/inbox')).status).toBe(401)
  })

  // issue 16: 全部已读 in one statement, for the caller's messages only, and the same answer when asked again.
  it("marks all the member's unread messages read at once, keeps earlier read times, touches nobody else", async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const alice = await memberOnTier(t)
    const bob = await memberOnTier(t)
    const note = (memberId: string, i: number) =>
      notify(t.db, {
        memberId,
        kind: 'test',
        title: `消息 ${i}`,
        body: '',
        dedupeKey: `all:${memberId}:${i}`,
        now: t.clock.now(),
      })
    for (let i = 1; i <= 3; i += 1) {
      t.clock.advanceMs(1000)
      await note(alice.id, i)
      await note(bob.id, i)
    }
    const [newest] = (await inbox(alice.token)).body.notifications
    const readFirst = (await t.json('POST', `/api/me/inbox/${newest.id}/read`, undefined, alice.token)).body
    t.clock.advanceMs(60_000)
    const all = await t.json('POST', '/api/me/inbox/read-all', undefined, alice.token)
    expect(all).toEqual({ status: 200, body: { marked: 2, unreadCount: 0 } })
    const after = (await inbox(alice.token)).body
    expect(after.unreadCount).toBe(0)
    expect(after.notifications.map((n: any) => n.readAt)).toEqual([
      readFirst.notification.readAt,
      t.clock.now().toISOString(),
      t.clock.now().toISOString(),
    ])
    t.clock.advanceMs(60_000)
    expect(await t.json('POST', '/api/me/inbox/read-all', undefined, alice.token)).toEqual({
      status: 200,
      body: { marked: 0, unreadCount: 0 },
    })
    expect((await inbox(alice.token)).body.notifications[1].readAt).toBe(after.notifications[1].readAt)
    expect((await inbox(bob.token)).body.unreadCount).toBe(3)
    expect((await t.json('POST', '/api/me/inbox/read-all')).status).toBe(401)
  })
})
