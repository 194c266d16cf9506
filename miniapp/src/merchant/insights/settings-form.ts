import { InsightSettings, defaultTargetShapes } from '@mc/shared'
import { fenFromYuanText } from '../../format'

/** The settings form as typed: every field a string, the target shape one per tier (lowest first). */
export interface SettingsForm {
  pointValueYuan: string
  /** Empty: the default shape for the tier count. */
  targetShape: string[]
  rfmWindowDays: string
  newDays: string
  activeDays: string
  dormantDays: string
  categoryWindowDays: string
  categoryMinShare: string
  clvExpectedYears: string
}

export type SettingsErrors = Partial<Record<keyof SettingsForm, string>>

/** The form of saved settings; the target shape shows the default for `tierCount` tiers when none is set. */
export function formOfSettings(settings: InsightSettings, tierCount: number): SettingsForm {
  const shape = settings.targetShapePercents ?? defaultTargetShapes[tierCount] ?? []
  const fen = settings.pointValueFenPer100
  return {
    pointValueYuan: fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2),
    targetShape: shape.map(String),
    rfmWindowDays: String(settings.rfmWindowDays),
    newDays: String(settings.lifecycle.newDays),
    activeDays: String(settings.lifecycle.activeDays),
    dormantDays: String(settings.lifecycle.dormantDays),
    categoryWindowDays: String(settings.categoryTags.windowDays),
    categoryMinShare: String(settings.categoryTags.minSharePercent),
    clvExpectedYears: String(settings.clvExpectedYears),
  }
}

const wholeOrNaN = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)

/**
 * The settings a form asks for, or what is wrong with it field by field (in Chinese). The target shape must add
 * up to 100; a shape equal to the default for the tier count is saved as null so it follows future defaults.
 */
export function settingsOfForm(
  form: SettingsForm,
  tierCount: number,
): { settings: InsightSettings } | { errors: SettingsErrors } {
  const errors: SettingsErrors = {}
  const pointValue = fenFromYuanText(form.pointValueYuan, 4)
  if (pointValue === null) errors.pointValueYuan = '请输入金额，如 1 或 0.5'
  const shape = form.targetShape.map(wholeOrNaN)
  const sum = shape.reduce((a, b) => a + b, 0)
  if (shape.some(Number.isNaN)) errors.targetShape = '每个等级的占比请填整数'
  else if (sum !== 100) errors.targetShape = `各等级占比之和应为 100%，现在是 ${sum}%`
  const isDefault = shape.join(',') === (defaultTargetShapes[tierCount] ?? []).join(',')
  const candidate = {
    pointValueFenPer100: pointValue ?? Number.NaN,
    targetShapePercents: isDefault || shape.length === 0 ? null : shape,
    rfmWindowDays: wholeOrNaN(form.rfmWindowDays),
    lifecycle: {
      newDays: wholeOrNaN(form.newDays),
      activeDays: wholeOrNaN(form.activeDays),
      dormantDays: wholeOrNaN(form.dormantDays),
    },
    categoryTags: {
      windowDays: wholeOrNaN(form.categoryWindowDays),
      minSharePercent: wholeOrNaN(form.categoryMinShare),
    },
    clvExpectedYears: wholeOrNaN(form.clvExpectedYears),
  }
  const parsed = InsightSettings.safeParse(candidate)
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path.map(String))
      if (field && !errors[field]) errors[field] = messageOf(field, issue.message)
    }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors }
  return { settings: parsed.data }
}

const pathFields: Record<string, keyof SettingsForm> = {
  pointValueFenPer100: 'pointValueYuan',
  targetShapePercents: 'targetShape',
  rfmWindowDays: 'rfmWindowDays',
  'lifecycle.newDays': 'newDays',
  'lifecycle.activeDays': 'activeDays',
  'lifecycle.dormantDays': 'dormantDays',
  lifecycle: 'dormantDays',
  'categoryTags.windowDays': 'categoryWindowDays',
  'categoryTags.minSharePercent': 'categoryMinShare',
  clvExpectedYears: 'clvExpectedYears',
}

function fieldOfPath(path: string[]): keyof SettingsForm | null {
  return pathFields[path.slice(0, 2).join('.')] ?? pathFields[path[0] ?? ''] ?? null
}

/** The allowed range of each number field, for a message the merchant can act on. */
const ranges: Partial<Record<keyof SettingsForm, string>> = {
  pointValueYuan: '0 ~ 1000 元',
  rfmWindowDays: '30 ~ 1095 天',
  newDays: '1 ~ 365 天',
  activeDays: '1 ~ 730 天',
  dormantDays: '2 ~ 1095 天',
  categoryWindowDays: '30 ~ 730 天',
  categoryMinShare: '1 ~ 100',
  clvExpectedYears: '1 ~ 20 年',
}

function messageOf(field: keyof SettingsForm, message: string): string {
  // The schema's own Chinese messages (the lifecycle order) read well; number bounds get the range instead.
  if (/[\u4e00-\u9fa5]/.test(message)) return message
  return ranges[field] ? `请填写 ${ranges[field]} 之间的整数` : '请检查此项'
}
