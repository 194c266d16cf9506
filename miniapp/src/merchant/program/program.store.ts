import { create } from 'zustand'
import {
  mergePatchBetween,
  type CreateDraftBody,
  type DemotionChoice,
  type DraftSimulation,
  type DraftView,
  type ProgramTemplatesResponse,
  type ProgramVersionDetail,
  type ProgramVersionSummary,
  type PublishOutcome,
} from '@mc/shared'
import { ApiError, failureOf, type ApiFailure } from '../../api/client'
import { fieldErrors } from '../components/field'
import { consoleCall } from '../console-call'
import { chineseMessage, issueErrors, localFieldErrors, setAt, type RulePath } from './draft-edit'

export type ProgramRequest = 'load' | 'draft' | 'save' | 'simulate' | 'publish' | 'rollback'

/** The console's program section: templates, versions, and the draft being edited with its simulation. */
export interface ProgramState {
  templates: ProgramTemplatesResponse['templates']
  versions: ProgramVersionSummary[]
  /** Versions with their rules, fetched when a page needs them (summary, diff). */
  versionRules: Record<number, ProgramVersionDetail>
  draft: DraftView | null
  /** The rules as the merchant is editing them; `draft.rules` is what the BFF has saved. */
  rules: Record<string, unknown> | null
  /** Field problems by dotted path, in Chinese: the shared schema's while typing, the BFF's after a save. */
  errors: Record<string, string>
  simulation: DraftSimulation | null
  published: PublishOutcome | null
  pending: ProgramRequest | null
  failure: ApiFailure | null
}

const initial: ProgramState = {
  templates: [],
  versions: [],
  versionRules: {},
  draft: null,
  rules: null,
  errors: {},
  simulation: null,
  published: null,
  pending: null,
  failure: null,
}

export const useProgramStore = create<ProgramState>(() => initial)

const set = useProgramStore.setState
const get = useProgramStore.getState

/** Runs one request with `pending` set; a failure is kept for the page to show and resolves to null. */
async function request<T>(kind: ProgramRequest, send: () => Promise<T>): Promise<T | null> {
  set({ pending: kind, failure: null })
  try {
    return await send()
  } catch (error) {
    const failure = failureOf(error)
    const issues = error instanceof ApiError ? error.details?.issues : undefined
    const serverErrors =
      error instanceof ApiError && error.code === 'INVALID_REQUEST'
        ? mapValues(fieldErrors(error), chineseMessage)
        : Array.isArray(issues)
          ? issueErrors(issues as { path: string; message: string }[])
          : {}
    set((s) => ({ failure, errors: { ...s.errors, ...serverErrors } }))
    if (error instanceof ApiError && error.code === 'DEMOTION_CHOICE_REQUIRED') throw error
    return null
  } finally {
    set({ pending: null })
  }
}

const mapValues = (record: Record<string, string>, map: (v: string) => string) =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]))

function draftOpened(draft: DraftView): void {
  set({ draft, rules: draft.rules, errors: issueErrors(draft.validation.issues), simulation: null, published: null })
}

export const programActions = {
  reset: () => set(initial),

  async loadOverview(): Promise<void> {
    await request('load', async () => {
      const [templates, versions] = await Promise.all([
        consoleCall((api) => api.admin.program.templates.$get()),
        consoleCall((api) => api.admin.program.versions.$get()),
      ])
      set({ templates: templates.templates, versions: versions.versions })
      const latest = versions.versions[0]
      if (latest) await programActions.loadVersion(latest.version)
    })
  },

  async loadVersion(version: number): Promise<ProgramVersionDetail | null> {
    const known = get().versionRules[version]
    if (known) return known
    const detail = await consoleCall((api) =>
      api.admin.program.versions[':version'].$get({ param: { version: String(version) } }),
    )
    set((s) => ({ versionRules: { ...s.versionRules, [version]: detail } }))
    return detail
  },

  async startDraft(body: CreateDraftBody): Promise<string | null> {
    const draft = await request('draft', () => consoleCall((api) => api.admin.program.drafts.$post({ json: body })))
    if (draft) draftOpened(draft)
    return draft?.id ?? null
  },

  async openDraft(draftId: string): Promise<void> {
    if (get().draft?.id === draftId) return
    const draft = await request('draft', () =>
      consoleCall((api) => api.admin.program.drafts[':draftId'].$get({ param: { draftId } })),
    )
    if (draft) draftOpened(draft)
  },

  /** The merchant changed one field: the rules are checked again at once, so the message follows the typing. */
  ruleEdited(path: RulePath, value: unknown): void {
    const rules = setAt(get().rules ?? {}, path, value)
    set({ rules, errors: localFieldErrors(rules), simulation: null })
  },

  /** Saves what changed since the last save as a merge patch; true when the BFF has the edited rules. */
  async saveDraft(): Promise<boolean> {
    const { draft, rules } = get()
    if (!draft || !rules) return false
    const patch = mergePatchBetween(draft.rules, rules)
    if (Object.keys(patch).length === 0) return true
    const saved = await request('save', () =>
      consoleCall((api) => api.admin.program.drafts[':draftId'].$patch({ param: { draftId: draft.id }, json: patch })),
    )
    if (!saved) return false
    set({ draft: saved, errors: issueErrors(saved.validation.issues) })
    return true
  },

  async simulate(): Promise<void> {
    const draftId = get().draft?.id
    if (!draftId || !(await programActions.saveDraft())) return
    const simulation = await request('simulate', () =>
      consoleCall((api) => api.admin.program.drafts[':draftId'].simulate.$post({ param: { draftId } })),
    )
    if (simulation) set({ simulation })
  },

  async publish(demotions: DemotionChoice, note?: string): Promise<PublishOutcome | null> {
    const draftId = get().draft?.id
    if (!draftId || !(await programActions.saveDraft())) return null
    const outcome = await request('publish', () =>
      consoleCall((api) =>
        api.admin.program.drafts[':draftId'].publish.$post({ param: { draftId }, json: { demotions, note } }),
      ),
    )
    if (outcome) set((s) => ({ published: outcome, draft: s.draft && { ...s.draft, status: 'published' } }))
    return outcome
  },

  async loadVersions(): Promise<void> {
    await request('load', async () => {
      const { versions } = await consoleCall((api) => api.admin.program.versions.$get())
      set({ versions })
    })
  },

  /**
   * Publishes an older version again. Without `demotions` the BFF refuses when someone would be lowered; that
   * refusal is thrown (DEMOTION_CHOICE_REQUIRED, with `membersLowered`) so the page can ask and call again.
   */
  async rollback(version: number, demotions?: DemotionChoice): Promise<PublishOutcome | null> {
    const outcome = await request('rollback', () =>
      consoleCall((api) =>
        api.admin.program.versions[':version'].rollback.$post({
          param: { version: String(version) },
          json: demotions ? { demotions } : {},
        }),
      ),
    )
    if (outcome) await programActions.loadVersions()
    return outcome
  },
}
