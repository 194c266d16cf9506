import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse } from '../../test/fixtures'
import { initialBenefitsState, useBenefitsStore } from '../benefits/benefits.store'
import { initialInboxState, useInboxStore } from '../inbox/inbox.store'
import { initialMallState, useMallStore } from '../mall/mall.store'
import { initialMemberCodeState, useMemberCodeStore } from '../member-code/member-code.store'
import { initialMembershipState, useMembershipStore } from '../membership/membership.store'
import { initialOutletsState, useOutletsStore } from '../outlets/outlets.store'
import { initialPointsState, usePointsStore } from '../points/points.store'
import { initialTiersState, useTiersStore } from '../tiers/tiers.store'
import { initialSignInState, useSignInStore } from '../sign-in/sign-in.store'

// Logs in member A, loads every store, then member B logs in on the same phone: nothing of A's may be left in
// any store, and an answer still on its way for A must be dropped when it lands.

/** One store as this test uses it: its state now, and a reset to its initial state. */
const tracked = <S>(store: { getState(): S; setState(partial: Partial<S>): void }, initial: () => Partial<S>) => ({
  state: () => store.getState(),
  reset: () => store.setState(initial()),
})

const stores = {
  membership: tracked(useMembershipStore, initialMembershipState),
  points: tracked(usePointsStore, initialPointsState),
  mall: tracked(useMallStore, initialMallState),
  benefits: tracked(useBenefitsStore, initialBenefitsState),
  inbox: tracked(useInboxStore, initialInboxState),
  memberCode: tracked(useMemberCodeStore, initialMemberCodeState),
  signIn: tracked(useSignInStore, initialSignInState),
  program: tracked(useTiersStore, initialTiersState),
  outlets: tracked(useOutletsStore, initialOutletsState),
}

/** Every store's data (not its functions) as one JSON text, to search for the other member's marks. */
const snapshot = () =>
  JSON.stringify(Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, store.state()])))

const fetchMock = vi.fn<typeof fetch>()
/** Answers held back until the test releases them, by path. */
const heldBack = new Map<string, () => void>()

/** A BFF that answers each member with data marked by its token, e.g. `secret-of-tokA`. */
function bff(url: string, init: RequestInit | undefined): Promise<Response> {
  const path = url.split('?')[0]
  const token = new Headers(init?.headers).get('Authorization')?.replace('Bearer ', '') ?? 'nobody'
  const mark = `secret-of-${token}`
  const answer = () => jsonResponse(200, bodyFor(path, init?.body, mark))
  if (heldBack.has(path)) return new Promise((resolve) => heldBack.set(path, () => resolve(answer())))
  return Promise.resolve(answer())
}

function bodyFor(path: string, body: unknown, mark: string): unknown {
  const member = {
    id: mark,
    nickname: mark,
    phoneMasked: null,
    joinedAt: '2026-11-01T00:00:00.000Z',
    sourceOutlet: null,
  }
  const entry = {
    id: mark,
    amount: 10,
    kind: 'order',
    kindLabel: mark,
    reason: mark,
    balanceAfter: 10,
    occurredAt: '',
    businessDay: '',
  }
  const redemption = { id: mark, itemId: mark, itemTitle: mark, status: 'completed' }
  if (path === '/api/auth/local') {
    const phone = (JSON.parse(String(body)) as { phone: string }).phone
    // Login answers for the phone number, whatever session the phone still sends.
    return {
      token: `tok${phone}`,
      expiresAt: '2099-01-01T00:00:00.000Z',
      member: { ...member, id: `mbr${phone}`, nickname: phone },
    }
  }
  const bodies: Record<string, unknown> = {
    '/api/me': { member, tier: { name: mark }, growth: 1 },
    '/api/me/points': { entries: [entry], nextCursor: mark },
    '/api/me/growth': { entries: [entry], nextCursor: mark },
    '/api/me/points/expiring': { total: 5, lots: [{ points: 5, expiresAt: mark }] },
    '/api/mall/items': { items: [{ id: mark, title: mark }] },
    [`/api/mall/items/${mark}`]: { item: { id: mark, title: mark } },
    '/api/me/redemptions': { redemptions: [redemption], nextCursor: null },
    [`/api/me/redemptions/${mark}`]: { redemption },
    '/api/me/benefits': { tier: { key: mark, name: mark }, today: '', benefits: [{ key: mark, unlocked: true }] },
    '/api/me/coupons': { coupons: [{ id: mark, code: mark }], nextCursor: null },
    '/api/me/inbox': { notifications: [{ id: mark, title: mark, readAt: null }], unreadCount: 1, nextCursor: null },
    '/api/me/member-code': { code: mark, step: 1, expiresAt: '2099-01-01T00:00:00.000Z', periodSeconds: 30 },
    '/api/sign-in/calendar': { month: '2026-11', days: [], streak: 3, today: { day: mark, signed: true } },
    '/api/program/tiers': { version: 1, tiers: [{ id: mark, name: mark }] },
    '/api/outlets/scene/outlet_a': { id: 'outlet_a', name: mark },
  }
  return bodies[path] ?? {}
}

async function loadEverything(mark: string) {
  await Promise.all([
    useMembershipStore.getState().loadMe(),
    usePointsStore.getState().openHistory('points'),
    usePointsStore.getState().openHistory('growth'),
    usePointsStore.getState().loadExpiring(),
    useMallStore.getState().loadItems(),
    useMallStore.getState().loadItem(mark),
    useMallStore.getState().openRedemptions(),
    useMallStore.getState().loadRedemption(mark),
    useBenefitsStore.getState().loadBenefits(),
    useInboxStore.getState().loadInbox(),
    useMemberCodeStore.getState().loadCode(),
    useSignInStore.getState().loadCalendar(),
    useTiersStore.getState().loadTiers(),
    useOutletsStore.getState().lookupOutlet('outlet_a'),
  ])
}

beforeEach(() => {
  Taro.clearStorageSync()
  for (const store of Object.values(stores)) store.reset()
  heldBack.clear()
  fetchMock.mockReset()
  fetchMock.mockImplementation((url, init) => bff(String(url), init))
  vi.stubGlobal('fetch', fetchMock)
})
afterEach(() => vi.unstubAllGlobals())

describe('another member logs in on the same phone', () => {
  it.each([
    ['logs out first', true],
    ['logs in over the first member', false],
  ])('when the first member %s, no store keeps anything of theirs', async (_case, logsOut) => {
    await useMembershipStore.getState().loginWithPhone('A')
    await loadEverything('secret-of-tokA')
    expect(snapshot()).toContain('secret-of-tokA')
    expect(useInboxStore.getState().notifications).toHaveLength(1)

    // A pull-down refresh of A's inbox and points is still on its way when B logs in.
    heldBack.set('/api/me/inbox', () => undefined)
    heldBack.set('/api/me/points', () => undefined)
    const lateInbox = useInboxStore.getState().loadInbox()
    const latePoints = usePointsStore.getState().refreshHistory('points')

    if (logsOut) await useMembershipStore.getState().logout()
    await useMembershipStore.getState().loginWithPhone('B')
    expect(useMembershipStore.getState().session?.token).toBe('tokB')
    expect(snapshot()).not.toContain('secret-of-tokA')

    // A's late answers land after the switch and are dropped.
    for (const release of heldBack.values()) release()
    heldBack.clear()
    await Promise.all([lateInbox, latePoints])
    expect(snapshot()).not.toContain('secret-of-tokA')
    expect(useInboxStore.getState()).toMatchObject({ notifications: [], loaded: false, pending: false })
    expect(usePointsStore.getState().histories.points).toMatchObject({ entries: [], loaded: false, pending: null })

    // B's own data loads as usual.
    await loadEverything('secret-of-tokB')
    expect(snapshot()).toContain('secret-of-tokB')
    expect(snapshot()).not.toContain('secret-of-tokA')
  })

  it('an expired session resets every store too', async () => {
    await useMembershipStore.getState().loginWithPhone('A')
    await loadEverything('secret-of-tokA')
    fetchMock.mockImplementationOnce(async () =>
      jsonResponse(401, { error: { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' } }),
    )
    await useInboxStore.getState().loadInbox()
    expect(useMembershipStore.getState()).toMatchObject({ session: null, error: { code: 'SESSION_EXPIRED' } })
    expect(snapshot()).not.toContain('secret-of-tokA')
  })
})
