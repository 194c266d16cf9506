import { describe, expect, it } from 'vitest'
import { apparelTemplate } from '../program/templates/apparel'
import { fmcgTemplate } from '../program/templates/fmcg'
import { upgradeCongratulation } from './inbox'

describe('upgradeCongratulation', () => {
  it.each([
    [fmcgTemplate, 'regular', 'silver', '恭喜升级为白银会员', '新解锁：每月领券、会员价'],
    [fmcgTemplate, 'silver', 'gold', '恭喜升级为黄金会员', '新解锁：包邮券、专属客服'],
    [fmcgTemplate, 'regular', 'gold', '恭喜升级为黄金会员', '新解锁：每月领券、会员价、包邮券、专属客服'],
    [fmcgTemplate, null, 'silver', '恭喜升级为白银会员', '新解锁：生日礼券、每月领券、会员价'],
    [apparelTemplate, 'regular', 'silver', '恭喜升级为银卡会员', '新解锁：换季礼包、包邮包退'],
  ])('%#: %s → %s', (rules, from, to, title, firstLine) => {
    const message = upgradeCongratulation(rules, from, to, '2027-11-23')
    expect(message).toEqual({ title, body: `${firstLine}\n等级有效期至 2027-11-23` })
  })

  it('says the tier is in force when it adds no benefit', () => {
    const rules = { ...fmcgTemplate, tiers: fmcgTemplate.tiers.map((t) => ({ ...t, benefits: ['birthday_gift'] })) }
    expect(upgradeCongratulation(rules, 'regular', 'silver', null)).toEqual({
      title: '恭喜升级为白银会员',
      body: '白银会员权益已生效',
    })
  })
})
