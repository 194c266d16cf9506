import { create } from 'zustand'
import type {
  MessageCategory,
  NotificationSettings,
  NotificationSettingsView,
  SubscribeMoment,
  SubscribePrompt,
  SubscribeResult,
  SubscribeResultBody,
} from '@mc/shared'
import { attempt } from '../api/attempt'
import { call, type ApiFailure } from '../api/client'
import { onSessionChanged } from '../api/session'

/** The member's notification settings and the subscription prompts last fetched, per moment. */
export interface OutreachState {
  /** Last fetched (or last saved) settings; null until the first answer. */
  settings: NotificationSettingsView | null
  settingsPending: 'load' | 'save' | null
  settingsError: ApiFailure | null
  /**
   * The templates to ask for at each moment, fetched ahead: WeChat shows its prompt only when it is asked
   * in the tap itself, with no request in between.
   */
  prompts: Partial<Record<SubscribeMoment, SubscribePrompt>>
}

interface OutreachEvents {
  settingsRequested(pending: 'load' | 'save'): void
  settingsLoaded(settings: NotificationSettingsView): void
  settingsFailed(failure: ApiFailure): void
  /** Shown at once on a tap; `settingsFailed` after a refused save puts the previous settings back. */
  settingsEdited(settings: NotificationSettings): void
  promptLoaded(moment: SubscribeMoment, prompt: SubscribePrompt): void
  /** The answer was recorded: what was asked is stale (kept choices are never asked again). */
  promptAnswered(moment: SubscribeMoment): void
  sessionChanged(): void
}

interface OutreachThunks {
  loadSettings(): Promise<boolean>
  /** Saves at once; on failure the previous settings are shown again and the failure is in `settingsError`. */
  saveSettings(next: NotificationSettings): Promise<boolean>
  /** null when nothing was sent: the settings are not there yet, or a save is still on its way. */
  muteToggled(category: MessageCategory, muted: boolean): Promise<boolean | null>
  smsConsentToggled(consent: boolean): Promise<boolean | null>
  loadPrompt(moment: SubscribeMoment): Promise<SubscribePrompt | null>
  recordAnswers(body: SubscribeResultBody): Promise<SubscribeResult | null>
}

export type OutreachStore = OutreachState & OutreachEvents & OutreachThunks

export const initialOutreachState = (): OutreachState => ({
  settings: null,
  settingsPending: null,
  settingsError: null,
  prompts: {},
})

export const useOutreachStore = create<OutreachStore>()((set, get) => ({
  ...initialOutreachState(),
  settingsRequested: (pending) => set({ settingsPending: pending, settingsError: null }),
  settingsLoaded: (settings) => set({ settings, settingsPending: null, settingsError: null }),
  settingsFailed: (failure) => set({ settingsPending: null, settingsError: failure }),
  settingsEdited: (edited) => set((s) => (s.settings ? { settings: { ...s.settings, ...edited } } : {})),
  promptLoaded: (moment, prompt) => set((s) => ({ prompts: { ...s.prompts, [moment]: prompt } })),
  promptAnswered: (moment) =>
    set((s) => {
      const { [moment]: _answered, ...others } = s.prompts
      return { prompts: others }
    }),
  sessionChanged: () => set(initialOutreachState()),

  loadSettings: async () => {
    const answer = await attempt(() => call((api) => api.me['notification-settings'].$get()), {
      started: () => get().settingsRequested('load'),
      done: get().settingsLoaded,
      failed: get().settingsFailed,
    })
    return answer !== null
  },
  saveSettings: async (next) => {
    const before = get().settings
    const answer = await attempt(() => call((api) => api.me['notification-settings'].$put({ json: next })), {
      started: () => {
        get().settingsRequested('save')
        get().settingsEdited(next)
      },
      done: get().settingsLoaded,
      failed: (failure) => {
        set({ settings: before })
        get().settingsFailed(failure)
      },
    })
    return answer !== null
  },
  muteToggled: (category, muted) => {
    const settings = get().settings
    if (!settings || get().settingsPending !== null) return Promise.resolve(null)
    const others = settings.mutedCategories.filter((c) => c !== category)
    return get().saveSettings({
      mutedCategories: muted ? [...others, category] : others,
      smsConsent: settings.smsConsent,
    })
  },
  smsConsentToggled: (consent) => {
    const settings = get().settings
    if (!settings || get().settingsPending !== null) return Promise.resolve(null)
    return get().saveSettings({ mutedCategories: settings.mutedCategories, smsConsent: consent })
  },

  loadPrompt: async (moment) => {
    try {
      const prompt = await call((api) => api.me.subscriptions.prompt.$get({ query: { moment } }))
      get().promptLoaded(moment, prompt)
      return prompt
    } catch {
      // Asking is a courtesy at a tap the member made for something else: without a prompt, nothing is shown.
      return null
    }
  },
  recordAnswers: async (body) => {
    try {
      const result = await call((api) => api.me.subscriptions.$post({ json: body }))
      get().promptAnswered(body.moment)
      return result
    } catch {
      // WeChat has granted it, but an unrecorded acceptance only means one message fewer can be sent that way:
      // the member is not bothered with an error about a prompt they did not ask for.
      return null
    }
  },
}))

onSessionChanged(() => useOutreachStore.getState().sessionChanged())

export const outreachSelectors = {
  isMuted: (s: OutreachState, category: MessageCategory) => s.settings?.mutedCategories.includes(category) ?? false,
  /** Why SMS consent cannot be turned on, or null when it can. */
  smsBlockedReason: (s: OutreachState) =>
    s.settings && !s.settings.hasPhone ? '未绑定手机号，绑定后才能接收短信通知' : null,
  /** The settings never arrived: the page shows the failure with a retry. */
  firstLoadFailed: (s: OutreachState) => s.settings === null && s.settingsPending === null && s.settingsError !== null,
}
