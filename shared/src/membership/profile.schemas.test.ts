import { describe, expect, it } from 'vitest'
import { AdminBirthdayBody, missingProfileFields, ProfilePatch, type ProfileFields } from './profile.schemas'

const complete: ProfileFields = {
  nickname: '林小夏',
  gender: 'female',
  birthday: '1990-05-17',
  region: ['广东省', '深圳市'],
}

describe('missingProfileFields', () => {
  it('is empty for a complete profile, with or without a district', () => {
    expect(missingProfileFields(complete)).toEqual([])
    expect(missingProfileFields({ ...complete, region: ['广东省', '深圳市', '南山区'] })).toEqual([])
    expect(missingProfileFields({ ...complete, gender: 'undisclosed' })).toEqual([])
  })

  it('lists every field of an empty profile in a fixed order', () => {
    expect(missingProfileFields({ nickname: null, gender: null, birthday: null, region: null })).toEqual([
      'nickname',
      'gender',
      'birthday',
      'region',
    ])
  })

  it.each([
    ['a blank nickname', { nickname: '   ' }, ['nickname']],
    ['an impossible birthday', { birthday: '1990-02-30' }, ['birthday']],
    ['a birthday that is not a day', { birthday: '1990-5-7' }, ['birthday']],
    ['a region without a city', { region: ['广东省'] }, ['region']],
    ['a region whose province is made up', { region: ['火星省', '一号城'] }, ['region']],
    ['a region with an empty city', { region: ['广东省', ' '] }, ['region']],
    ['an unknown gender', { gender: 'other' as never }, ['gender']],
  ])('counts %s as missing', (_, change, missing) => {
    expect(missingProfileFields({ ...complete, ...change })).toEqual(missing)
  })
})

describe('ProfilePatch', () => {
  it('accepts any subset of the fields and an avatar removal', () => {
    expect(ProfilePatch.parse({ gender: 'male' })).toEqual({ gender: 'male' })
    expect(ProfilePatch.parse({ avatar: null })).toEqual({ avatar: null })
    expect(ProfilePatch.parse({ nickname: ' 小林 ' })).toEqual({ nickname: '小林' })
  })

  it.each([
    ['nothing', {}],
    ['an unknown field', { phone: '13800000000' }],
    ['a nickname of 33 characters', { nickname: 'x'.repeat(33) }],
    ['an avatar that is not an upload', { avatar: 'https://example.com/a.png' }],
    ['an avatar on another host', { avatar: `https://evil.example/uploads/upl_${'a'.repeat(32)}` }],
    ['a birthday before 1900', { birthday: '1899-12-31' }],
    ['a birthday of 31 February', { birthday: '2000-02-31' }],
    ['a region with a slash', { region: ['广东省', '深圳/南山'] }],
    ['a region of four parts', { region: ['广东省', '深圳市', '南山区', '粤海街道'] }],
  ])('refuses %s', (_, body) => {
    expect(ProfilePatch.safeParse(body).success).toBe(false)
  })

  it('takes an uploaded avatar path', () => {
    const avatar = `/uploads/upl_${'0a'.repeat(16)}`
    expect(ProfilePatch.parse({ avatar })).toEqual({ avatar })
  })
})

describe('AdminBirthdayBody', () => {
  it('needs a reason of at least two characters', () => {
    expect(AdminBirthdayBody.safeParse({ birthday: '1990-05-17', reason: '' }).success).toBe(false)
    expect(AdminBirthdayBody.safeParse({ birthday: '1990-05-17', reason: '会员来电，身份证核对' }).success).toBe(true)
  })
})
