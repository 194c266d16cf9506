import { describe, expect, it } from 'vitest'
import { newId } from '../ids'
import { groupOrderNo, redemptionIdRange, redemptionOrderNo } from './redemption-number'

describe('redemptionOrderNo', () => {
  it('reads the Beijing date and second of the day from the id', () => {
    // 2026-12-04 15:30:12.345 in Beijing is 07:30:12.345 UTC.
    const id = newId('rdm', Date.UTC(2026, 11, 4, 7, 30, 12, 345))
    const no = redemptionOrderNo(id)
    expect(no).toMatch(/^\d{13}$/)
    expect(no.slice(0, 6)).toBe('261204')
    expect(no.slice(6, 11)).toBe(String(15 * 3600 + 30 * 60 + 12).padStart(5, '0'))
  })

  it('turns the day over at Beijing midnight, not UTC midnight', () => {
    // Earlier first: newId never goes back in time within a process.
    expect(redemptionOrderNo(newId('rdm', Date.UTC(2026, 11, 4, 15, 59, 59))).slice(0, 11)).toBe('26120486399')
    expect(redemptionOrderNo(newId('rdm', Date.UTC(2026, 11, 4, 16, 0, 1))).slice(0, 11)).toBe('26120500001')
  })

  it('is stable and differs for ids made in the same millisecond', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5)
    const a = newId('rdm', at)
    const b = newId('rdm', at)
    expect(redemptionOrderNo(a)).toBe(redemptionOrderNo(a))
    expect(redemptionOrderNo(b)).not.toBe(redemptionOrderNo(a))
  })

  it.each(['rdm_short', 'not an id', '', 'rdm_01JD3XXXXXXXXXXXXXXXXXXXXI'])('leaves %j as it is', (id) => {
    expect(redemptionOrderNo(id)).toBe(id)
  })
})

describe('groupOrderNo', () => {
  it.each([
    ['2612045581247', '2612 0455 8124 7'],
    ['12345678', '1234 5678'],
    ['rdm_x', 'rdm_x'],
  ])('%s → %s', (no, grouped) => {
    expect(groupOrderNo(no)).toBe(grouped)
  })
})

describe('redemptionIdRange', () => {
  it('spans the second the number names, so the id it came from lies inside', () => {
    for (const at of [Date.UTC(2027, 2, 4, 7, 30, 12, 0), Date.UTC(2027, 2, 4, 15, 59, 59, 999)]) {
      const id = newId('rdm', at)
      const range = redemptionIdRange(redemptionOrderNo(id))
      expect(range).not.toBeNull()
      expect(range!.from <= id && id <= range!.to).toBe(true)
      // An id a second earlier or later is outside.
      const before = newId('rdm', at + 5000)
      expect(before > range!.to).toBe(true)
    }
  })

  it.each(['', '123', '26120412345671', '2613011234512', '2612041234512x', '2602300000001', '2612049000012'])(
    'finds no range for %j',
    (text) => {
      expect(redemptionIdRange(text)).toBeNull()
    },
  )
})
