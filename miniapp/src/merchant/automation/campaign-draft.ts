import { CampaignBody, type MessageCategory } from '@mc/shared'
import { fenFromYuanText } from '../../format'

/** The wizard's steps in order; 确认 sends. */
export const wizardSteps = ['segment', 'offer', 'variants', 'holdout', 'budget', 'schedule', 'confirm'] as const
export type WizardStep = (typeof wizardSteps)[number]
export const wizardStepLabels: Record<WizardStep, string> = {
  segment: '人群',
  offer: '优惠',
  variants: '变体',
  holdout: '对照组',
  budget: '预算',
  schedule: '时间',
  confirm: '确认',
}

/** One variant as typed: the message, and the coupon when the campaign gives one. */
export interface VariantDraft {
  title: string
  body: string
  couponName: string
  thresholdYuan: string
  discountYuan: string
  validDays: string
}

/** The campaign the wizard is building, every number as typed. */
export interface CampaignDraft {
  name: string
  segmentId: string | null
  category: MessageCategory
  offer: 'none' | 'coupon'
  /** Two variants (A/B) instead of one. */
  abTest: boolean
  variants: [VariantDraft, VariantDraft]
  holdoutPercent: string
  budgetCoupons: string
  stopAtBudget: boolean
  when: 'now' | 'scheduled'
  /** The planned send in Asia/Shanghai wall-clock time: YYYY-MM-DD and HH:MM. */
  scheduledDay: string
  scheduledTime: string
}

export type DraftErrors = Record<string, string>

const variant = (title: string, body: string, couponName: string, discountYuan: string): VariantDraft => ({
  title,
  body,
  couponName,
  thresholdYuan: '100',
  discountYuan,
  validDays: '14',
})

export const emptyCampaignDraft = (): CampaignDraft => ({
  name: '',
  segmentId: null,
  category: 'offers',
  offer: 'coupon',
  abTest: false,
  variants: [
    variant('送你一张专属券', '会员专享：满100减20，14 天内有效，快来使用吧。', '满100减20', '20'),
    variant('专属优惠已到账', '会员专享：满100减30，14 天内有效，快来使用吧。', '满100减30', '30'),
  ],
  holdoutPercent: '10',
  budgetCoupons: '',
  stopAtBudget: false,
  when: 'now',
  scheduledDay: '',
  scheduledTime: '10:00',
})

const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)
const fen = (text: string) => fenFromYuanText(text, 7) ?? Number.NaN

/** `YYYY-MM-DD` + `HH:MM` in Asia/Shanghai as an ISO instant with its offset; null when either is malformed. */
export function shanghaiInstant(day: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null
  return `${day}T${time}:00+08:00`
}

/** The body 确认 posts, before checking: only the variants in use, coupons only when the offer is a coupon. */
function candidateOf(draft: CampaignDraft): Record<string, unknown> {
  const used = draft.abTest ? draft.variants : [draft.variants[0]]
  return {
    name: draft.name.trim(),
    segmentId: draft.segmentId ?? '',
    category: draft.category,
    variants: used.map((v) => ({
      copy: { title: v.title, body: v.body },
      coupon:
        draft.offer === 'coupon'
          ? {
              name: v.couponName,
              thresholdFen: fen(v.thresholdYuan),
              discountFen: fen(v.discountYuan),
              validDays: whole(v.validDays),
            }
          : null,
    })),
    holdoutPercent: whole(draft.holdoutPercent),
    budgetCoupons: draft.offer === 'coupon' ? whole(draft.budgetCoupons) : null,
    stopAtBudget: draft.offer === 'coupon' ? draft.stopAtBudget : false,
    scheduledAt: draft.when === 'now' ? null : (shanghaiInstant(draft.scheduledDay, draft.scheduledTime) ?? 'bad'),
  }
}

/** The campaign body of a finished draft, or every problem keyed by the draft's own field names (see below). */
export function bodyOfDraft(draft: CampaignDraft): { body: CampaignBody } | { errors: DraftErrors } {
  const parsed = CampaignBody.safeParse(candidateOf(draft))
  if (parsed.success) return { body: parsed.data }
  return { errors: draftErrorsOf(parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }))) }
}

/**
 * Error keys of a body path: `variants.1.coupon.discountFen` → `variants.1.discountYuan`, `scheduledAt` →
 * `schedule`, the rest as they are. The wizard shows each beside its input, and opens the step that has it.
 */
export function draftKeyOfPath(path: string[]): string {
  const [head, index, group, leaf] = path
  if (head === 'variants' && index !== undefined) {
    const field: Record<string, string> = {
      title: 'title',
      body: 'body',
      name: 'couponName',
      thresholdFen: 'thresholdYuan',
      discountFen: 'discountYuan',
      validDays: 'validDays',
    }
    return `variants.${index}.${field[leaf ?? group ?? ''] ?? 'title'}`
  }
  if (head === 'scheduledAt') return 'schedule'
  return head ?? ''
}

const messages: Record<string, string> = {
  name: '活动名称 1 ~ 40 个字',
  segmentId: '请选择人群',
  holdoutPercent: '请填写 0 ~ 50 之间的整数',
  budgetCoupons: '请填写最多发放的券数（正整数）',
  schedule: '请选择发送日期和时间',
  title: '标题 1 ~ 20 个字',
  body: '正文 1 ~ 200 个字',
  couponName: '券名 1 ~ 16 个字',
  thresholdYuan: '请输入金额，如 100（0 表示无门槛）',
  discountYuan: '请输入金额，如 20',
  validDays: '请填写 1 ~ 365 之间的整数',
}

/** Field messages of schema or server issues, in Chinese, keyed as `draftKeyOfPath` says. */
export function draftErrorsOf(issues: { path: string[]; message: string }[]): DraftErrors {
  const errors: DraftErrors = {}
  for (const issue of issues) {
    const key = draftKeyOfPath(issue.path)
    if (errors[key]) continue
    const leaf = key.split('.').pop() ?? key
    errors[key] = /[\u4e00-\u9fa5]/.test(issue.message)
      ? (issue.message.split(' / ')[0] ?? issue.message)
      : (messages[leaf] ?? '请检查此项')
  }
  return errors
}

/** The step where an error key's input is. */
export function stepOfKey(key: string): WizardStep {
  if (key === 'segmentId' || key === 'name' || key === 'category') return 'segment'
  // Variant A's coupon is set with the offer; B (its copy and coupon) and both copies on the variants step.
  if (key.startsWith('variants.0.')) return key.endsWith('title') || key.endsWith('body') ? 'variants' : 'offer'
  if (key.startsWith('variants.')) return 'variants'
  if (key === 'holdoutPercent') return 'holdout'
  if (key === 'budgetCoupons' || key === 'stopAtBudget') return 'budget'
  if (key === 'schedule') return 'schedule'
  return 'confirm'
}

/** The errors that belong to `step`: 下一步 stays on the step until they are fixed. */
export function errorsOfStep(draft: CampaignDraft, step: WizardStep): DraftErrors {
  const answer = bodyOfDraft(draft)
  if ('body' in answer) return {}
  return Object.fromEntries(Object.entries(answer.errors).filter(([key]) => stepOfKey(key) === step))
}

/** The step of a server refusal's code (CAMPAIGN_OVER_BUDGET → 预算), for the error to be shown where it is fixed. */
export function stepOfRefusal(code: string): WizardStep | null {
  if (code === 'CAMPAIGN_OVER_BUDGET') return 'budget'
  if (code === 'CAMPAIGN_SCHEDULE_PAST') return 'schedule'
  if (code === 'CAMPAIGN_SEGMENT_MISSING' || code === 'SEGMENT_NOT_FOUND') return 'segment'
  return null
}

/**
 * What a refusal says beside its step: the over-budget one names the expected coupons against the budget and the
 * two ways out; a past schedule names the server's time. Other codes keep the server's message.
 */
export function refusalText(code: string, message: string, details: Record<string, unknown> | undefined): string {
  if (code === 'CAMPAIGN_OVER_BUDGET' && typeof details?.expected === 'number' && typeof details.budget === 'number')
    return `预计发券 ${details.expected} 张，超出预算 ${details.budget} 张。请提高预算，或选择“发到预算为止”。`
  if (code === 'CAMPAIGN_SCHEDULE_PAST') return `${message}，请选择之后的时间。`
  return message
}
