import {
  JourneySettings,
  journeyPlaceholders,
  placeholdersIn,
  type EngagementSettings,
  type JourneyKey,
} from '@mc/shared'
import { fenFromYuanText } from '../../format'

/** One journey's settings as typed in the rule editor: every number a string, so a half-typed value stays. */
export interface RuleForm {
  enabled: boolean
  holdoutPercent: string
  title: string
  body: string
  /** near_next */
  withinSharePercent: string
  withinOneTypicalOrder: boolean
  cooldownDays: string
  /** win_back: null for every tier. */
  minTierKey: string | null
  dormantDays: string
  couponName: string
  couponThresholdYuan: string
  couponDiscountYuan: string
  couponValidDays: string
  /** retention_risk: "30, 7, 1". */
  daysBefore: string
  /** points_expiring */
  daysAhead: string
}

export type RuleField = keyof RuleForm
export type RuleErrors = Partial<Record<RuleField, string>>
type AnyRule = EngagementSettings['journeys'][JourneyKey]

const yuanText = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2))

/** The editor's form of a journey's saved settings; fields the journey does not have stay empty. */
export function formOfRule(rule: AnyRule): RuleForm {
  const any = rule as Partial<EngagementSettings['journeys']['win_back']> &
    Partial<EngagementSettings['journeys']['near_next']> &
    Partial<EngagementSettings['journeys']['retention_risk']> &
    Partial<EngagementSettings['journeys']['points_expiring']>
  const text = (n: number | undefined) => (n === undefined ? '' : String(n))
  return {
    enabled: rule.enabled,
    holdoutPercent: String(rule.holdoutPercent),
    title: rule.copy.title,
    body: rule.copy.body,
    withinSharePercent: text(any.withinSharePercent),
    withinOneTypicalOrder: any.withinOneTypicalOrder ?? false,
    cooldownDays: text(any.cooldownDays),
    minTierKey: any.minTierKey ?? null,
    dormantDays: text(any.dormantDays),
    couponName: any.coupon?.name ?? '',
    couponThresholdYuan: any.coupon ? yuanText(any.coupon.thresholdFen) : '',
    couponDiscountYuan: any.coupon ? yuanText(any.coupon.discountFen) : '',
    couponValidDays: text(any.coupon?.validDays),
    daysBefore: any.daysBefore ? any.daysBefore.join(', ') : '',
    daysAhead: text(any.daysAhead),
  }
}

const whole = (text: string) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN)
const fen = (text: string) => fenFromYuanText(text, 7) ?? Number.NaN

/** The settings object of `key` the form asks for, before checking; only that journey's fields are included. */
function candidateOf(key: JourneyKey, form: RuleForm): Record<string, unknown> {
  const base = {
    enabled: form.enabled,
    holdoutPercent: whole(form.holdoutPercent),
    copy: { title: form.title, body: form.body },
  }
  switch (key) {
    case 'near_next':
      return {
        ...base,
        withinSharePercent: whole(form.withinSharePercent),
        withinOneTypicalOrder: form.withinOneTypicalOrder,
        cooldownDays: whole(form.cooldownDays),
      }
    case 'win_back':
      return {
        ...base,
        minTierKey: form.minTierKey,
        dormantDays: whole(form.dormantDays),
        coupon: {
          name: form.couponName,
          thresholdFen: fen(form.couponThresholdYuan),
          discountFen: fen(form.couponDiscountYuan),
          validDays: whole(form.couponValidDays),
        },
      }
    case 'retention_risk':
      return {
        ...base,
        daysBefore: form.daysBefore
          .split(/[,，\s]+/)
          .filter(Boolean)
          .map(whole),
      }
    case 'points_expiring':
      return { ...base, daysAhead: whole(form.daysAhead) }
    default:
      return base
  }
}

/**
 * The journey's settings the form asks for, or what is wrong field by field (in Chinese): the schema's bounds,
 * and `{…}` names the journey does not know (the server refuses them too, but the merchant sees it while typing).
 */
export function ruleOfForm(key: JourneyKey, form: RuleForm): { rule: AnyRule } | { errors: RuleErrors } {
  const errors: RuleErrors = {}
  for (const field of ['title', 'body'] as const) {
    const unknown = unknownPlaceholders(key, form[field])
    if (unknown.length > 0) errors[field] = `不认识的占位符：${unknown.map((n) => `{${n}}`).join('、')}`
  }
  const parsed = JourneySettings.shape[key].safeParse(candidateOf(key, form))
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = ruleFieldOfPath(issue.path.map(String))
      if (field && !errors[field]) errors[field] = ruleMessage(field, issue.message)
    }
  if (!parsed.success || Object.keys(errors).length > 0) return { errors }
  return { rule: parsed.data as AnyRule }
}

/** `{…}` names in `text` that `key`'s copy may not use. */
export function unknownPlaceholders(key: JourneyKey, text: string): string[] {
  const known = journeyPlaceholders[key]
  return placeholdersIn(text).filter((name) => !known.includes(name))
}

const pathFields: Record<string, RuleField> = {
  holdoutPercent: 'holdoutPercent',
  'copy.title': 'title',
  'copy.body': 'body',
  withinSharePercent: 'withinSharePercent',
  cooldownDays: 'cooldownDays',
  minTierKey: 'minTierKey',
  dormantDays: 'dormantDays',
  'coupon.name': 'couponName',
  'coupon.thresholdFen': 'couponThresholdYuan',
  'coupon.discountFen': 'couponDiscountYuan',
  'coupon.validDays': 'couponValidDays',
  daysBefore: 'daysBefore',
  daysAhead: 'daysAhead',
}

/**
 * The form field of an issue's path within one journey (`['coupon', 'discountFen']`); a server path names the
 * journey first (`journeys.win_back.coupon.discountFen`), which is dropped.
 */
export function ruleFieldOfPath(path: string[]): RuleField | null {
  const inside = path[0] === 'journeys' ? path.slice(2) : path
  return pathFields[inside.slice(0, 2).join('.')] ?? pathFields[inside[0] ?? ''] ?? null
}

const ranges: Partial<Record<RuleField, string>> = {
  holdoutPercent: '请填写 0 ~ 50 之间的整数',
  withinSharePercent: '请填写 1 ~ 50 之间的整数',
  cooldownDays: '请填写 1 ~ 180 之间的整数',
  dormantDays: '请填写 7 ~ 730 之间的整数',
  couponThresholdYuan: '请输入金额，如 200（0 表示无门槛）',
  couponDiscountYuan: '请输入金额，如 50',
  couponValidDays: '请填写 1 ~ 365 之间的整数',
  daysBefore: '填 1 ~ 4 个 1 ~ 90 之间的天数，用逗号分隔',
  daysAhead: '请填写 1 ~ 60 之间的整数',
  title: '标题 1 ~ 20 个字',
  body: '正文 1 ~ 200 个字',
  couponName: '券名 1 ~ 16 个字',
}

function ruleMessage(field: RuleField, message: string): string {
  // The schema's own Chinese messages (discount below the threshold) read well; bounds get the range instead.
  if (/[\u4e00-\u9fa5]/.test(message)) return message.split(' / ')[0] ?? message
  return ranges[field] ?? '请检查此项'
}

/**
 * Inserts `{name}` at `cursor` (clamped to the text), so a chip tap puts the placeholder where the merchant was
 * typing; answers the new text and the cursor just after the inserted placeholder.
 */
export function insertPlaceholder(text: string, cursor: number | null, name: string) {
  const at = cursor === null || cursor < 0 || cursor > text.length ? text.length : cursor
  const token = `{${name}}`
  return { text: `${text.slice(0, at)}${token}${text.slice(at)}`, cursor: at + token.length }
}
