import type { EngagementSettings } from '@mc/shared'

/** The sending limits as typed: the weekly cap per member and the quiet hours (HH:MM, business time zone). */
export interface LimitsForm {
  frequencyCapPerWeek: string
  quietStart: string
  quietEnd: string
}
export type LimitsErrors = Partial<Record<keyof LimitsForm, string>>

export const formOfLimits = (settings: EngagementSettings): LimitsForm => ({
  frequencyCapPerWeek: String(settings.frequencyCapPerWeek),
  quietStart: settings.quietHours.start,
  quietEnd: settings.quietHours.end,
})

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/

/**
 * The settings with the limits put in, or the problems in Chinese. Start may be after end: the quiet hours then
 * run across midnight (21:00 → 09:00), which is the usual case; equal times would mean never quiet or always.
 */
export function limitsOfForm(
  form: LimitsForm,
  settings: EngagementSettings,
): { settings: EngagementSettings } | { errors: LimitsErrors } {
  const errors: LimitsErrors = {}
  const cap = /^\s*\d+\s*$/.test(form.frequencyCapPerWeek) ? Number(form.frequencyCapPerWeek) : Number.NaN
  if (!(cap >= 1 && cap <= 21)) errors.frequencyCapPerWeek = '请填写 1 ~ 21 之间的整数'
  const start = form.quietStart.trim()
  const end = form.quietEnd.trim()
  if (!hhmm.test(start)) errors.quietStart = '时间格式为 HH:MM，如 21:00'
  if (!hhmm.test(end)) errors.quietEnd = '时间格式为 HH:MM，如 09:00'
  else if (start === end) errors.quietEnd = '开始与结束不能相同'
  if (Object.keys(errors).length > 0) return { errors }
  return { settings: { ...settings, frequencyCapPerWeek: cap, quietHours: { start, end } } }
}
