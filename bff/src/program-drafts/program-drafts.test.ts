import { fmcgTemplate, programTemplateKeys } from '@mc/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../setup/seed'
import { verifyLedgers } from '../ledger/verify-ledgers'
import { createTestApp, testAdminToken, type TestApp } from '../test/test-app'

describe('program rules: templates, drafts, simulation, publishing', () => {
  let t: TestApp
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await t.app.request(`/api/admin/program${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${testAdminToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }
  const versions = async () => (await admin('GET', '/versions')).body.versions
  const tiersOf = () =>
    t.db.selectFrom('member_tiers').select(['member_id', 'tier_key', 'valid_until']).orderBy('member_id').execute()

  beforeAll(async () => {
    t = await createTestApp()
    await seedDemo(t.db, t.clock.now())
  }, 60_000) // 153 shoppers' orders through the real pipeline: seconds on PostgreSQL under load
  afterAll(async () => {
    expect(await verifyLedgers(t.db)).toEqual([])
    await t.close()
  })

  it('offers the five industry templates', async () => {
    const { body } = await admin('GET', '/templates')
    expect(body.templates.map((tpl: { key: string; name: string }) => `${tpl.key}:${tpl.name}`)).toEqual([
      'fmcg:快消品',
      'apparel:服饰',
      'electronics:3C 数码',
      'beauty:美妆',
      'fresh:生鲜',
    ])
  })

  it.each(programTemplateKeys)(
    'template %s validates and keeps its top tier at or under 30 percent of demo members',
    async (key) => {
      const draft = await admin('POST', '/drafts', { template: key })
      expect(draft).toMatchObject({ status: 201, body: { template: key, validation: { valid: true, issues: [] } } })
      const simulation = await admin('POST', `/drafts/${draft.body.id}/simulate`)
      expect(simulation.status).toBe(200)
      expect(simulation.body.members).toBe(153)
      expect(simulation.body.predicted.at(-1).percent).toBeLessThanOrEqual(30)
      expect(simulation.body.predicted.reduce((sum: number, tier: { members: number }) => sum + tier.members, 0)).toBe(
        153,
      )
    },
  )

  it('points at the field when a draft is invalid, refuses unknown fields, and will not publish it', async () => {
    const draft = (await admin('POST', '/drafts', {})).body
    const tiers = structuredClone(fmcgTemplate.tiers)
    tiers[1].retainThreshold = 900
    tiers[2].threshold = 100
    const patched = await admin('PATCH', `/drafts/${draft.id}`, { tiers })
    expect(patched.status).toBe(200)
    expect(patched.body.validation.valid).toBe(false)
    expect(patched.body.validation.issues.map((i: { path: string }) => i.path)).toEqual([
      'tiers.1.retainThreshold',
      'tiers.2.threshold',
      'tiers.2.retainThreshold',
    ])
    expect(patched.body.validation.issues[0].message).toBe(
      '保级门槛不能高于升级门槛 / retain threshold must not exceed the threshold',
    )
    const unknown = await admin('PATCH', `/drafts/${draft.id}`, { growth: { windowDayz: 30 } })
    expect(unknown).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_REQUEST', details: { issues: [{ path: 'growth.windowDayz' }] } } },
    })
    const before = (await versions()).length
    const refused = await admin('POST', `/drafts/${draft.id}/publish`, { demotions: 'apply_now' })
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'DRAFT_INVALID' } } })
    expect((await versions()).length).toBe(before)
    const trail = await t.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('target_id', '=', draft.id)
      .orderBy('id')
      .execute()
    // the refused edit is not recorded
    expect(trail.map((a) => a.action)).toEqual(['program.draft.create', 'program.draft.edit'])
    expect(JSON.parse(trail[1].detail).patch.tiers[2].threshold).toBe(100)
  })

  it('asks for an explicit choice before lowering anyone, and "keep" lowers nobody before validity ends', async () => {
    const before = await tiersOf()
    const draft = (await admin('POST', '/drafts', {})).body
    const tiers = fmcgTemplate.tiers.map((tier, i) => ({
      ...tier,
      threshold: [0, 1_000, 4_000][i],
      retainThreshold: [0, 900, 3_500][i],
    }))
    await admin('PATCH', `/drafts/${draft.id}`, { tiers })
    const simulation = (await admin('POST', `/drafts/${draft.id}/simulate`)).body
    expect(simulation.movesDownIfApplied).toBeGreaterThan(0)
    const versionsBefore = (await versions()).length
    const noChoice = await admin('POST', `/drafts/${draft.id}/publish`, {})
    expect(noChoice).toMatchObject({
      status: 409,
      body: { error: { code: 'DEMOTION_CHOICE_REQUIRED', details: { membersLowered: simulation.movesDownIfApplied } } },
    })
    expect((await versions()).length).toBe(versionsBefore)
    const kept = await admin('POST', `/drafts/${draft.id}/publish`, {
      demotions: 'keep_until_validity_end',
      note: '提高门槛',
    })
    expect(kept).toMatchObject({ status: 201, body: { lowered: 0, demotions: 'keep_until_validity_end' } })
    expect(await tiersOf()).toEqual(before)
    expect((await versions())[0]).toMatchObject({
      version: kept.body.version,
      publishedBy: expect.stringMatching(/^api_key:key_/),
      publishedByName: 'test admin',
      demotions: 'keep_until_validity_end',
      note: '提高门槛',
      source: draft.id,
    })
    expect((await admin('POST', `/drafts/${draft.id}/publish`, { demotions: 'apply_now' })).body.error.code).toBe(
      'DRAFT_NOT_OPEN',
    )
  })

  it('"apply now" records each lowering as a tier change', async () => {
    const draft = (await admin('POST', '/drafts', {})).body
    const tiers = fmcgTemplate.tiers.map((tier, i) => ({
      ...tier,
      threshold: [0, 1_500, 5_000][i],
      retainThreshold: [0, 1_200, 4_000][i],
    }))
    await admin('PATCH', `/drafts/${draft.id}`, { tiers })
    const expected = (await admin('POST', `/drafts/${draft.id}/simulate`)).body.movesDownIfApplied
    const applied = await admin('POST', `/drafts/${draft.id}/publish`, { demotions: 'apply_now' })
    expect(applied).toMatchObject({ status: 201, body: { lowered: expected, demotions: 'apply_now' } })
    const downgrades = await t.db
      .selectFrom('tier_changes')
      .select('member_id')
      .where('kind', '=', 'downgrade')
      .where('rule_version', '=', applied.body.version)
      .execute()
    expect(downgrades).toHaveLength(expected)
    const audit = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'program.publish')
      .where('target_id', '=', String(applied.body.version))
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail)).toMatchObject({ lowered: expected, demotions: 'apply_now' })
  })

  it('rolls back by publishing an older version as a new one, upgrading at once whoever it lifts', async () => {
    const rolled = await admin('POST', '/versions/1/rollback', {})
    expect(rolled.status).toBe(201)
    expect(rolled.body.upgraded).toBeGreaterThan(0)
    expect((await versions())[0]).toMatchObject({ version: rolled.body.version, source: 'rollback:1' })
    const me = await t.json('GET', '/api/program/tiers')
    expect(me.body.version).toBe(rolled.body.version)
    expect(me.body.tiers.map((tier: { threshold: number }) => tier.threshold)).toEqual([0, 500, 2000])
  })

  it('is for the merchant only, and answers 404 for unknown drafts and versions', async () => {
    const token = await t.joinedMember('13600009999')
    const asMember = await t.app.request('/api/admin/program/versions', {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(asMember.status).toBe(403)
    expect((await admin('GET', '/drafts/drf_nope')).status).toBe(404)
    expect((await admin('POST', '/versions/999/rollback', {})).body.error.code).toBe('VERSION_NOT_FOUND')
  })
})
