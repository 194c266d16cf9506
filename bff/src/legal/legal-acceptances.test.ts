import { describe, expect, it } from 'vitest'
import { operatorToken } from '../test/operator-fixtures'
import { useTestApp } from '../test/test-app'

const newTerms = {
  title: '用户协议',
  body: '第二版：积分有效期改为两年，成长值按自然年累计，退款时按比例扣回所得成长值与积分，其余条款不变。请仔细阅读。',
}
const both = [
  { kind: 'terms', version: 1 },
  { kind: 'privacy', version: 1 },
]

describe('recording which agreement versions a member accepted', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('asks a member who has accepted nothing for both documents in force', async () => {
    const token = await t.joinedMember('13700000001')
    const status = await t.json('GET', '/api/me/legal', undefined, token)
    expect(status).toMatchObject({
      status: 200,
      body: {
        pending: [
          { kind: 'terms', title: '用户协议', version: 1 },
          { kind: 'privacy', title: '隐私政策', version: 1 },
        ],
      },
    })
  })

  it('records member, kind, version and time, after which nothing is pending', async () => {
    const token = await t.joinedMember('13700000002')
    const accepted = await t.json('POST', '/api/me/legal/acceptances', { documents: both }, token)
    expect(accepted).toMatchObject({ status: 200, body: { pending: [] } })
    const me = (await t.json('GET', '/api/me', undefined, token)).body.member
    const rows = await t.db
      .selectFrom('legal_acceptances')
      .select(['kind', 'version', 'accepted_at'])
      .where('member_id', '=', me.id)
      .orderBy('kind')
      .execute()
    const at = t.clock.now().toISOString()
    expect(rows).toEqual([
      { kind: 'privacy', version: 1, accepted_at: at },
      { kind: 'terms', version: 1, accepted_at: at },
    ])
    expect((await t.json('GET', '/api/me/legal', undefined, token)).body).toEqual({ pending: [] })
    // Accepting again keeps the first record.
    expect((await t.json('POST', '/api/me/legal/acceptances', { documents: both }, token)).status).toBe(200)
    expect(
      await t.db.selectFrom('legal_acceptances').select('kind').where('member_id', '=', me.id).execute(),
    ).toHaveLength(2)
  })

  it('refuses a version that is not in force (unknown, or replaced) and records nothing', async () => {
    const token = await t.joinedMember('13700000003')
    for (const documents of [
      [{ kind: 'terms', version: 7 }],
      [
        { kind: 'privacy', version: 1 },
        { kind: 'terms', version: 2 },
      ],
    ]) {
      const refused = await t.json('POST', '/api/me/legal/acceptances', { documents }, token)
      expect(refused).toMatchObject({ status: 409, body: { error: { code: 'LEGAL_VERSION_NOT_CURRENT' } } })
    }
    for (const body of [{ documents: [] }, { documents: [{ kind: 'cookies', version: 1 }] }, {}]) {
      const bad = await t.json('POST', '/api/me/legal/acceptances', body, token)
      expect(bad).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } })
    }
    const me = (await t.json('GET', '/api/me', undefined, token)).body.member
    expect(await t.db.selectFrom('legal_acceptances').select('kind').where('member_id', '=', me.id).execute()).toEqual(
      [],
    )
  })

  it('asks again for the newer version once the merchant publishes one, and only for that document', async () => {
    const token = await t.joinedMember('13700000004')
    await t.json('POST', '/api/me/legal/acceptances', { documents: both }, token)
    const { token: operator } = await operatorToken(t, 'operator')
    expect((await t.json('PUT', '/api/admin/legal/terms', newTerms, operator)).body.version).toBe(2)

    expect((await t.json('GET', '/api/me/legal', undefined, token)).body).toEqual({
      pending: [{ kind: 'terms', title: '用户协议', version: 2 }],
    })
    // The version the app showed before the update no longer counts.
    const stale = await t.json('POST', '/api/me/legal/acceptances', { documents: [both[0]] }, token)
    expect(stale.body.error.code).toBe('LEGAL_VERSION_NOT_CURRENT')
    const agreed = await t.json(
      'POST',
      '/api/me/legal/acceptances',
      { documents: [{ kind: 'terms', version: 2 }] },
      token,
    )
    expect(agreed.body).toEqual({ pending: [] })
    const me = (await t.json('GET', '/api/me', undefined, token)).body.member
    const versions = await t.db
      .selectFrom('legal_acceptances')
      .select(['kind', 'version'])
      .where('member_id', '=', me.id)
      .where('kind', '=', 'terms')
      .orderBy('version')
      .execute()
    expect(versions).toEqual([
      { kind: 'terms', version: 1 },
      { kind: 'terms', version: 2 },
    ])
  })

  it('is for members: no session is 401, a visitor who has not joined is refused', async () => {
    expect((await t.json('GET', '/api/me/legal')).status).toBe(401)
    const visitor = await t.json('POST', '/api/auth/local', { phone: '13700000005' })
    const refused = await t.json('POST', '/api/me/legal/acceptances', { documents: both }, visitor.body.token)
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'MEMBER_NOT_JOINED' } } })
  })
})
