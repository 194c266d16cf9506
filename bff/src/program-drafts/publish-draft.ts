import {
  addDays,
  AppError,
  businessDayOf,
  publishDayOutcome,
  type DemotionChoice,
  type PublishOutcome,
  type TierChange,
  type TierState,
} from '@mc/shared'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { audit } from '../audit/audit'
import { recordTierChange } from '../tiers/member-tier'
import { validDraftRules } from './program-drafts'
import { publishedProgram, publishProgramVersion, type PublishedProgram } from '../program/published-program'

/**
 * Publishes rules as a new version in one transaction, so members never see half a program. Members whose
 * counted growth reaches a higher tier go up at once. Publishing never silently demotes: when the new
 * thresholds would lower anyone, the caller must choose to keep their tiers until validity ends or apply now.
 */
export async function publishRules(
  db: Kysely<Database>,
  input: {
    rules: unknown
    source: string
    template: string | null
    note: string | null
    demotions?: DemotionChoice
    actor: string
    now: Date
    beforePublish?: (trx: Transaction<Database>) => Promise<void>
  },
): Promise<PublishOutcome> {
  const draft = validDraftRules(input.rules)
  return db.transaction().execute(async (trx) => {
    await input.beforePublish?.(trx)
    const current = await publishedProgram(trx)
    const members = await trx
      .selectFrom('member_tiers')
      .leftJoin('ledger_accounts', (join) =>
        join
          .onRef('ledger_accounts.member_id', '=', 'member_tiers.member_id')
          .on('ledger_accounts.ledger', '=', 'growth'),
      )
      .select([
        'member_tiers.member_id',
        'member_tiers.tier_key',
        'member_tiers.valid_until',
        'ledger_accounts.balance',
      ])
      .execute()
    const outcomes = members.map((m) => ({
      ...m,
      growth: Number(m.balance ?? 0),
      ...publishDayOutcome(current.rules, draft, m.tier_key, Number(m.balance ?? 0)),
    }))
    const lowered = outcomes.filter((o) => o.applyNow < o.held).length
    if (lowered > 0 && !input.demotions) throw new AppError('DEMOTION_CHOICE_REQUIRED', { membersLowered: lowered })
    const demotions = lowered > 0 ? input.demotions! : null
    const version = await publishProgramVersion(trx, {
      rules: draft,
      template: input.template,
      note: input.note,
      publishedBy: input.actor,
      now: input.now,
      demotions,
      source: input.source,
    })
    const program: PublishedProgram = { version, rules: draft }
    const today = businessDayOf(input.now, draft.calendar)
    const result: PublishOutcome = { version, upgraded: 0, lowered: 0, remapped: 0, demotions }
    for (const o of outcomes) {
      const target = demotions === 'apply_now' ? o.applyNow : o.keep
      const change = tierChangeFor(program, o, target, today)
      if (!change) continue
      await recordTierChange(trx, { memberId: o.member_id, change, growth: o.growth, program, now: input.now })
      if (change.kind === 'upgrade') result.upgraded += 1
      else if (change.kind === 'downgrade') result.lowered += 1
      else result.remapped += 1
    }
    await audit(trx, {
      actor: input.actor,
      action: 'program.publish',
      targetType: 'program_version',
      targetId: String(version),
      now: input.now,
      detail: { source: input.source, note: input.note, ...result, previousVersion: current.version },
    })
    return result
  })
}

/** The tier change one member gets on publish day, or null when their tier stands as it is. */
function tierChangeFor(
  program: PublishedProgram,
  o: { tier_key: string; valid_until: string | null; held: number },
  target: number,
  today: string,
): TierChange | null {
  const tiers = program.rules.tiers
  const to = tiers[target]
  const stateFor = (validUntil: string | null): TierState => ({
    key: to.key,
    validUntil: target === 0 ? null : validUntil,
  })
  if (target > o.held)
    return { kind: 'upgrade', from: o.tier_key, to: to.key, state: stateFor(addDays(today, to.validityDays)) }
  if (target < o.held)
    return { kind: 'downgrade', from: o.tier_key, to: to.key, state: stateFor(addDays(today, to.validityDays)) }
  // Same rank: only a tier key the new program no longer has needs rewriting; its validity is kept.
  if (to.key === o.tier_key) return null
  return { kind: 'retain', tier: o.tier_key, state: { key: to.key, validUntil: target === 0 ? null : o.valid_until } }
}
