import { memberCodeStep } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { memberWithCode, outletWithStaff } from '../test/staff-fixtures'
import { testAdminToken, useTestApp } from '../test/test-app'

describe('member codes', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  let staff: Awaited<ReturnType<typeof outletWithStaff>>
  let phoneSeq = 0
  const newMember = () => memberWithCode(t, `1350000${String(++phoneSeq).padStart(4, '0')}`)
  const verify = (code: string, token = staff.token) => t.json('POST', '/api/staff/member-code/verify', { code }, token)
  const invalid = {
    status: 404,
    body: { error: { code: 'MEMBER_CODE_INVALID', message: '会员码无效或已过期，请让会员刷新后再扫' } },
  }

  beforeAll(async () => {
    staff = await outletWithStaff(t)
  })

  it('gives a joined member an 18-digit code for the current 30-second step', async () => {
    const { token } = await newMember()
    const answer = await t.json('GET', '/api/me/member-code', undefined, token)
    const step = memberCodeStep(t.clock.now())
    expect(answer).toEqual({
      status: 200,
      body: {
        code: expect.stringMatching(/^9\d{17}$/),
        step,
        expiresAt: new Date((step + 1) * 30_000).toISOString(),
        periodSeconds: 30,
      },
    })
    expect((await t.json('GET', '/api/me/member-code', undefined, token)).body.code).toBe(answer.body.code)
    t.clock.advanceMs(30_000)
    const next = await t.json('GET', '/api/me/member-code', undefined, token)
    expect(next.body.step).toBe(step + 1)
    expect(next.body.code.slice(0, 10)).toBe(answer.body.code.slice(0, 10)) // same card number
    expect(next.body.code).not.toBe(answer.body.code)
  })

  it('is only for joined members, and the secret is made once even when first uses race', async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13500009999' })
    expect(await t.json('GET', '/api/me/member-code', undefined, login.body.token)).toMatchObject({
      status: 403,
      body: { error: { code: 'MEMBER_NOT_JOINED' } },
    })
    expect((await t.json('GET', '/api/me/member-code')).status).toBe(401)
    expect((await t.json('GET', '/api/me/member-code', undefined, staff.token)).status).toBe(401)
    const { token, memberId } = await newMember()
    const codes = await Promise.all(
      Array.from({ length: 20 }, () => t.json('GET', '/api/me/member-code', undefined, token)),
    )
    expect(new Set(codes.map((c) => c.body.code)).size).toBe(1)
    const rows = await t.db
      .selectFrom('member_codes')
      .select(['secret', 'card_no'])
      .where('member_id', '=', memberId)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0].secret).toMatch(/^[0-9a-f]{40}$/)
    expect(JSON.stringify(codes[0].body)).not.toContain(rows[0].secret)
  })

  it('shows staff the member card for a current code', async () => {
    const member = await newMember()
    const answer = await verify(await member.code())
    expect(answer).toEqual({
      status: 200,
      body: {
        member: {
          memberId: member.memberId,
          nickname: expect.stringMatching(/^会员\d{4}$/),
          phoneMasked: expect.stringMatching(/^135\*{4}\d{4}$/),
          tier: { id: expect.any(String), name: '普通会员' },
          pointsAvailable: 0,
        },
        purchaseAllowedUntil: new Date(t.clock.now().getTime() + 600_000).toISOString(),
      },
    })
    const use = await t.db
      .selectFrom('member_code_uses')
      .selectAll()
      .where('member_id', '=', member.memberId)
      .executeTakeFirstOrThrow()
    expect(use).toMatchObject({
      step: memberCodeStep(t.clock.now()),
      staff_id: staff.staffId,
      outlet_id: staff.outletId,
      purchase_order_id: null,
    })
  })

  it('accepts the previous step and refuses the one before it, so a screenshot goes stale', async () => {
    const a = await newMember()
    const previous = await a.code()
    t.clock.advanceMs(30_000)
    expect((await verify(previous)).status).toBe(200)
    const b = await newMember()
    const stale = await b.code()
    t.clock.advanceMs(60_000)
    expect(await verify(stale)).toEqual(invalid)
  })

  it('accepts each code once, and an older code not after a newer one was used', async () => {
    const member = await newMember()
    const code = await member.code()
    expect((await verify(code)).status).toBe(200)
    expect(await verify(code)).toEqual(invalid)
    const older = await member.code()
    t.clock.advanceMs(30_000)
    const newer = await member.code()
    expect((await verify(newer)).status).toBe(200)
    expect(await verify(older)).toEqual(invalid)
  })

  it('answers unknown, malformed and altered codes exactly like a used one', async () => {
    const till = await outletWithStaff(t) // four wrong codes of its own, below the throttle
    const member = await newMember()
    const code = await member.code()
    const altered = code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10)
    for (const bad of ['900000000000000000', '12345', 'not a code', altered])
      expect(await verify(bad, till.token)).toEqual(invalid)
    expect((await verify(code, till.token)).status).toBe(200)
  })

  it('twenty parallel scans of one code: exactly one succeeds, and the refusals do not throttle the till', async () => {
    const member = await newMember()
    const code = await member.code()
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify(code)))
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 404)).toHaveLength(19)
    expect(
      await t.db.selectFrom('member_code_uses').select('step').where('member_id', '=', member.memberId).execute(),
    ).toHaveLength(1)
    const other = await newMember()
    expect((await verify(await other.code())).status).toBe(200)
  })

  it('throttles a staff account after five wrong codes in ten minutes, across sessions, then lets it go', async () => {
    const till = await outletWithStaff(t)
    for (let i = 0; i < 5; i += 1)
      expect((await verify(`9000000000000000${String(i).padStart(2, '0')}`, till.token)).status).toBe(404)
    const member = await newMember()
    const throttled = await verify(await member.code(), till.token)
    expect(throttled).toMatchObject({
      status: 429,
      body: { error: { code: 'MEMBER_CODE_THROTTLED', details: { retryAfterSeconds: 600 } } },
    })
    const again = await t.json('POST', '/api/staff/login', { phone: till.phone, pin: till.pin })
    expect((await verify(await member.code(), again.body.token)).status).toBe(429)
    expect((await verify(await member.code())).status).toBe(200) // another till is not affected
    t.clock.advanceMs(600_000)
    const later = await newMember()
    expect((await verify(await later.code(), till.token)).status).toBe(200)
  })

  it('keeps roles apart: no token 401, a shopper or the admin on a staff route 403', async () => {
    const member = await newMember()
    const code = await member.code()
    expect(await t.json('POST', '/api/staff/member-code/verify', { code })).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    })
    expect(await verify(code, member.token)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
    expect(await verify(code, testAdminToken)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } })
    expect((await verify(code)).status).toBe(200) // the refused calls did not use the code up
  })
})
