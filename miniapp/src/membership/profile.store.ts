import { create } from 'zustand'
import type { ProfilePatch, ProfileReward, ProfileView } from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'
import { uploadAvatarFile, uploadAvatarPath } from './profile-avatar'

/** The member's profile as last fetched or saved, and what the page is waiting for. */
export interface ProfileState {
  profile: ProfileView | null
  pending: 'load' | 'save' | 'avatar' | null
  error: ApiFailure | null
  /** The reward the last save credited (the profile was completed by it), shown once; null otherwise. */
  justRewarded: ProfileReward | null
}

interface ProfileEvents {
  requested(pending: 'load' | 'save' | 'avatar'): void
  profileReceived(profile: ProfileView): void
  failed(failure: ApiFailure): void
  rewardSeen(): void
  sessionChanged(): void
}

/** Thunks resolve to the profile, or null on failure (then in `error`). */
interface ProfileThunks {
  loadProfile(): Promise<ProfileView | null>
  saveProfile(patch: ProfilePatch): Promise<ProfileView | null>
  /** H5 hands a File from its input; weapp the temporary path `chooseAvatar` gave. */
  avatarChosen(file: File | string): Promise<ProfileView | null>
}

export type ProfileStore = ProfileState & ProfileEvents & ProfileThunks

export const initialProfileState = (): ProfileState => ({
  profile: null,
  pending: null,
  error: null,
  justRewarded: null,
})

export const useProfileStore = create<ProfileStore>()((set, get) => {
  const steps = (pending: 'load' | 'save' | 'avatar') => ({
    started: () => get().requested(pending),
    done: get().profileReceived,
    failed: get().failed,
  })
  return {
    ...initialProfileState(),
    requested: (pending) => set({ pending, error: null }),
    profileReceived: (profile) =>
      set((s) => ({ profile, pending: null, error: null, justRewarded: profile.rewarded ?? s.justRewarded })),
    failed: (failure) => set({ pending: null, error: failure }),
    rewardSeen: () => set({ justRewarded: null }),
    sessionChanged: () => set(initialProfileState()),

    loadProfile: () => attempt(() => call((api) => api.me.profile.$get()), steps('load')),
    saveProfile: (patch) => attempt(() => call((api) => api.me.profile.$patch({ json: patch })), steps('save')),
    avatarChosen: (file) =>
      attempt(() => (typeof file === 'string' ? uploadAvatarPath(file) : uploadAvatarFile(file)), steps('avatar')),
  }
})

onSessionChanged(() => useProfileStore.getState().sessionChanged())

/** Derived views of the profile. */
export const profileSelectors = {
  complete: (s: ProfileState) => s.profile !== null && s.profile.missing.length === 0,
  /** The reward line of the task card: what completing pays, or that it was paid. */
  rewardWorth: (s: ProfileState) => {
    const reward = s.profile?.reward
    if (!reward) return null
    const parts = [reward.growth > 0 ? `${reward.growth} 成长值` : '', reward.points > 0 ? `${reward.points} 积分` : '']
    return parts.filter(Boolean).join(' + ') || null
  },
}
