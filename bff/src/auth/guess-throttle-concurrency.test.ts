import { describe, expect, it } from 'vitest'
import { memberWithPoints, mallItem, redeem } from '../test/mall-fixtures'
import { memberWithCode, outletWithStaff } from '../test/staff-fixtures'
import { useTestApp } from '../test/test-app'
import { loginStaff } from '../staff/login-staff'
import { maxFailures } from './failed-attempts'

/** Issue 14: 100 guesses sent at once had 44 evaluated; now each is recorded before it is judged. */
describe('guess throttles under concurrency', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  const burst = <T>(n: number, call: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: n }, (_, i) => call(i)))

  it('100 concurrent wrong PINs for one staff phone: at most 5 reach the PIN check, the rest are 429', async () => {
    const till = await outletWithStaff(t, { pin: '802468' })
    const answers = await burst(100, (i) =>
      t.json('POST', '/api/staff/login', { phone: till.phone, pin: String(100_000 + i) }),
    )
    const judged = answers.filter((a) => a.status === 401)
    expect(judged.length).toBeGreaterThan(0)
    expect(judged.length).toBeLessThanOrEqual(maxFailures)
    expect(answers.filter((a) => a.body.error?.code === 'STAFF_LOGIN_THROTTLED')).toHaveLength(100 - judged.length)
    expect((await t.json('POST', '/api/staff/login', { phone: till.phone, pin: '802468' })).status).toBe(429)
    t.clock.advanceMs(10 * 60_000)
    expect((await t.json('POST', '/api/staff/login', { phone: till.phone, pin: '802468' })).status).toBe(200)
  })

  it('100 concurrent wrong member codes from one staff account: at most 5 judged, the rest are 429', async () => {
    const till = await outletWithStaff(t)
    const answers = await burst(100, (i) =>
      t.json('POST', '/api/staff/member-code/verify', { code: `9000000000${String(i).padStart(8, '0')}` }, till.token),
    )
    const judged = answers.filter((a) => a.status === 404)
    expect(judged.length).toBe(maxFailures)
    expect(answers.filter((a) => a.body.error?.code === 'MEMBER_CODE_THROTTLED')).toHaveLength(100 - maxFailures)
    // The right code waits out the window too; another till is not affected.
    const member = await memberWithCode(t, '13700009001')
    expect(
      (await t.json('POST', '/api/staff/member-code/verify', { code: await member.code() }, till.token)).status,
    ).toBe(429)
  })

  it('100 concurrent wrong purchase codes: at most 5 judged, none posted', async () => {
    const till = await outletWithStaff(t)
    const answers = await burst(100, (i) =>
      t.json(
        'POST',
        '/api/staff/purchases',
        { code: `9000000000${String(i).padStart(8, '0')}`, amountFen: 1_000, receiptNo: `G-${i}` },
        till.token,
      ),
    )
    expect(answers.filter((a) => a.status === 404)).toHaveLength(maxFailures)
    expect(answers.filter((a) => a.body.error?.code === 'MEMBER_CODE_THROTTLED')).toHaveLength(100 - maxFailures)
  })

  it('100 concurrent wrong pickup codes: at most 5 judged, the rest are 429, and no pickup is made', async () => {
    const till = await outletWithStaff(t)
    const item = await mallItem(t, { title: '保温杯', pointsPrice: 30 })
    const { token } = await memberWithPoints(t, 100)
    const real = (await redeem(t, token, { itemId: item.id, pickupOutletId: till.outletId })).body.redemption
      .pickupCode as string
    const answers = await burst(100, (i) =>
      t.json('POST', '/api/staff/pickups/verify', { code: String(1_000_000_000 + i) }, till.token),
    )
    expect(answers.filter((a) => a.body.error?.code === 'PICKUP_CODE_INVALID')).toHaveLength(maxFailures)
    expect(answers.filter((a) => a.body.error?.code === 'PICKUP_THROTTLED')).toHaveLength(100 - maxFailures)
    expect((await t.json('POST', '/api/staff/pickups/verify', { code: real }, till.token)).status).toBe(429)
  })

  it('right codes scanned at once never count as guesses: twenty scans of one code leave the till free', async () => {
    const till = await outletWithStaff(t)
    const member = await memberWithCode(t, '13700009002')
    const code = await member.code()
    const answers = await burst(20, () => t.json('POST', '/api/staff/member-code/verify', { code }, till.token))
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 404)).toHaveLength(19)
    const other = await memberWithCode(t, '13700009003')
    expect(
      (await t.json('POST', '/api/staff/member-code/verify', { code: await other.code() }, till.token)).status,
    ).toBe(200)
  })

  it('a stranger guessing from another address locks only that address out, not the staff at the till', async () => {
    const till = await outletWithStaff(t, { pin: '975310' })
    const stranger = '203.0.113.9'
    for (let i = 0; i < maxFailures; i += 1) {
      await expect(loginStaff(t.deps, { phone: till.phone, pin: '000000' }, stranger)).rejects.toMatchObject({
        code: 'STAFF_LOGIN_FAILED',
      })
    }
    await expect(loginStaff(t.deps, { phone: till.phone, pin: '975310' }, stranger)).rejects.toMatchObject({
      code: 'STAFF_LOGIN_THROTTLED',
    })
    const atTheTill = await loginStaff(t.deps, { phone: till.phone, pin: '975310' }, '198.51.100.7')
    expect(atTheTill.staff.id).toBe(till.staffId)
  })

  it('guesses spread over many addresses are bounded per phone, and one address cannot spray many phones', async () => {
    const till = await outletWithStaff(t, { pin: '975311' })
    let failed = 0
    for (let i = 0; i < 4 * maxFailures + 2; i += 1) {
      try {
        await loginStaff(t.deps, { phone: till.phone, pin: '000000' }, `203.0.113.${i}`)
      } catch (error) {
        if ((error as { code?: string }).code === 'STAFF_LOGIN_FAILED') failed += 1
      }
    }
    expect(failed).toBe(4 * maxFailures)
    const sprayer = '198.51.100.99'
    let sprayed = 0
    for (let i = 0; i < 4 * maxFailures + 2; i += 1) {
      try {
        await loginStaff(t.deps, { phone: `1529999${String(i).padStart(4, '0')}`, pin: '000000' }, sprayer)
      } catch (error) {
        if ((error as { code?: string }).code === 'STAFF_LOGIN_FAILED') sprayed += 1
      }
    }
    expect(sprayed).toBe(4 * maxFailures)
  }, 90_000) // some fifty scrypt checks, one after another
})
