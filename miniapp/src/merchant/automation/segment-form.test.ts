import { describe, expect, it } from 'vitest'
import type { SegmentFilter } from '@mc/shared'
import { bodyOfDraft, draftOfSegment, emptySegmentDraft, filterOfDraft, segmentErrorsOf, toggled } from './segment-form'

describe('segment builder form', () => {
  it('an empty draft is the filter that matches everybody', () => {
    expect(filterOfDraft(emptySegmentDraft())).toEqual({ filter: {} })
  })

  it('round-trips a filter using every field', () => {
    const filter: SegmentFilter = {
      tiers: ['gold', 'platinum'],
      rfmGroups: ['important_retain'],
      lifecycles: ['dormant'],
      tagsAny: ['偏好:咖啡'],
      daysSinceLastOrder: { min: 30, max: 90 },
      outletIds: ['out_1'],
      birthdayMonths: [3, 11],
      pointsBalance: { min: 100 },
      joinedBetween: { from: '2026-01-01', to: '2026-06-30' },
      signedInWithinDays: 7,
    }
    expect(filterOfDraft(draftOfSegment('x', filter))).toEqual({ filter })
  })

  it('never ordered replaces the days-since range', () => {
    const draft = { ...emptySegmentDraft(), lastOrder: 'never' as const, daysSinceMin: '30' }
    expect(filterOfDraft(draft)).toEqual({ filter: { neverOrdered: true } })
  })

  it.each([
    [{ pointsMin: '500', pointsMax: '100' }, 'pointsMax', '上限不能小于下限'],
    [{ lastOrder: 'range' as const, daysSinceMin: '-1' }, 'daysSinceMin', '请填写 0 ~ 3650 之间的整数'],
    [{ signedInWithinDays: '1.5' }, 'signedInWithinDays', '请填写 1 ~ 365 之间的整数'],
    [{ joinedFrom: '2026-05-01', joinedTo: '2026-04-01' }, 'joinedTo', '结束日期不能早于开始日期'],
    [{ joinedFrom: '2026/05/01' }, 'joinedFrom', '日期格式为 YYYY-MM-DD'],
  ])('refuses %o on %s', (patch, field, message) => {
    expect(filterOfDraft({ ...emptySegmentDraft(), ...patch })).toHaveProperty(['errors', field], message)
  })

  it('needs a name to save, and trims it', () => {
    expect(bodyOfDraft(emptySegmentDraft())).toEqual({ errors: { name: '请填写人群名称' } })
    expect(bodyOfDraft({ ...emptySegmentDraft(), name: ' 沉睡金卡 ', tiers: ['gold'] })).toEqual({
      body: { name: '沉睡金卡', filter: { tiers: ['gold'] } },
    })
  })

  it('maps the server’s field errors under filter. to the builder’s fields', () => {
    expect(
      segmentErrorsOf([
        { path: ['filter', 'pointsBalance', 'max'], message: '上限不能小于下限 / max must not be below min' },
        { path: ['filter', 'bogus'], message: 'Unrecognized key' },
      ]),
    ).toEqual({ pointsMax: '上限不能小于下限' })
  })

  it('toggles a chip on and off', () => {
    expect(toggled([1, 2], 3)).toEqual([1, 2, 3])
    expect(toggled([1, 2, 3], 2)).toEqual([1, 3])
  })
})
