import { describe, expect, it } from 'vitest'
import { meFixture, tiers } from '../../test/fixtures'
import { ladderPosition, thresholdText, tierBenefitRows, tierStatusText } from './tier-rules-copy'

describe('ladderPosition', () => {
  it.each([
    [0, 0],
    [250, 25],
    [500, 50],
    [1250, 75],
    [2000, 100],
    [9000, 100],
    [-5, 0],
  ])('growth %i sits at %d%% of a 0 / 500 / 2000 ladder', (growth, percent) => {
    expect(ladderPosition(tiers, growth)).toBeCloseTo(percent)
  })

  it('puts a single tier at the end', () => {
    expect(ladderPosition([{ threshold: 0 }], 10)).toBe(100)
  })
})

describe('tier card copy', () => {
  it.each([
    [0, '当前等级'],
    [1, '还差 380 成长值'],
    [2, '还差 1,880 成长值'],
  ])('for growth 120, tier %i reads %s', (index, text) => {
    expect(tierStatusText(tiers[index], meFixture(120))).toBe(text)
  })

  it('marks lower tiers as reached', () => {
    expect(tierStatusText(tiers[0], meFixture(620))).toBe('已达成')
  })

  it('names the entry threshold 开通即享 and the others by growth', () => {
    expect(tiers.map(thresholdText)).toEqual(['开通即享', '成长值满 500', '成长值满 2,000'])
  })

  it('lists every benefit on every card: its own first (新增 where the tier adds it), then the locked ones', () => {
    const rows = (index: number) =>
      tierBenefitRows(tiers, index).map((r) => [r.benefit.key, r.included, r.isNew, r.unlockedBy])
    expect(rows(0)).toEqual([
      ['birthday_gift', true, false, null],
      ['coupon_pack_monthly', false, false, '白银会员'],
      ['member_price', false, false, '白银会员'],
      ['free_shipping', false, false, '黄金会员'],
      ['exclusive_service', false, false, '黄金会员'],
    ])
    expect(
      rows(1)
        .filter(([, , isNew]) => isNew)
        .map(([key]) => key),
    ).toEqual(['coupon_pack_monthly', 'member_price'])
    expect(rows(2).every(([, included]) => included)).toBe(true)
    expect(
      rows(2)
        .filter(([, , isNew]) => isNew)
        .map(([key]) => key),
    ).toEqual(['free_shipping', 'exclusive_service'])
  })
})
