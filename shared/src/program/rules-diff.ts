import type { ProgramRules, TierRule } from './program-rules'

/** Chinese names of the earning sources, as the console shows them. */
export const sourceLabels: Record<string, string> = {
  order: '订单消费',
  signIn: '每日签到',
  share: '分享',
  review: '评价',
  profileCompleted: '完善资料',
  firstOrder: '首单',
  task: '任务',
}

const tierFieldLabels: Record<Exclude<keyof TierRule, 'key' | 'benefits'>, string> = {
  name: '名称',
  threshold: '升级门槛',
  retainThreshold: '保级门槛',
  validityDays: '有效期(天)',
  pointsMultiplierPercent: '积分倍率',
  color: '颜色',
}

const creditOnLabels: Record<string, string> = { paid: '支付后计入', completed: '订单完成后计入' }

/** Labels of the leaves outside tiers and the benefit library; a path not listed falls back to its dotted form. */
const leafLabels: Record<string, string> = {
  'calendar.timeZone': '时区',
  'calendar.dayStartMinute': '营业日开始(分钟)',
  'growth.windowDays': '成长值统计窗口(天)',
  'growth.creditOn': '成长值计入时机',
  'points.creditOn': '积分计入时机',
  'points.birthdayMonthMultiplierPercent': '生日月积分倍率',
  'points.expiry': '积分有效期',
  'points.extension': '积分延期',
  'signIn.cycleDays': '签到周期(天)',
  'signIn.streakBonuses': '连签奖励',
  'signIn.makeUp': '补签',
  joinGift: '入会礼',
}

const sourceFieldLabels: Record<string, string> = { base: '基础值', weightPercent: '权重', dailyCap: '每日上限' }

/** A readable value: numbers with thousands separators, percents, and the nullable settings in words. */
export function describeValue(path: string, value: unknown): string {
  if (value === null || value === undefined) {
    if (path.endsWith('dailyCap')) return '不限'
    return '关闭'
  }
  if (path.endsWith('creditOn')) return creditOnLabels[String(value)] ?? String(value)
  if (path.endsWith('Percent') && typeof value === 'number') return `${value}%`
  if (typeof value === 'number') return value.toLocaleString('en-US')
  if (path === 'points.expiry') return expiryText(value as ProgramRules['points']['expiry'])
  if (path === 'points.extension') {
    const ext = value as NonNullable<ProgramRules['points']['extension']>
    return `${ext.costPoints} 积分延期 ${ext.extendDays} 天`
  }
  if (path === 'signIn.makeUp') {
    const makeUp = value as NonNullable<ProgramRules['signIn']['makeUp']>
    return `每次 ${makeUp.costPoints} 积分，每月 ${makeUp.perMonth} 次`
  }
  if (path === 'joinGift') {
    const gift = value as NonNullable<ProgramRules['joinGift']>
    return `${gift.points} 积分 + ${gift.growth} 成长值`
  }
  if (path === 'signIn.streakBonuses') {
    const bonuses = value as ProgramRules['signIn']['streakBonuses']
    if (bonuses.length === 0) return '无'
    return bonuses.map((b) => `第 ${b.day} 天 +${b.growth} 成长值 +${b.points} 积分`).join('；')
  }
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export function expiryText(expiry: ProgramRules['points']['expiry']): string {
  if (expiry.kind === 'never') return '永不过期'
  if (expiry.kind === 'end_of_following_year') return '次年年底过期'
  return `获得后 ${expiry.days} 天过期`
}

/**
 * What changed from `before` to `after`, one readable Chinese line per change: tiers matched by key, the
 * benefit library by key, and every other setting by its place in the rules. Equal rules give no lines.
 */
export function describeRulesChanges(before: ProgramRules, after: ProgramRules): string[] {
  return [
    ...tierChanges(before, after),
    ...sourceChanges('成长值', before.growth.sources, after.growth.sources),
    ...sourceChanges('积分', before.points.sources, after.points.sources),
    ...leafChanges(before, after),
    ...benefitChanges(before, after),
  ]
}

function tierChanges(before: ProgramRules, after: ProgramRules): string[] {
  const lines: string[] = []
  const benefitName = (key: string) => after.benefits[key]?.name ?? before.benefits[key]?.name ?? key
  for (const tier of after.tiers) {
    const old = before.tiers.find((t) => t.key === tier.key)
    if (!old) {
      lines.push(`新增等级「${tier.name}」：升级门槛 ${describeValue('threshold', tier.threshold)}`)
      continue
    }
    for (const [field, label] of Object.entries(tierFieldLabels) as [keyof typeof tierFieldLabels, string][]) {
      if (old[field] !== tier[field]) {
        lines.push(
          `「${old.name}」${label}：${describeValue(field, old[field])} → ${describeValue(field, tier[field])}`,
        )
      }
    }
    const added = tier.benefits.filter((key) => !old.benefits.includes(key)).map(benefitName)
    const removed = old.benefits.filter((key) => !tier.benefits.includes(key)).map(benefitName)
    if (added.length > 0) lines.push(`「${tier.name}」新增权益：${added.join('、')}`)
    if (removed.length > 0) lines.push(`「${tier.name}」取消权益：${removed.join('、')}`)
  }
  for (const tier of before.tiers) {
    if (!after.tiers.some((t) => t.key === tier.key)) lines.push(`删除等级「${tier.name}」`)
  }
  const order = (rules: ProgramRules) => rules.tiers.map((t) => t.key).join(',')
  const kept = (rules: ProgramRules, other: ProgramRules) =>
    rules.tiers.filter((t) => other.tiers.some((o) => o.key === t.key))
  const keptOrder = (rules: ProgramRules, other: ProgramRules) => order({ ...rules, tiers: kept(rules, other) })
  if (order(before) !== order(after) && keptOrder(before, after) !== keptOrder(after, before)) {
    lines.push(
      `等级顺序：${before.tiers.map((t) => t.name).join(' < ')} → ${after.tiers.map((t) => t.name).join(' < ')}`,
    )
  }
  return lines
}

function sourceChanges(
  ledger: string,
  before: Record<string, Record<string, unknown>>,
  after: Record<string, Record<string, unknown>>,
): string[] {
  const lines: string[] = []
  for (const [kind, source] of Object.entries(after)) {
    for (const [field, label] of Object.entries(sourceFieldLabels)) {
      const old = before[kind]?.[field] ?? null
      const now = source[field] ?? null
      if (old !== now) {
        const what = `${ledger}来源「${sourceLabels[kind] ?? kind}」${label}`
        lines.push(`${what}：${describeValue(field, old)} → ${describeValue(field, now)}`)
      }
    }
  }
  return lines
}

function leafChanges(before: ProgramRules, after: ProgramRules): string[] {
  const lines: string[] = []
  for (const [path, label] of Object.entries(leafLabels)) {
    const old = valueAt(before, path) ?? null
    const now = valueAt(after, path) ?? null
    if (JSON.stringify(old) !== JSON.stringify(now)) {
      lines.push(`${label}：${describeValue(path, old)} → ${describeValue(path, now)}`)
    }
  }
  return lines
}

function benefitChanges(before: ProgramRules, after: ProgramRules): string[] {
  const lines: string[] = []
  for (const [key, benefit] of Object.entries(after.benefits)) {
    const old = before.benefits[key]
    if (!old) lines.push(`权益库新增「${benefit.name}」`)
    else if (JSON.stringify(old) !== JSON.stringify(benefit)) lines.push(`权益「${benefit.name}」的设置有变化`)
  }
  for (const [key, benefit] of Object.entries(before.benefits)) {
    if (!(key in after.benefits)) lines.push(`权益库删除「${benefit.name}」`)
  }
  return lines
}

function valueAt(rules: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | null)?.[key], rules)
}
