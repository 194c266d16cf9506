import { create } from 'zustand'
import type { EngagementSettings, JourneyKey } from '@mc/shared'
import { consoleFailureOf, type ConsoleFailure } from '../operator.store'
import { loadEngagementSettings, saveEngagementSettings } from './automation-api'

/**
 * The engagement settings as last fetched or saved. The rules list, a rule's editor and the channels page all edit
 * this one document (PUT replaces it whole), so each save starts from the latest answer, not a page's old copy.
 */
export interface AutomationState {
  settings: EngagementSettings | null
  /** What is being saved: a rule's key, 'limits', 'channels' or null. */
  saving: string | null
  failure: ConsoleFailure | null
}

interface AutomationEvents {
  settingsLoaded(settings: EngagementSettings): void
  saveStarted(what: string): void
  saveFailed(failure: ConsoleFailure): void
}

interface AutomationThunks {
  load(): Promise<EngagementSettings | null>
  /**
   * Saves `edit` applied to the latest settings; answers the saved settings or, on a refusal, null with the
   * failure in state (its `details.issues` name the fields).
   */
  save(what: string, edit: (settings: EngagementSettings) => EngagementSettings): Promise<EngagementSettings | null>
  ruleSwitched(key: JourneyKey, enabled: boolean): Promise<EngagementSettings | null>
}

export type AutomationStore = AutomationState & AutomationEvents & AutomationThunks

export const initialAutomationState = (): AutomationState => ({ settings: null, saving: null, failure: null })

export const useAutomationStore = create<AutomationStore>()((set, get) => ({
  ...initialAutomationState(),
  settingsLoaded: (settings) => set({ settings, saving: null, failure: null }),
  saveStarted: (what) => set({ saving: what, failure: null }),
  saveFailed: (failure) => set({ saving: null, failure }),
  load: async () => {
    try {
      const settings = await loadEngagementSettings()
      get().settingsLoaded(settings)
      return settings
    } catch (error) {
      set({ failure: consoleFailureOf(error) })
      return null
    }
  },
  save: async (what, edit) => {
    const current = get().settings ?? (await get().load())
    if (!current) return null
    get().saveStarted(what)
    try {
      const saved = await saveEngagementSettings(edit(current))
      get().settingsLoaded(saved)
      return saved
    } catch (error) {
      get().saveFailed(consoleFailureOf(error))
      return null
    }
  },
  ruleSwitched: (key, enabled) =>
    get().save(key, (settings) => ({
      ...settings,
      journeys: { ...settings.journeys, [key]: { ...settings.journeys[key], enabled } },
    })),
}))

export const automationSelectors = {
  rule: (key: JourneyKey) => (s: AutomationState) => s.settings?.journeys[key] ?? null,
  isSaving: (what: string) => (s: AutomationState) => s.saving === what,
}
