import { awardForEvent, type BusinessDay, type SignInRewards, type StreakBonus } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database, LedgerName } from '../db/schema'
import { memberDayTotal } from '../ledger/member-day-total'
import { earn, type Credit } from '../earning/earn'
import type { PublishedProgram } from '../program/published-program'

/** What one signed day credits: its own reward, the streak bonus if any, and the tier change the growth caused. */
export interface SignInCredit {
  memberId: string
  /** The business day signed (today, or the day made up). */
  day: BusinessDay
  /** The sentence the member reads on the day's own reward: 每日签到, or 补签 11月20日. */
  reason: string
  bonus: StreakBonus | null
  program: PublishedProgram
  now: Date
}

/**
 * Credits a signed day on both ledgers, growth first (the order every posting takes, so two transactions never
 * wait on each other's accounts), and upgrades at once when the growth reaches a higher tier. Entries carry the
 * signed day as their business day: a made-up day's reward belongs to that day, so it counts against that day's
 * cap and never eats into today's.
 */
export async function creditSignIn(trx: Transaction<Database>, input: SignInCredit) {
  const { memberId, day, bonus, program } = input
  // What the sign-in source already credited for the day: the cap is per business day, like every source's.
  const signedFor = (ledger: LedgerName) =>
    memberDayTotal(trx, memberId, ledger, day, (eb) => eb.and([eb('ref_type', '=', 'sign_in'), eb('ref_id', '=', day)]))
  const growth = awardForEvent(program.rules.growth.sources.signIn, await signedFor('growth'))
  const points = awardForEvent(program.rules.points.sources.signIn, await signedFor('points'))
  const bonusReason = `连续签到第 ${bonus?.day} 天奖励`
  const postings: PartPosting[] = [
    { ledger: 'growth', amount: growth, reason: input.reason, part: 'day' },
    { ledger: 'growth', amount: bonus?.growth ?? 0, reason: bonusReason, part: 'bonus' },
    { ledger: 'points', amount: points, reason: input.reason, part: 'day' },
    { ledger: 'points', amount: bonus?.points ?? 0, reason: bonusReason, part: 'bonus' },
  ]
  // One earning for all four, so the member is upgraded once, on the growth balance they leave.
  const credits = postings.filter((p) => p.amount > 0).map((p) => creditOf(input, p))
  const { tierChange: change } = await earn(trx, { credits, program, now: input.now })
  const rewards: SignInRewards = { growth, points }
  return { rewards, tierChange: change?.kind === 'upgrade' ? { from: change.from, to: change.to } : null }
}

/** One entry of a signed day: the day's own reward or its streak bonus, on one ledger. */
interface PartPosting {
  ledger: LedgerName
  amount: number
  reason: string
  part: 'day' | 'bonus'
}

/** The credit of one part; it belongs to the signed day, while its lot lapses counting from now. */
function creditOf(input: SignInCredit, entry: PartPosting): Credit {
  const { memberId, day } = input
  const bonus = entry.part === 'bonus'
  return {
    memberId,
    ledger: entry.ledger,
    amount: entry.amount,
    kind: 'sign_in',
    reason: entry.reason,
    actor: 'member',
    actorId: memberId,
    ref: { type: bonus ? 'sign_in_bonus' : 'sign_in', id: day },
    idempotencyKey: `sign_in:${memberId}:${day}:${bonus ? 'bonus:' : ''}${entry.ledger}`,
    businessDay: day,
  }
}
