import { describe, expect, it } from 'vitest'
import type { ProfileView } from '@mc/shared'
import { draftOf, patchOf } from './profile-form'

const fresh: ProfileView = {
  nickname: '会员0001',
  avatar: null,
  gender: null,
  birthday: null,
  birthdayLocked: false,
  region: null,
  missing: ['nickname', 'gender', 'birthday', 'region'],
  completedAt: null,
  reward: { growth: 50, points: 100 },
  rewarded: null,
}
const filled: ProfileView = {
  ...fresh,
  nickname: '林小夏',
  gender: 'female',
  birthday: '1990-05-17',
  birthdayLocked: true,
  region: ['广东省', '深圳市'],
  missing: [],
}

describe('patchOf', () => {
  it('sends the placeholder nickname too, so saving it makes it the member’s own', () => {
    expect(patchOf(fresh, { ...draftOf(fresh), gender: 'male' })).toEqual({
      patch: { nickname: '会员0001', gender: 'male' },
    })
  })

  it('sends every field of a first full save', () => {
    const draft = {
      nickname: ' 小林 ',
      gender: 'female' as const,
      birthday: '1990-05-17',
      province: '广东省',
      city: '深圳市',
    }
    expect(patchOf(fresh, draft).patch).toEqual({
      nickname: '小林',
      gender: 'female',
      birthday: '1990-05-17',
      region: ['广东省', '深圳市'],
    })
  })

  it('never sends a locked birthday and sends nothing when nothing changed', () => {
    expect(patchOf(filled, draftOf(filled))).toEqual({ patch: null })
    expect(patchOf(filled, { ...draftOf(filled), birthday: '1990-06-17' })).toEqual({ patch: null })
  })

  it('sends only what changed', () => {
    expect(patchOf(filled, { ...draftOf(filled), city: '广州市' }).patch).toEqual({ region: ['广东省', '广州市'] })
  })

  it.each([
    ['an empty nickname', { nickname: '  ' }, '请填写昵称'],
    ['a province without a city', { province: '广东省', city: ' ' }, '请填写城市'],
  ])('names the problem of %s', (_, change, problem) => {
    expect(patchOf(fresh, { ...draftOf(fresh), ...change })).toEqual({ patch: null, problem })
  })
})
