import { evaluateUpgrade } from '@mc/shared'
import type { Transaction } from 'kysely'
import { bulkInsert } from '../db/bulk-insert'
import type { Database } from '../db/schema'
import { creditPosting } from '../earning/earn'
import { newAccounts, postEntriesBulk } from '../ledger/post-entries-bulk'
import { recordTierChanges, type MemberTierChange } from '../tiers/tier-changes'
import { entryTierState, openingCredits, type ImportContext, type ImportTarget } from './import-context'

/** Creates the batch's new members, already joined from the shop, in as few statements as the engine allows. */
export async function insertFreshMembers(trx: Transaction<Database>, targets: ImportTarget[], context: ImportContext) {
  const at = context.time.now.toISOString()
  const rows = targets.map(({ row, member }) => ({
    id: member.id,
    openid: row.openid,
    unionid: null,
    phone: row.phone,
    nickname: row.nickname,
    birthday: row.birthday,
    joined_at: at,
    source_outlet_id: null,
    source_channel: 'shop' as const,
    created_at: at,
  }))
  await bulkInsert(trx, 'members', rows)
}

/**
 * Writes the openings and tiers of members this batch created through the bulk twins of the single-row writers:
 * `postEntriesBulk` for the credits `postOpening` would `earn`, on accounts that do not exist yet, and
 * `recordTierChanges` for the join and the upgrade the opening growth reaches at once (with no congratulation,
 * as `postOpening` explains). Sound only here: the members were created in this uncommitted transaction, so nobody
 * else can see or post to them. Members that already existed always go through `postOpening`. A spec compares
 * both writers' rows.
 */
export async function writeFreshOpenings(trx: Transaction<Database>, targets: ImportTarget[], context: ImportContext) {
  const { program } = context
  const { now } = context.time
  const postings = targets.flatMap((target) =>
    openingCredits(target, context).map((credit) => creditPosting(credit, program, now)),
  )
  await postEntriesBulk(trx, postings, newAccounts(postings))
  await recordTierChanges(
    trx,
    targets.flatMap((target) => openingTierChanges(target, context)),
    program,
    now,
    'new',
  )
}

/** The join on the entry tier, then the upgrade the opening growth reaches at once, as `postOpening` records them. */
function openingTierChanges(target: ImportTarget, context: ImportContext): MemberTierChange[] {
  const memberId = target.member.id
  const entry = entryTierState(context.program)
  const changes: MemberTierChange[] = [{ memberId, change: { kind: 'join', state: entry }, growth: 0 }]
  const upgrade = evaluateUpgrade(context.program.rules, entry, target.row.growth, context.time.today)
  if (upgrade) changes.push({ memberId, change: upgrade, growth: target.row.growth })
  return changes
}
