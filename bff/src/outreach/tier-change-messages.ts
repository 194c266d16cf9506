import {
  benefitNamesGained,
  businessDayOf,
  smallestActionText,
  tierByKey,
  type BusinessCalendar,
  type EngagementSettings,
  type JourneyKey,
  type ProgramRules,
} from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { PublishedProgram } from '../program/published-program'
import { readEngagementSettings } from './engagement-settings'
import { sendJourneyMessages, type JourneyOutcome } from './send-journey-messages'

/**
 * One member's journey message, for the tier changes here: `sendJourneyMessages` (the one recipe, which the daily
 * journeys use in batches) with a single recipient.
 */
export async function sendJourneyMessage(
  trx: Transaction<Database>,
  input: {
    key: JourneyKey
    memberId: string
    period: string
    values: Record<string, string>
    settings: EngagementSettings
    now: Date
    businessDay: string
    /** The business calendar for quiet hours, when the caller has the program at hand. */
    calendar?: BusinessCalendar
  },
): Promise<JourneyOutcome> {
  const { memberId, period, values, ...journey } = input
  const [outcome] = await sendJourneyMessages(trx, { ...journey, recipients: [{ memberId, period, values }] })
  return outcome
}

/** The upgrade copy's values: the tier reached, the benefits it adds over the one left, and its validity. */
export function upgradeValues(
  rules: ProgramRules,
  nickname: string,
  change: { from: string; to: string; validUntil: string | null },
): Record<string, string> {
  const to = tierByKey(rules, change.to)
  const added = benefitNamesGained(rules, change.from, change.to)
  return {
    会员昵称: nickname,
    新等级: to.name,
    新增权益: added.length > 0 ? added.join('、') : `${to.name}全部权益`,
    有效期至: change.validUntil ?? '长期有效',
  }
}

/** The downgraded copy's values: both tiers, the benefits lost, and the smallest action back to the old tier. */
export function downgradeValues(
  rules: ProgramRules,
  nickname: string,
  change: { from: string; to: string; growth: number },
): Record<string, string> {
  const from = tierByKey(rules, change.from)
  const lost = benefitNamesGained(rules, change.to, change.from)
  return {
    会员昵称: nickname,
    原等级: from.name,
    新等级: tierByKey(rules, change.to).name,
    失去权益: lost.length > 0 ? `暂停享有${lost.join('、')}` : '权益不受影响',
    回升条件: smallestActionText(rules, Math.max(1, from.threshold - change.growth)),
  }
}

/** Nicknames of these members, for {会员昵称}. */
async function nicknames(trx: Transaction<Database>, memberIds: string[]): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map()
  const rows = await trx.selectFrom('members').select(['id', 'nickname']).where('id', 'in', memberIds).execute()
  return new Map(rows.map((row) => [row.id, row.nickname]))
}

/**
 * The upgrade journey: a congratulation naming the benefits the new tier unlocks, once per upgrade (the period is
 * the tier reached and the business day, so a replay of the same upgrade decides nothing new). Called where the
 * upgrade is recorded, in its transaction.
 */
export async function sendUpgradeMessage(
  trx: Transaction<Database>,
  input: {
    memberId: string
    from: string
    to: string
    validUntil: string | null
    program: PublishedProgram
    now: Date
  },
): Promise<JourneyOutcome> {
  const { rules } = input.program
  const businessDay = businessDayOf(input.now, rules.calendar)
  const names = await nicknames(trx, [input.memberId])
  return sendJourneyMessage(trx, {
    key: 'upgrade',
    memberId: input.memberId,
    period: `${input.to}@${businessDay}`,
    values: upgradeValues(rules, names.get(input.memberId) ?? '会员', input),
    settings: await readEngagementSettings(trx),
    now: input.now,
    businessDay,
    calendar: rules.calendar,
  })
}

/** One downgrade to tell: the member, the tier left, the tier now, and the counted growth it was judged on. */
export interface Downgrade {
  memberId: string
  from: string
  to: string
  growth: number
}

/**
 * The downgraded journey: what changed (the benefits lost) and how to come back (the smallest action that earns
 * the growth the old tier's threshold still needs). Called by the writers of downgrades (the tier sweep, a publish
 * that lowers members at once) in their transaction; once per downgrade (period: tier reached and business day).
 */
export async function sendDowngradeMessages(
  trx: Transaction<Database>,
  downgrades: Downgrade[],
  program: PublishedProgram,
  now: Date,
): Promise<void> {
  if (downgrades.length === 0) return
  const { rules } = program
  const businessDay = businessDayOf(now, rules.calendar)
  const settings = await readEngagementSettings(trx)
  if (!settings.journeys.downgraded.enabled) return
  const names = await nicknames(
    trx,
    downgrades.map((d) => d.memberId),
  )
  for (const d of downgrades) {
    await sendJourneyMessage(trx, {
      key: 'downgraded',
      memberId: d.memberId,
      period: `${d.to}@${businessDay}`,
      values: downgradeValues(rules, names.get(d.memberId) ?? '会员', d),
      settings,
      now,
      businessDay,
      calendar: rules.calendar,
    })
  }
}
