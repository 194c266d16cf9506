import { describe, expect, it } from 'vitest'
import { operatorToken } from '../test/operator-fixtures'
import { useTestApp } from '../test/test-app'
import { defaultLegalDocuments } from './default-legal-documents'

const terms = {
  title: '会员服务协议',
  body: '本协议由某某商贸有限公司制定。您开通会员即同意：成长值决定等级，积分不可兑现，退款时按比例扣回所得成长值与积分。',
}

describe('the user agreement and privacy policy', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('serves the default Chinese text as version 1 to anyone, without a session', async () => {
    for (const kind of ['terms', 'privacy'] as const) {
      const { status, body } = await t.json('GET', `/api/legal/${kind}`)
      expect(status).toBe(200)
      expect(body).toEqual({ kind, ...defaultLegalDocuments[kind], version: 1, updatedAt: null })
    }
    expect(defaultLegalDocuments.terms.title).toBe('用户协议')
    expect(defaultLegalDocuments.privacy.title).toBe('隐私政策')
    const unknown = await t.json('GET', '/api/legal/cookies')
    expect({ status: unknown.status, code: unknown.body.error.code }).toEqual({
      status: 404,
      code: 'LEGAL_DOCUMENT_NOT_FOUND',
    })
  })

  it('lets an operator replace a document as a new version, audited, and the shopper then reads it', async () => {
    const { token } = await operatorToken(t, 'operator')
    const saved = await t.json('PUT', '/api/admin/legal/terms', terms, token)
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ kind: 'terms', ...terms, version: 2, updatedAt: t.clock.now().toISOString() })
    expect((await t.json('GET', '/api/legal/terms')).body).toEqual(saved.body)
    // The other document is untouched.
    expect((await t.json('GET', '/api/legal/privacy')).body.version).toBe(1)

    const entries = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'target_id', 'detail'])
      .where('action', '=', 'legal.document.update')
      .execute()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ target_type: 'legal_document', target_id: 'terms' })
    expect(JSON.parse(entries[0]!.detail as string)).toEqual({
      before: { ...defaultLegalDocuments.terms, version: 1 },
      after: { ...terms, version: 2 },
    })

    // The same text again is no new version and no new audit entry.
    expect((await t.json('PUT', '/api/admin/legal/terms', terms, token)).body.version).toBe(2)
    const again = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'legal.document.update')
      .execute()
    expect(again).toHaveLength(1)
  })

  it('refuses an invalid document and changes nothing', async () => {
    const { token } = await operatorToken(t, 'owner')
    const before = (await t.json('GET', '/api/legal/privacy')).body
    for (const body of [
      { title: '', body: terms.body },
      { title: '隐私政策', body: '太短' },
      { title: '隐私政策', body: terms.body, extra: true },
      { title: 'x'.repeat(41), body: terms.body },
    ]) {
      const refused = await t.json('PUT', '/api/admin/legal/privacy', body, token)
      expect(refused.status).toBe(400)
      expect(refused.body.error.code).toBe('INVALID_REQUEST')
    }
    expect((await t.json('GET', '/api/legal/privacy')).body).toEqual(before)
  })

  it('is for operators who may edit the program only', async () => {
    const { token } = await operatorToken(t, 'analyst')
    const refused = await t.json('PUT', '/api/admin/legal/privacy', terms, token)
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('FORBIDDEN')
    const member = await t.json('POST', '/api/auth/local', { phone: '13900000301' })
    expect((await t.json('PUT', '/api/admin/legal/privacy', terms, member.body.token)).status).toBe(403)
    expect((await t.json('PUT', '/api/admin/legal/privacy', terms)).status).toBe(401)
    expect((await t.json('GET', '/api/legal/privacy')).body.version).toBe(1)
  })
})
