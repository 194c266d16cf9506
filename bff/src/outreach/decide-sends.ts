import { armFor, newId, type Arm, type EngagementSettings } from '@mc/shared'
import type { Transaction } from 'kysely'
import { bulkInsert } from '../db/bulk-insert'
import { readInChunks } from '../db/in-chunks'
import { isPostgres } from '../db/engine'
import type { Database } from '../db/schema'

const weekMs = 7 * 24 * 60 * 60 * 1000

/** One journey or campaign considering one member for one period (e.g. a business day, a month, a tier change). */
export interface SendDecisionInput {
  sourceType: 'journey' | 'campaign'
  /** The journey key or the campaign id. */
  sourceId: string
  memberId: string
  /** What makes a repeat a repeat: the rule fires once per (source, member, period). */
  period: string
  holdoutPercent: number
  variants: 1 | 2
  settings: EngagementSettings
  now: Date
  businessDay: string
  /** Campaign only: its coupon budget is spent, so the member is recorded as over budget and gets nothing. */
  overBudget?: boolean
}

/** The decision recorded: `sent` means the caller goes on to `enqueueMessage`; any other outcome sends nothing. */
export interface SendDecision {
  sendId: string
  arm: Arm
  outcome: 'sent' | 'holdout' | 'capped' | 'over_budget'
}

export const sendDedupeKey = (input: Pick<SendDecisionInput, 'sourceType' | 'sourceId' | 'memberId' | 'period'>) =>
  `${input.sourceType}:${input.sourceId}:${input.memberId}:${input.period}`

/**
 * `decideSend` for many (source, member, period) at once, in a few statements however many there are: the weekly
 * cap read for a thousand of the batch's members per statement (`sentThisWeek`), then one bulk
 * `insert … on conflict (dedupe_key) do nothing returning id`. The decisions are those the same calls
 * one by one would make, in input order: null for a key already recorded (or repeated earlier in the batch), and a
 * member's message decided `sent` earlier in the batch counts towards their cap for a later one.
 */
export async function decideSends(
  trx: Transaction<Database>,
  inputs: readonly SendDecisionInput[],
): Promise<(SendDecision | null)[]> {
  if (inputs.length === 0) return []
  const arms = inputs.map((i) => armFor(i.memberId, i.sourceId, i.holdoutPercent, i.variants))
  const capped = inputs.filter((input, n) => arms[n] !== 'holdout' && !input.overBudget)
  const { sent, closed: closedCounted } = await weekStanding(trx, capped)
  // A key seen before (already recorded, or earlier in this batch) decides nothing. Reading the recorded keys
  // first matters only when a member comes twice: the repeat must not count towards their cap for the other.
  const memberTwice = new Set(inputs.map((i) => i.memberId)).size < inputs.length
  const taken = new Set(memberTwice ? await recordedKeys(trx, inputs.map(sendDedupeKey)) : [])
  // Whether a counted member closed their account came with their count; only the others are asked here.
  const counted = new Set(capped.map((i) => i.memberId))
  const others = inputs.filter((i) => !counted.has(i.memberId))
  const closed = new Set([...closedCounted, ...(await closedMembers(trx, others))])
  const decisions = inputs.map((input, n): (SendDecision & { key: string }) | null => {
    const key = sendDedupeKey(input)
    if (taken.has(key) || closed.has(input.memberId)) return null
    taken.add(key)
    const arm = arms[n]
    let outcome: SendDecision['outcome'] = 'sent'
    if (arm === 'holdout') outcome = 'holdout'
    else if (input.overBudget) outcome = 'over_budget'
    else if ((sent.get(input.memberId) ?? 0) >= input.settings.frequencyCapPerWeek) outcome = 'capped'
    if (outcome === 'sent') sent.set(input.memberId, (sent.get(input.memberId) ?? 0) + 1)
    return { sendId: newId('snd', input.now.getTime()), arm, outcome, key }
  })
  const rows = decisions.flatMap((d, n) => {
    const input = inputs[n]
    return d
      ? [
          {
            id: d.sendId,
            source_type: input.sourceType,
            source_id: input.sourceId,
            member_id: input.memberId,
            period: input.period,
            dedupe_key: d.key,
            arm: d.arm,
            outcome: d.outcome,
            business_day: input.businessDay,
            decided_at: input.now.toISOString(),
          },
        ]
      : []
  })
  const inserted = new Set(
    await bulkInsert(trx, 'engagement_sends', rows, { onConflictDoNothing: 'dedupe_key', returning: 'id' }),
  )
  return decisions.map((d) =>
    d && inserted.has(d.sendId) ? { sendId: d.sendId, arm: d.arm, outcome: d.outcome } : null,
  )
}

/**
 * Messages sent to each member in the 7×24 hours before the decision, any rule or campaign, holdouts not counting.
 * On PostgreSQL two transactions deciding for one member at once (a journey and a campaign, or two journeys'
 * runners) would both count below the cap and both send; locking the members' rows first, in id order so two
 * batches cannot deadlock, makes them take turns, and the count that follows the lock sees the other's committed
 * sends. SQLite's write transactions are serial already. FOR NO KEY UPDATE, not FOR UPDATE: it still excludes
 * another decision's lock, but not the key-share locks that order webhooks waiting behind an upgrade hold on the
 * member through their foreign keys, which FOR UPDATE would deadlock with.
 */
export async function sentThisWeek(
  trx: Transaction<Database>,
  inputs: readonly Pick<SendDecisionInput, 'memberId' | 'now'>[],
): Promise<Map<string, number>> {
  return (await weekStanding(trx, inputs)).sent
}

/** `sentThisWeek`, and which of the members counted closed their account, read by the same statements. */
async function weekStanding(
  trx: Transaction<Database>,
  inputs: readonly Pick<SendDecisionInput, 'memberId' | 'now'>[],
): Promise<{ sent: Map<string, number>; closed: Set<string> }> {
  const sent = new Map<string, number>()
  const closed = new Set<string>()
  const memberIds = [...new Set(inputs.map((i) => i.memberId))].sort()
  const standing = { sent, closed }
  if (memberIds.length === 0) return standing
  if (isPostgres(trx))
    await readInChunks(memberIds, (ids) =>
      trx.selectFrom('members').select('id').where('id', 'in', ids).orderBy('id').forNoKeyUpdate().execute(),
    )
  // A batch is decided at one instant; should its inputs differ, each distinct instant is counted on its own.
  const instants = [...new Set(inputs.map((i) => i.now.getTime()))]
  for (const at of instants) {
    const ids = [...new Set(inputs.filter((i) => i.now.getTime() === at).map((i) => i.memberId))]
    const since = new Date(at - weekMs).toISOString()
    // A count per member as a correlated subquery, not one grouped scan: the only plan for it is the member index.
    // Mid-campaign, with engagement_sends grown by a million rows since PostgreSQL last analysed it, the grouped
    // form was planned as a walk of every 'sent' row or a parallel sequential scan (90–380 ms a thousand members).
    const counts = await readInChunks(ids, (slice) =>
      trx
        .selectFrom('members as m')
        .select((eb) => [
          'm.id as member_id',
          'm.closed_at',
          eb
            .selectFrom('engagement_sends as s')
            .select(eb.fn.countAll<number | string>().as('n'))
            .whereRef('s.member_id', '=', 'm.id')
            .where('s.outcome', '=', 'sent')
            .where('s.decided_at', '>', since)
            .as('sent'),
        ])
        .where('m.id', 'in', slice)
        .execute(),
    )
    for (const c of counts) {
      if (Number(c.sent) > 0) sent.set(c.member_id, Math.max(sent.get(c.member_id) ?? 0, Number(c.sent)))
      if (c.closed_at !== null) closed.add(c.member_id)
    }
  }
  return standing
}

/**
 * Members who closed their account: nothing is decided for them, not even a holdout, since no journey or campaign
 * may reach a person who asked to be forgotten (their inbox is gone with the rest).
 */
async function closedMembers(trx: Transaction<Database>, inputs: readonly SendDecisionInput[]): Promise<Set<string>> {
  const rows = await readInChunks([...new Set(inputs.map((i) => i.memberId))], (slice) =>
    trx.selectFrom('members').select('id').where('id', 'in', slice).where('closed_at', 'is not', null).execute(),
  )
  return new Set(rows.map((r) => r.id))
}

async function recordedKeys(trx: Transaction<Database>, keys: string[]): Promise<string[]> {
  const rows = await readInChunks([...new Set(keys)], (slice) =>
    trx.selectFrom('engagement_sends').select('dedupe_key').where('dedupe_key', 'in', slice).execute(),
  )
  return rows.map((r) => r.dedupe_key)
}
