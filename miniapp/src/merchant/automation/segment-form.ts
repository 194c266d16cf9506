import { SegmentFilter, type SegmentBody } from '@mc/shared'

/** The segment builder as edited: lists as chosen, every number and date as typed. */
export interface SegmentDraft {
  name: string
  tiers: string[]
  rfmGroups: string[]
  lifecycles: string[]
  tagsAny: string[]
  outletIds: string[]
  birthdayMonths: number[]
  /** any: no condition; range: days since the last order between min and max; never: never ordered. */
  lastOrder: 'any' | 'range' | 'never'
  daysSinceMin: string
  daysSinceMax: string
  pointsMin: string
  pointsMax: string
  joinedFrom: string
  joinedTo: string
  signedInWithinDays: string
}

export type SegmentField = keyof SegmentDraft
export type SegmentErrors = Partial<Record<SegmentField, string>>

export const emptySegmentDraft = (): SegmentDraft => ({
  name: '',
  tiers: [],
  rfmGroups: [],
  lifecycles: [],
  tagsAny: [],
  outletIds: [],
  birthdayMonths: [],
  lastOrder: 'any',
  daysSinceMin: '',
  daysSinceMax: '',
  pointsMin: '',
  pointsMax: '',
  joinedFrom: '',
  joinedTo: '',
  signedInWithinDays: '',
})

const text = (n: number | undefined) => (n === undefined ? '' : String(n))

/** The builder's draft of a saved segment. */
export function draftOfSegment(name: string, filter: SegmentFilter): SegmentDraft {
  return {
    name,
    tiers: filter.tiers ?? [],
    rfmGroups: filter.rfmGroups ?? [],
    lifecycles: filter.lifecycles ?? [],
    tagsAny: filter.tagsAny ?? [],
    outletIds: filter.outletIds ?? [],
    birthdayMonths: filter.birthdayMonths ?? [],
    lastOrder: filter.neverOrdered ? 'never' : filter.daysSinceLastOrder ? 'range' : 'any',
    daysSinceMin: text(filter.daysSinceLastOrder?.min),
    daysSinceMax: text(filter.daysSinceLastOrder?.max),
    pointsMin: text(filter.pointsBalance?.min),
    pointsMax: text(filter.pointsBalance?.max),
    joinedFrom: filter.joinedBetween?.from ?? '',
    joinedTo: filter.joinedBetween?.to ?? '',
    signedInWithinDays: text(filter.signedInWithinDays),
  }
}

/** An optional whole number: '' → undefined, anything not a whole number → NaN (so the schema refuses it). */
const optionalWhole = (value: string) => {
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
}
const list = <T>(values: T[]) => (values.length > 0 ? values : undefined)
function range(min: string, max: string) {
  const r = { min: optionalWhole(min), max: optionalWhole(max) }
  return r.min === undefined && r.max === undefined ? undefined : r
}

/** The filter object of a draft before checking: empty conditions are left out, so they match everybody. */
function candidateOf(draft: SegmentDraft): Record<string, unknown> {
  const candidate: Record<string, unknown> = {
    tiers: list(draft.tiers),
    rfmGroups: list(draft.rfmGroups),
    lifecycles: list(draft.lifecycles),
    tagsAny: list(draft.tagsAny),
    outletIds: list(draft.outletIds),
    birthdayMonths: list([...draft.birthdayMonths].sort((a, b) => a - b)),
    daysSinceLastOrder: draft.lastOrder === 'range' ? range(draft.daysSinceMin, draft.daysSinceMax) : undefined,
    neverOrdered: draft.lastOrder === 'never' ? true : undefined,
    pointsBalance: range(draft.pointsMin, draft.pointsMax),
    joinedBetween:
      draft.joinedFrom || draft.joinedTo
        ? { from: draft.joinedFrom || undefined, to: draft.joinedTo || undefined }
        : undefined,
    signedInWithinDays: optionalWhole(draft.signedInWithinDays),
  }
  return Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined))
}

/** The filter a draft asks for, or what is wrong with it field by field (in Chinese). */
export function filterOfDraft(draft: SegmentDraft): { filter: SegmentFilter } | { errors: SegmentErrors } {
  const parsed = SegmentFilter.safeParse(candidateOf(draft))
  if (parsed.success) return { filter: parsed.data }
  return { errors: segmentErrorsOf(parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }))) }
}

/** The body of 保存: the name checked as well as the filter. */
export function bodyOfDraft(draft: SegmentDraft): { body: SegmentBody } | { errors: SegmentErrors } {
  const filter = filterOfDraft(draft)
  const name = draft.name.trim()
  const nameError = name.length === 0 ? '请填写人群名称' : name.length > 40 ? '名称最多 40 个字' : null
  if ('errors' in filter) return { errors: nameError ? { ...filter.errors, name: nameError } : filter.errors }
  if (nameError) return { errors: { name: nameError } }
  return { body: { name, filter: filter.filter } }
}

const pathFields: Record<string, SegmentField> = {
  name: 'name',
  tiers: 'tiers',
  rfmGroups: 'rfmGroups',
  lifecycles: 'lifecycles',
  tagsAny: 'tagsAny',
  outletIds: 'outletIds',
  birthdayMonths: 'birthdayMonths',
  'daysSinceLastOrder.min': 'daysSinceMin',
  'daysSinceLastOrder.max': 'daysSinceMax',
  neverOrdered: 'lastOrder',
  'pointsBalance.min': 'pointsMin',
  'pointsBalance.max': 'pointsMax',
  'joinedBetween.from': 'joinedFrom',
  'joinedBetween.to': 'joinedTo',
  signedInWithinDays: 'signedInWithinDays',
}

const messages: Partial<Record<SegmentField, string>> = {
  daysSinceMin: '请填写 0 ~ 3650 之间的整数',
  daysSinceMax: '请填写 0 ~ 3650 之间的整数',
  pointsMin: '请填写整数积分',
  pointsMax: '请填写整数积分',
  signedInWithinDays: '请填写 1 ~ 365 之间的整数',
  tagsAny: '标签最多 20 个，每个 1 ~ 32 个字',
  tiers: '等级最多选 20 个',
}

/**
 * Field messages of issues from the schema or from the server (`filter.pointsBalance.max`; the body's `filter.`
 * is dropped): the schema's Chinese messages (max below min, a date order) as written, bounds as the range.
 */
export function segmentErrorsOf(issues: { path: string[]; message: string }[]): SegmentErrors {
  const errors: SegmentErrors = {}
  for (const issue of issues) {
    const path = issue.path[0] === 'filter' ? issue.path.slice(1) : issue.path
    const field = pathFields[path.slice(0, 2).join('.')] ?? pathFields[path[0] ?? '']
    if (!field || errors[field]) continue
    errors[field] = /[\u4e00-\u9fa5]/.test(issue.message)
      ? (issue.message.split(' / ')[0] ?? issue.message)
      : (messages[field] ?? '请检查此项')
  }
  return errors
}

/** Adds `value` to a list when absent, removes it when present: a chip's tap. */
export function toggled<T>(values: T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value]
}
