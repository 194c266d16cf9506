import { businessDayOf, businessDayStart } from '@mc/shared'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app'
import { daySql, dayShifts } from './day-sql'

describe('business days in SQL', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('finds one shift for Shanghai and each daylight-saving change for New York', () => {
    expect(dayShifts({ timeZone: 'Asia/Shanghai', dayStartMinute: 0 }, '2020-01-01', '2026-12-31')).toHaveLength(1)
    const ny = dayShifts({ timeZone: 'America/New_York', dayStartMinute: 240 }, '2026-01-01', '2026-12-31')
    expect(ny.map((s) => [s.fromDay, s.minutes])).toEqual([
      ['2026-01-01', -540],
      ['2026-03-08', -480],
      ['2026-11-01', -540],
    ])
  })

  it.each([
    ['Asia/Shanghai', 0],
    ['Asia/Shanghai', 240],
    ['America/New_York', 240],
  ])('agrees with businessDayOf / businessDayStart in %s starting at minute %i', async (timeZone, dayStartMinute) => {
    const calendar = { timeZone, dayStartMinute }
    const days = daySql(t.db, calendar, '2026-12-31')
    const instants = [
      '2026-03-08T06:59:59.999Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T08:30:00.000Z',
      '2026-11-01T07:59:59.000Z',
      '2026-11-01T08:00:00.000Z',
      '2026-06-30T19:59:59.999Z',
      '2026-06-30T20:00:00.000Z',
    ]
    for (const instant of instants) {
      const row = await sql<{ day: string }>`select ${days.dayOf(sql.val(instant))} as day`.execute(t.db)
      expect(row.rows[0].day, instant).toBe(businessDayOf(new Date(instant), calendar))
    }
    for (const day of ['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01', '2026-11-02']) {
      const row = await sql<{ start: string; plus: string; gap: number }>`
        select ${days.startOf(sql.val(day))} as start, ${days.plusDays(sql.val(day), 31)} as plus,
          ${days.daysUntil(sql.val(day), '2026-12-31')} as gap`.execute(t.db)
      expect(row.rows[0].start, day).toBe(businessDayStart(day, calendar).toISOString())
      expect(Number(row.rows[0].gap)).toBeGreaterThan(0)
    }
  })
})
