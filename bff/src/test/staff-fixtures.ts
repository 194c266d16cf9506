import { testAdminToken, type TestApp } from './test-app'

let sequence = 0

/** A new outlet with one logged-in staff member, through the admin and staff APIs. */
export async function outletWithStaff(t: TestApp, options: { pin?: string; outletName?: string } = {}) {
  sequence += 1
  const pin = options.pin ?? '246810'
  const phone = `1520000${String(sequence).padStart(4, '0')}`
  const outlet = await t.json(
    'POST',
    '/api/admin/outlets',
    { name: options.outletName ?? `测试门店${sequence}` },
    testAdminToken,
  )
  const staff = await t.json(
    'POST',
    '/api/admin/staff',
    { name: `店员${sequence}`, phone, outletId: outlet.body.id, pin },
    testAdminToken,
  )
  const login = await t.json('POST', '/api/staff/login', { phone, pin })
  if (outlet.status !== 201 || staff.status !== 201 || login.status !== 200) {
    throw new Error(`staff fixture failed: ${JSON.stringify([outlet.body, staff.body, login.body])}`)
  }
  return {
    outletId: outlet.body.id as string,
    scene: outlet.body.scene as string,
    staffId: staff.body.id as string,
    phone,
    pin,
    token: login.body.token as string,
  }
}

/** A joined member with their id and a way to fetch their current member code. */
export async function memberWithCode(t: TestApp, phone: string) {
  const token = await t.joinedMember(phone)
  const me = await t.json('GET', '/api/me', undefined, token)
  const code = async () => (await t.json('GET', '/api/me/member-code', undefined, token)).body.code as string
  return { token, memberId: me.body.member.id as string, code }
}
