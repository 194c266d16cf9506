import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { accountBalances } from '../ledger/accounts'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { testAdminToken, useTestApp, type TestApp } from '../test/test-app'

let phones = 0
/** A shopper who joined in the app (not imported): no birthday, a placeholder nickname. */
async function appMember(t: TestApp) {
  phones += 1
  const token = await t.joinedMember(
    `1391${String(process.pid % 1000).padStart(3, '0')}${String(phones).padStart(4, '0')}`,
  )
  const id = (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
  return { token, id }
}

const complete = { nickname: '林小夏', gender: 'female', birthday: '1990-05-17', region: ['广东省', '深圳市'] }

const profileEntries = (t: TestApp, memberId: string) =>
  t.db
    .selectFrom('ledger_entries')
    .select(['ledger', 'amount', 'kind', 'reason', 'idempotency_key'])
    .where('member_id', '=', memberId)
    .where('kind', '=', 'profile_completed')
    .orderBy('ledger')
    .execute()

async function uploadAvatar(t: TestApp, token: string, bytes: Uint8Array, name = 'avatar.png') {
  const form = new FormData()
  form.append('file', new File([new Uint8Array(bytes)], name))
  const response = await t.app.request('/api/me/profile/avatar', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely, as t.json reads them.
  return { status: response.status, body: (await response.json()) as any }
}

describe('member profile', () => {
  const t = useTestApp()

  it('starts with every required field missing and names the reward of the rules in force', async () => {
    const { token } = await appMember(t)
    const profile = await t.json('GET', '/api/me/profile', undefined, token)
    expect(profile).toMatchObject({
      status: 200,
      body: {
        avatar: null,
        gender: null,
        birthday: null,
        birthdayLocked: false,
        region: null,
        missing: ['nickname', 'gender', 'birthday', 'region'],
        completedAt: null,
        reward: { growth: 50, points: 100 },
        rewarded: null,
      },
    })
    expect(profile.body.nickname).toMatch(/^会员/)
  })

  it('credits the profile-completed task once, when the last required field is filled', async () => {
    const { token, id } = await appMember(t)
    const partly = await t.json('PATCH', '/api/me/profile', { gender: 'female', region: ['广东省', '深圳市'] }, token)
    expect(partly.body).toMatchObject({ missing: ['nickname', 'birthday'], rewarded: null, completedAt: null })
    expect(await profileEntries(t, id)).toEqual([])

    const done = await t.json('PATCH', '/api/me/profile', { nickname: '林小夏', birthday: '1990-05-17' }, token)
    expect(done.body).toMatchObject({ missing: [], rewarded: { growth: 50, points: 100 }, birthdayLocked: true })
    expect(done.body.completedAt).toBe(t.clock.now().toISOString())
    expect(await profileEntries(t, id)).toEqual([
      {
        ledger: 'growth',
        amount: 50,
        kind: 'profile_completed',
        reason: '完善资料',
        idempotency_key: `profile_completed:${id}:growth`,
      },
      {
        ledger: 'points',
        amount: 100,
        kind: 'profile_completed',
        reason: '完善资料',
        idempotency_key: `profile_completed:${id}:points`,
      },
    ])

    const again = await t.json('PATCH', '/api/me/profile', { nickname: '小夏', gender: 'undisclosed' }, token)
    expect(again.body).toMatchObject({ nickname: '小夏', gender: 'undisclosed', missing: [], rewarded: null })
    expect(await profileEntries(t, id)).toHaveLength(2)
    expect(await accountBalances(t.db, id)).toMatchObject({ growth: 50, points: 100 })
  })

  it('credits once when ten requests complete the profile at the same time', async () => {
    const { token, id } = await appMember(t)
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => t.json('PATCH', '/api/me/profile', complete, token)),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200))
    expect(answers.filter((a) => a.body.rewarded !== null)).toHaveLength(1)
    expect(await profileEntries(t, id)).toHaveLength(2)
    expect(await accountBalances(t.db, id)).toMatchObject({ growth: 50, points: 100 })
  })

  it('does not count the nickname made at login as filled', async () => {
    const { token, id } = await appMember(t)
    const { nickname: _, ...rest } = complete
    const answer = await t.json('PATCH', '/api/me/profile', rest, token)
    expect(answer.body).toMatchObject({ missing: ['nickname'], rewarded: null })
    expect(await profileEntries(t, id)).toEqual([])
  })

  it('lets the member set the birthday once; another day is BIRTHDAY_LOCKED and changes nothing', async () => {
    const { token, id } = await appMember(t)
    expect((await t.json('PATCH', '/api/me/profile', { birthday: '1991-03-08' }, token)).body).toMatchObject({
      birthday: '1991-03-08',
      birthdayLocked: true,
    })
    // The same day again is a retry, not a change.
    expect((await t.json('PATCH', '/api/me/profile', { birthday: '1991-03-08' }, token)).status).toBe(200)
    const moved = await t.json('PATCH', '/api/me/profile', { birthday: '1991-04-08', nickname: '改名' }, token)
    expect(moved).toMatchObject({
      status: 409,
      body: { error: { code: 'BIRTHDAY_LOCKED', details: { birthday: '1991-03-08' } } },
    })
    const row = await t.db
      .selectFrom('members')
      .select(['birthday', 'birthday_set_by', 'nickname', 'nickname_set_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ birthday: '1991-03-08', birthday_set_by: 'member', nickname_set_at: null })
    expect(row.nickname).not.toBe('改名')
  })

  it('takes one birthday of many sent at once', async () => {
    const { token, id } = await appMember(t)
    const days = Array.from({ length: 8 }, (_, i) => `1992-0${i + 1}-15`)
    const answers = await Promise.all(days.map((birthday) => t.json('PATCH', '/api/me/profile', { birthday }, token)))
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.code)).toEqual(
      Array(7).fill('BIRTHDAY_LOCKED'),
    )
    const winner = answers.find((a) => a.status === 200)?.body.birthday
    const row = await t.db.selectFrom('members').select('birthday').where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.birthday).toBe(winner)
  })

  it.each([
    ['a day after today', { birthday: '2026-12-31' }, 'birthday'],
    ['an impossible day', { birthday: '1990-02-30' }, 'birthday'],
    ['a made-up province', { region: ['火星省', '一号城'] }, 'region'],
    ['an unknown field', { phone: '13800000000' }, ''],
    ['an avatar nobody uploaded', { avatar: `/uploads/upl_${'0'.repeat(32)}` }, 'avatar'],
    ['an avatar elsewhere', { avatar: 'https://example.com/me.png' }, 'avatar'],
  ])('refuses %s and writes nothing', async (_, body, path) => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const { token, id } = await appMember(t)
    const before = await t.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const answer = await t.json('PATCH', '/api/me/profile', { ...body, gender: 'male' }, token)
    expect(answer.status).toBe(400)
    expect(answer.body.error.code).toBe('INVALID_REQUEST')
    expect(answer.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path)
    expect(await t.db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before)
  })

  it('refuses a shopper who has not joined', async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13910009999' })
    expect((await t.json('GET', '/api/me/profile', undefined, login.body.token)).body.error.code).toBe(
      'MEMBER_NOT_JOINED',
    )
    expect((await t.json('PATCH', '/api/me/profile', { gender: 'male' }, login.body.token)).body.error.code).toBe(
      'MEMBER_NOT_JOINED',
    )
  })
})

describe('member avatar', () => {
  const t = useTestApp()

  it('is uploaded through the image checks and served from /uploads, also above the API body limit', async () => {
    const { token, id } = await appMember(t)
    const png = await QRCode.toBuffer('avatar', { type: 'png', width: 600, margin: 0 })
    // A text chunk after the header makes the file larger than the 64 KB every other API body is held to.
    const big = Buffer.concat([png.subarray(0, png.length - 12), textChunk(100_000), png.subarray(png.length - 12)])
    expect(big.length).toBeGreaterThan(64 * 1024)
    const answer = await uploadAvatar(t, token, big)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body.avatar).toMatch(/^\/uploads\/upl_[0-9a-f]{32}$/)
    const served = await t.app.request(answer.body.avatar)
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer())).toEqual(big)
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('target_id', '=', answer.body.avatar.slice('/uploads/'.length))
      .execute()
    expect(audit).toEqual([{ actor: `member:${id}`, action: 'upload.create' }])
    expect((await t.json('GET', '/api/me/profile', undefined, token)).body.avatar).toBe(answer.body.avatar)
  })

  it('refuses what is not an image by its bytes, whatever its name, and keeps the avatar it had', async () => {
    const { token } = await appMember(t)
    const first = await uploadAvatar(t, token, await QRCode.toBuffer('first', { type: 'png', width: 100 }))
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const refused = await uploadAvatar(t, token, svg, 'avatar.png')
    expect(refused).toMatchObject({
      status: 415,
      body: { error: { code: 'UPLOAD_NOT_IMAGE', details: { detected: 'image/svg+xml' } } },
    })
    expect((await t.json('GET', '/api/me/profile', undefined, token)).body.avatar).toBe(first.body.avatar)
    const removed = await t.json('PATCH', '/api/me/profile', { avatar: null }, token)
    expect(removed.body.avatar).toBeNull()
  })

  it('stores nothing for a shopper who has not joined', async () => {
    const login = await t.json('POST', '/api/auth/local', { phone: '13910008888' })
    const png = await QRCode.toBuffer('not joined', { type: 'png', width: 120 })
    const uploads = () => t.db.selectFrom('uploads').select('id').execute()
    const before = await uploads()
    expect((await uploadAvatar(t, login.body.token, png)).body.error.code).toBe('MEMBER_NOT_JOINED')
    expect(await uploads()).toEqual(before)
  })
})

/** A PNG tEXt chunk of `size` bytes of text; readers skip it, and its CRC is not checked by ours. */
function textChunk(size: number) {
  const data = Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.alloc(size, 0x61)])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  return Buffer.concat([length, Buffer.from('tEXt', 'latin1'), data, Buffer.alloc(4)])
}

describe('birthday changes by an operator', () => {
  const t = useTestApp()

  it('change a locked birthday with the reason, audited; the member stays locked', async () => {
    const { token, id } = await appMember(t)
    await t.json('PATCH', '/api/me/profile', { birthday: '1990-05-17' }, token)
    const changed = await t.json(
      'PUT',
      `/api/admin/members/${id}/birthday`,
      { birthday: '1990-06-17', reason: '会员到店出示证件，登记有误' },
      testAdminToken,
    )
    expect(changed).toMatchObject({
      status: 200,
      body: { memberId: id, birthday: '1990-06-17', previous: '1990-05-17' },
    })
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('target_id', '=', id)
      .where('action', '=', 'member.birthday.set')
      .execute()
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([
      { previous: '1990-05-17', birthday: '1990-06-17', reason: '会员到店出示证件，登记有误' },
    ])
    expect((await t.json('GET', '/api/me/profile', undefined, token)).body).toMatchObject({
      birthday: '1990-06-17',
      birthdayLocked: true,
    })
    expect((await t.json('PATCH', '/api/me/profile', { birthday: '1990-05-17' }, token)).body.error.code).toBe(
      'BIRTHDAY_LOCKED',
    )
  })

  it('need a reason', async () => {
    const { id } = await appMember(t)
    const answer = await t.json('PUT', `/api/admin/members/${id}/birthday`, { birthday: '1990-06-17' }, testAdminToken)
    expect(answer.status).toBe(400)
    const row = await t.db.selectFrom('members').select('birthday').where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.birthday).toBeNull()
  })
})

describe('an app-joined member with a birthday', () => {
  const t = useTestApp()

  it('claims the birthday gift in the birthday month once the birthday is set', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const { token } = await appMember(t)
    const claim = () => t.json('POST', '/api/me/benefits/birthday_gift/claim', {}, token)
    expect((await claim()).body.error.code).toBe('BIRTHDAY_UNKNOWN')
    await t.json('PATCH', '/api/me/profile', { birthday: '1995-11-02' }, token)
    expect(await claim()).toMatchObject({ status: 201, body: { periodKey: 'birthday-2026' } })
  })

  it('earns the birthday-month points multiplier on an order', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z')
    const birthdayMember = await appMember(t)
    await t.json('PATCH', '/api/me/profile', { birthday: '1995-11-02' }, birthdayMember.token)
    const other = await appMember(t)
    const pointsFor = async (memberId: string) => {
      const orderId = `ORD-BDAY-${memberId}`
      const at = { occurredAt: t.clock.now().toISOString() }
      expect((await sendOrderEvent(t, orderEvent('order.paid', orderId, { memberId }, 10_000, at))).status).toBe(200)
      expect((await sendOrderEvent(t, orderEvent('order.completed', orderId, { memberId }, 10_000, at))).status).toBe(
        200,
      )
      return (await accountBalances(t.db, memberId)).points
    }
    // FMCG: 1 point per yuan, doubled in the birthday month; each member's first order also earns the first-order
    // task's 100 points, which no multiplier touches.
    expect(await pointsFor(birthdayMember.id)).toBe(100 + 200)
    expect(await pointsFor(other.id)).toBe(100 + 100)
  })
})
