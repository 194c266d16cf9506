import type { Gender, ProfilePatch, ProfileView } from '@mc/shared'

/** The profile page's form as the member edits it; the region is a province picked and a city typed. */
export interface ProfileDraft {
  nickname: string
  gender: Gender | null
  birthday: string | null
  province: string | null
  city: string
}

export function draftOf(profile: ProfileView): ProfileDraft {
  return {
    nickname: profile.nickname,
    gender: profile.gender,
    birthday: profile.birthday,
    province: profile.region?.[0] ?? null,
    city: profile.region?.slice(1).join(' ') ?? '',
  }
}

/**
 * What to send for a save: the fields the member changed, and the nickname also while it is still the placeholder
 * made at login (saving it is how the member accepts it as theirs). The birthday is sent only while it is not
 * locked. A province without a city is a problem to show, not a save; null when there is nothing to send.
 */
export function patchOf(profile: ProfileView, draft: ProfileDraft): { patch: ProfilePatch | null; problem?: string } {
  const nickname = draft.nickname.trim()
  if (nickname === '') return { patch: null, problem: '请填写昵称' }
  const city = draft.city.trim()
  if (draft.province !== null && city === '') return { patch: null, problem: '请填写城市' }
  const patch: ProfilePatch = {}
  if (nickname !== profile.nickname || profile.missing.includes('nickname')) patch.nickname = nickname
  if (draft.gender !== null && draft.gender !== profile.gender) patch.gender = draft.gender
  if (!profile.birthdayLocked && draft.birthday !== null) patch.birthday = draft.birthday
  const region = draft.province !== null ? [draft.province, city] : null
  if (region !== null && region.join('/') !== (profile.region ?? []).slice(0, 2).join('/')) patch.region = region
  return { patch: Object.keys(patch).length > 0 ? patch : null }
}
