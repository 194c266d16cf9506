import { create } from 'zustand'
import type { CampaignView } from '@mc/shared'
import { ApiError, failureOf } from '../../api/client'
import { createCampaign } from './automation-api'
import {
  bodyOfDraft,
  draftErrorsOf,
  emptyCampaignDraft,
  errorsOfStep,
  refusalText,
  stepOfKey,
  stepOfRefusal,
  wizardSteps,
  type CampaignDraft,
  type DraftErrors,
  type VariantDraft,
  type WizardStep,
} from './campaign-draft'

/** The campaign wizard: the draft, the step on screen, what is wrong where, and the campaign once created. */
export interface CampaignWizardState {
  draft: CampaignDraft
  step: WizardStep
  errors: DraftErrors
  /** A refusal of the server's (over budget, a past schedule) shown on the step that fixes it. */
  refusal: { step: WizardStep | null; text: string } | null
  submitting: boolean
  created: CampaignView | null
}

interface CampaignWizardEvents {
  draftEdited(patch: Partial<CampaignDraft>): void
  variantEdited(index: 0 | 1, patch: Partial<VariantDraft>): void
  /** 下一步: stays with the step's errors shown, or moves on. */
  nextPressed(): void
  backPressed(): void
  /** A tap on a step in the strip: back freely, forward only through steps without errors. */
  stepChosen(step: WizardStep): void
  wizardReset(): void
}

interface CampaignWizardThunks {
  /** 确认: posts the campaign; a 400 opens the step that has the problem. */
  submit(): Promise<CampaignView | null>
}

export type CampaignWizardStore = CampaignWizardState & CampaignWizardEvents & CampaignWizardThunks

export const initialWizardState = (): CampaignWizardState => ({
  draft: emptyCampaignDraft(),
  step: 'segment',
  errors: {},
  refusal: null,
  submitting: false,
  created: null,
})

const indexOf = (step: WizardStep) => wizardSteps.indexOf(step)

export const useCampaignWizardStore = create<CampaignWizardStore>()((set, get) => ({
  ...initialWizardState(),
  draftEdited: (patch) => set((s) => ({ draft: { ...s.draft, ...patch }, errors: {}, refusal: null })),
  variantEdited: (index, patch) =>
    set((s) => {
      const variants: CampaignDraft['variants'] = [...s.draft.variants]
      variants[index] = { ...variants[index], ...patch }
      return { draft: { ...s.draft, variants }, errors: {}, refusal: null }
    }),
  nextPressed: () => {
    const { draft, step } = get()
    const errors = errorsOfStep(draft, step)
    if (Object.keys(errors).length > 0) set({ errors })
    else set({ step: wizardSteps[Math.min(indexOf(step) + 1, wizardSteps.length - 1)], errors: {} })
  },
  backPressed: () => set((s) => ({ step: wizardSteps[Math.max(indexOf(s.step) - 1, 0)], errors: {} })),
  stepChosen: (target) => {
    const { draft, step } = get()
    if (indexOf(target) <= indexOf(step)) {
      set({ step: target, errors: {} })
      return
    }
    for (const passed of wizardSteps.slice(indexOf(step), indexOf(target))) {
      const errors = errorsOfStep(draft, passed)
      if (Object.keys(errors).length > 0) {
        set({ step: passed, errors })
        return
      }
    }
    set({ step: target, errors: {} })
  },
  wizardReset: () => set(initialWizardState()),
  submit: async () => {
    const answer = bodyOfDraft(get().draft)
    if ('errors' in answer) {
      const first = Object.keys(answer.errors)[0]
      set({ errors: answer.errors, step: first ? stepOfKey(first) : get().step })
      return null
    }
    set({ submitting: true, errors: {}, refusal: null })
    try {
      const created = await createCampaign(answer.body)
      set({ submitting: false, created })
      return created
    } catch (error) {
      set({ submitting: false, ...refusalOf(error, get().step) })
      return null
    }
  },
}))

/** Where a failed 确认 goes: field errors to the step of the first one, a refusal to the step that fixes it. */
function refusalOf(error: unknown, step: WizardStep): Partial<CampaignWizardState> {
  const failure = failureOf(error)
  const details = error instanceof ApiError ? error.details : undefined
  if (failure.code === 'INVALID_REQUEST' && Array.isArray(details?.issues)) {
    const errors = draftErrorsOf(
      (details.issues as { path?: unknown; message?: unknown }[]).map((issue) => ({
        path: String(issue.path ?? '').split('.'),
        message: String(issue.message ?? ''),
      })),
    )
    const first = Object.keys(errors)[0]
    return { errors, step: first ? stepOfKey(first) : step, refusal: { step: null, text: failure.message } }
  }
  const target = stepOfRefusal(failure.code)
  return {
    step: target ?? step,
    refusal: { step: target, text: refusalText(failure.code, failure.message, details) },
  }
}
