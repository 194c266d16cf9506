import { describe, expect, it } from 'vitest'
import { jsonResponse, loginFixture } from '../../test/fixtures'
import { stubFetch } from '../../test/fetch-stub'
import { initialMembershipState, useMembershipStore } from '../membership/membership.store'
import { useLegalStore } from './legal.store'

const resetLegal = () =>
  useLegalStore.setState({ documents: {}, loading: null, error: null, consentGiven: null, acceptance: null })
const fetchMock = stubFetch(() => {
  useMembershipStore.setState(initialMembershipState())
  resetLegal()
})
const legal = () => useLegalStore.getState()
const document = (kind: 'terms' | 'privacy', version: number) => ({
  kind,
  title: kind === 'terms' ? '用户协议' : '隐私政策',
  body: '正文',
  version,
  updatedAt: null,
})
const sent = (index: number) => {
  const [url, init] = fetchMock.mock.calls[index]!
  return { url: String(url), method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : null }
}

describe('the agreements a shopper accepts', () => {
  it('keeps the versions shown at login and records them only once the visitor has joined', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, document('terms', 3)))
    fetchMock.mockResolvedValueOnce(jsonResponse(200, document('privacy', 1)))
    legal().consented(await legal().versionsInForce(true))
    expect(legal().consentGiven).toEqual([
      { kind: 'terms', version: 3 },
      { kind: 'privacy', version: 1 },
    ])
    // Logging in (a new session) does not drop the consent; joining records it.
    useMembershipStore.getState().loggedIn(loginFixture({ joinedAt: null }))
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { member: loginFixture().member, joinedNow: true }))
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { pending: [] }))
    await useMembershipStore.getState().join()
    expect(sent(3)).toMatchObject({
      url: expect.stringContaining('/api/me/legal/acceptances'),
      method: 'POST',
      body: {
        documents: [
          { kind: 'terms', version: 3 },
          { kind: 'privacy', version: 1 },
        ],
      },
    })
    expect(legal().consentGiven).toBeNull()
    expect(legal().acceptance).toEqual({ pending: [] })
  })

  it('records nothing on joining when no consent was given on this visit', async () => {
    useMembershipStore.getState().loggedIn(loginFixture({ joinedAt: null }))
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { member: loginFixture().member, joinedNow: true }))
    await useMembershipStore.getState().join()
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('forgets what another member had pending when the session changes', async () => {
    useMembershipStore.getState().loggedIn(loginFixture())
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { pending: [{ kind: 'terms', title: '用户协议', version: 2 }] }))
    await legal().loadAcceptance()
    expect(legal().acceptance?.pending).toHaveLength(1)
    useMembershipStore.getState().loggedOut()
    expect(legal().acceptance).toBeNull()
  })
})
