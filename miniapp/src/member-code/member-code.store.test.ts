import { describe, expect, it } from 'vitest'
import { jsonResponse } from '../../test/fixtures'
import {
  groupCode,
  initialMemberCodeState,
  memberCodeSelectors,
  secondsLeft,
  useMemberCodeStore,
} from './member-code.store'
import { stubFetch } from '../../test/fetch-stub'

const fetchMock = stubFetch(() => useMemberCodeStore.setState(initialMemberCodeState()))
const store = () => useMemberCodeStore.getState()

describe('member code store', () => {
  it('codeIssued shows the code grouped by four', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(200, {
        code: '912345678901234567',
        step: 1,
        expiresAt: '2026-11-02T00:00:30.000Z',
        periodSeconds: 30,
      }),
    )
    await store().loadCode()
    expect(fetchMock.mock.calls[0][0]).toBe('/api/me/member-code')
    expect(memberCodeSelectors.groupedCode(store())).toBe('9123 4567 8901 2345 67')
    expect(memberCodeSelectors.expiresAt(store())).toBe('2026-11-02T00:00:30.000Z')
  })

  it('a failed refresh drops the stale code', async () => {
    useMemberCodeStore.setState({
      code: { code: '912345678901234567', step: 1, expiresAt: '2026-11-02T00:00:30.000Z', periodSeconds: 30 },
    })
    fetchMock.mockRejectedValueOnce(new TypeError('offline'))
    expect(await store().loadCode()).toBeNull()
    expect(store().code).toBeNull()
    expect(store().error?.code).toBe('NETWORK')
  })

  it.each([
    [0, 30],
    [100, 30],
    [29_001, 1],
    [30_000, 0],
    [45_000, 0],
  ])('secondsLeft at +%ims is %i', (elapsed, left) => {
    expect(secondsLeft('2026-11-02T00:00:30.000Z', Date.parse('2026-11-02T00:00:00.000Z') + elapsed)).toBe(left)
  })

  it('groupCode leaves short codes alone', () => {
    expect(groupCode('1234')).toBe('1234')
  })
})
