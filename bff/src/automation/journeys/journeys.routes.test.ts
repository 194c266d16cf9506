import { defaultEngagementSettings, journeyKeys } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import { joinedMemberId, journeysAt } from '../../jobs/journeys-test-kit'
import { saveMemberPrefs } from '../../outreach/notification-prefs'
import { testAdminToken, useTestApp } from '../../test/test-app'

const at = (day: string) => `${day}T02:00:00.000Z`

describe('admin automation routes: settings, journeys list, preview and results', () => {
  const t = useTestApp({}, { verifyLedgers: false })
  const admin = (method: string, path: string, body?: unknown) =>
    t.json(method, `/api/admin/automation${path}`, body, testAdminToken)
  let birthdayMember: string

  beforeAll(async () => {
    t.clock.set(at('2026-11-23'))
    birthdayMember = await joinedMemberId(t, '1990-11-28')
    await t.db.updateTable('members').set({ nickname: '小林' }).where('id', '=', birthdayMember).execute()
  })

  it('reads defaults, saves edited settings with an audit entry, refuses unknown placeholders by field', async () => {
    expect(await admin('GET', '/settings')).toEqual({ status: 200, body: defaultEngagementSettings })
    const edited = structuredClone(defaultEngagementSettings)
    for (const key of journeyKeys) edited.journeys[key].holdoutPercent = 0
    edited.journeys.birthday.copy = { title: '{会员昵称}生日快乐', body: '送你{生日礼}。' }
    edited.sms.signName = '会员中心'
    edited.sms.templates.care = { templateCode: 'SMS_CARE', params: { name: '{会员昵称}' } }
    expect(await admin('PUT', '/settings', edited)).toEqual({ status: 200, body: edited })
    expect((await admin('GET', '/settings')).body).toEqual(edited)
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_type']).execute()
    expect(audit).toContainEqual({ action: 'engagement.settings.update', target_type: 'engagement_settings' })

    const bad = structuredClone(edited)
    bad.journeys.upgrade.copy.body = '恭喜{新等级}，{还差成长值}'
    bad.sms.templates.care = { templateCode: 'SMS_CARE', params: { name: '{昵称}' } }
    const refused = await admin('PUT', '/settings', bad)
    expect(refused.status).toBe(400)
    expect(refused.body.error.code).toBe('INVALID_REQUEST')
    expect(refused.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual([
      'journeys.upgrade.copy.body',
      'sms.templates.care.params.name',
    ])
    expect((await admin('GET', '/settings')).body).toEqual(edited)
  })

  it('previews with a real member: the one asked for, else the rule’s pick today, with their channels', async () => {
    t.clock.set(at('2026-11-24'))
    const chosen = await admin('POST', '/journeys/birthday/preview', { memberId: birthdayMember })
    expect(chosen).toMatchObject({
      status: 200,
      body: {
        member: { id: birthdayMember, nickname: '小林' },
        source: 'chosen',
        title: '小林生日快乐',
        body: '送你生日礼券。',
        values: { 会员昵称: '小林', 等级: '普通会员', 生日礼: '生日礼券' },
        channels: ['inbox'],
      },
    })
    await saveMemberPrefs(t.db, birthdayMember, { mutedCategories: [], smsConsent: true }, t.clock.now())
    const picked = await admin('POST', '/journeys/birthday/preview', {
      copy: { title: '祝{会员昵称}', body: '生日快乐' },
    })
    expect(picked.body).toMatchObject({ source: 'due', title: '祝小林', channels: ['inbox', 'sms'] })
    // Nothing of a preview stays behind: no decision, no inbox message, no outbox row.
    for (const table of ['engagement_sends', 'notifications', 'outbox'] as const) {
      const rows = await t.db.selectFrom(table).select('member_id').where('member_id', '=', birthdayMember).execute()
      expect(rows).toEqual([])
    }
    const upgrade = await admin('POST', '/journeys/upgrade/preview', {})
    expect(upgrade.body).toMatchObject({ source: 'sample', title: '恭喜升级为普通会员' })
    expect((await admin('POST', '/journeys/no_such/preview', {})).body.error.code).toBe('JOURNEY_NOT_FOUND')
    const nobody = await admin('POST', '/journeys/birthday/preview', { memberId: 'mbr_00000000000000000000000000' })
    expect([nobody.status, nobody.body.error.code]).toEqual([404, 'MEMBER_NOT_FOUND'])
  })

  it('lists every journey with its decisions of the last 30 days, and answers its results', async () => {
    await journeysAt(t, at('2026-11-25'))
    const list = await admin('GET', '/journeys')
    expect(list.status).toBe(200)
    expect(list.body.journeys.map((j: { key: string }) => j.key)).toEqual([...journeyKeys])
    expect(list.body.journeys.find((j: { key: string }) => j.key === 'birthday')).toEqual({
      key: 'birthday',
      label: '生日关怀',
      enabled: true,
      holdoutPercent: 0,
      copy: { title: '{会员昵称}生日快乐', body: '送你{生日礼}。' },
      category: 'care',
      placeholders: ['会员昵称', '等级', '生日礼'],
      last30Days: { sent: 1, holdout: 0, capped: 0 },
    })
    const results = await admin('GET', '/journeys/birthday/results')
    expect(results.status, JSON.stringify(results.body)).toBe(200)
    expect((await admin('GET', '/journeys/no_such/results')).status).toBe(404)
  })
})
