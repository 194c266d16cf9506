import { programTemplates } from '@mc/shared'
import { describe, expect, it } from 'vitest'
import { testAdminToken, useTestApp } from '../test/test-app'

const apparelTemplate = programTemplates.apparel.rules

describe('program versions read by the console, and drafts that turn settings off', () => {
  const t = useTestApp()
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await t.app.request(`/api/admin/program${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${testAdminToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as any }
  }

  it('answers one version with its rules, and 404 for a version that does not exist', async () => {
    const [latest] = (await admin('GET', '/versions')).body.versions
    const one = await admin('GET', `/versions/${latest.version}`)
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({ ...latest, rules: { tiers: expect.any(Array) } })
    expect(await admin('GET', '/versions/999')).toMatchObject({
      status: 404,
      body: { error: { code: 'VERSION_NOT_FOUND' } },
    })
  })

  it('saves "off" and "no cap" through a merge patch, whose null removes a key, as a valid draft', async () => {
    const draft = (await admin('POST', '/drafts', { template: 'apparel' })).body
    const patched = await admin('PATCH', `/drafts/${draft.id}`, {
      points: { extension: null },
      signIn: { makeUp: null },
      growth: { sources: { signIn: { dailyCap: null } } },
    })
    expect(patched.body.validation).toEqual({ valid: true, issues: [] })
    const published = await admin('POST', `/drafts/${draft.id}/publish`, { demotions: 'keep_until_validity_end' })
    expect(published.status).toBe(201)
    const { rules } = (await admin('GET', `/versions/${published.body.version}`)).body
    expect(rules.points.extension).toBeNull()
    expect(rules.signIn.makeUp).toBeNull()
    expect(rules.growth.sources.signIn).toEqual({ ...apparelTemplate.growth.sources.signIn, dailyCap: null })
  })
})
