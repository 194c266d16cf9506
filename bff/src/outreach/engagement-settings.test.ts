import { defaultEngagementSettings } from '@mc/shared'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app'
import { readEngagementSettings, saveEngagementSettings } from './engagement-settings'
import { channelSettings } from './outreach-test-kit'

describe('engagement settings', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('reads the defaults on a fresh install', async () => {
    expect(await readEngagementSettings(t.db)).toEqual(defaultEngagementSettings)
  })

  it('saves the whole document, audited with before and after', async () => {
    const settings = channelSettings((s) => {
      s.frequencyCapPerWeek = 5
    })
    t.clock.set('2026-12-04T04:00:00Z')
    expect(await saveEngagementSettings(t.db, settings, 'operator:opr_1', t.clock.now())).toEqual(settings)
    expect(await readEngagementSettings(t.db)).toEqual(settings)
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'engagement.settings.update')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ actor: 'operator:opr_1', target_type: 'engagement_settings', target_id: 'default' })
    expect(JSON.parse(audit.detail)).toEqual({ before: defaultEngagementSettings, after: settings })
  })

  it('lays a stored document over the defaults, so fields it lacks take their default', async () => {
    // As written by an older release: no birthday journey, no win-back coupon, no resultDays.
    // biome-ignore lint/suspicious/noExplicitAny: an older release's document, deliberately not today's type
    const stored: any = structuredClone(defaultEngagementSettings)
    delete stored.journeys.birthday
    delete stored.journeys.win_back.coupon
    delete stored.resultDays
    stored.journeys.win_back.dormantDays = 60
    stored.journeys.retention_risk.daysBefore = [14] // arrays replace the default whole
    await t.db
      .updateTable('engagement_settings')
      .set({ settings: JSON.stringify(stored) })
      .execute()
    const read = await readEngagementSettings(t.db)
    expect(read.journeys.birthday).toEqual(defaultEngagementSettings.journeys.birthday)
    expect(read.journeys.win_back).toEqual({ ...defaultEngagementSettings.journeys.win_back, dormantDays: 60 })
    expect(read.journeys.retention_risk.daysBefore).toEqual([14])
    expect(read.resultDays).toBe(defaultEngagementSettings.resultDays)
  })

  it('refuses copy naming a placeholder the journey does not have, saving nothing', async () => {
    const bad = channelSettings((s) => {
      s.journeys.birthday.copy.body = '{会员昵称}，生日快乐，送你{优惠卷}'
    })
    await expect(saveEngagementSettings(t.db, bad, 'test', t.clock.now())).rejects.toThrow(/优惠卷/)
    expect((await readEngagementSettings(t.db)).journeys.birthday.copy.body).not.toContain('优惠卷')
  })

  it('saves inside a caller’s transaction', async () => {
    const settings = channelSettings((s) => {
      s.resultDays = 14
    })
    await t.db.transaction().execute((trx) => saveEngagementSettings(trx, settings, 'setup', t.clock.now()))
    expect((await readEngagementSettings(t.db)).resultDays).toBe(14)
  })
})
