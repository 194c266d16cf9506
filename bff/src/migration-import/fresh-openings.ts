import { evaluateUpgrade, newId } from '@mc/shared'
import type { Insertable, Transaction } from 'kysely'
import type {
  Database, LedgerAccountsTable, LedgerEntriesTable, LedgerLotsTable, MemberTiersTable, TierChangesTable,
} from '../db/schema'
import type { Posting } from '../ledger/post-entry'
import { bulkInsert } from './bulk-insert'
import { entryTierState, openingPostings, type ImportContext, type ImportTarget } from './import-context'

/** Creates the batch's new members, already joined from the shop, in as few statements as the engine allows. */
export async function insertFreshMembers(trx: Transaction<Database>, targets: ImportTarget[], context: ImportContext) {
  const at = context.time.now.toISOString()
  const rows = targets.map(({ row, member }) => ({
    id: member.id, openid: row.openid, unionid: null, phone: row.phone, nickname: row.nickname, birthday: row.birthday,
    joined_at: at, source_outlet_id: null, source_channel: 'shop' as const, created_at: at,
  }))
  await bulkInsert(trx, 'members', rows)
}

/**
 * Writes the openings and tiers of members this batch created, as multi-row inserts: the rows `postEntry`,
 * `recordTierChange` and `evaluateUpgrade` would write one statement at a time. That shortcut is sound only
 * here: the members were created in this uncommitted transaction, so nobody else can see or post to their
 * accounts, and an account that does not exist yet has balance 0 and version 0, which is all `postEntry` would
 * have read. Members that already existed always go through `postEntry`. A spec compares both writers' rows.
 */
export async function writeFreshOpenings(trx: Transaction<Database>, targets: ImportTarget[], context: ImportContext) {
  const entries: Insertable<LedgerEntriesTable>[] = []
  const lots: Insertable<LedgerLotsTable>[] = []
  const accounts: Insertable<LedgerAccountsTable>[] = []
  const tiers: Insertable<MemberTiersTable>[] = []
  const changes: Insertable<TierChangesTable>[] = []
  for (const target of targets) {
    for (const posting of openingPostings(target, context)) {
      const credit = firstCredit(posting)
      entries.push(credit.entry)
      lots.push(credit.lot)
      accounts.push(credit.account)
    }
    const tier = openingTier(target, context)
    tiers.push(tier.state)
    changes.push(...tier.changes)
  }
  await bulkInsert(trx, 'ledger_accounts', accounts)
  await bulkInsert(trx, 'ledger_entries', entries)
  await bulkInsert(trx, 'ledger_lots', lots)
  await bulkInsert(trx, 'member_tiers', tiers)
  await bulkInsert(trx, 'tier_changes', changes)
}

/** What `postEntry` writes for a credit to an account that has no entries yet: version 1, one full lot. */
function firstCredit(posting: Posting) {
  const at = posting.now.toISOString()
  const growth = posting.ledger === 'growth'
  const entryId = newId(growth ? 'gre' : 'pte', posting.now.getTime())
  const lotId = newId(growth ? 'glt' : 'plt', posting.now.getTime())
  const entry: Insertable<LedgerEntriesTable> = {
    id: entryId, member_id: posting.memberId, ledger: posting.ledger, amount: posting.amount, kind: posting.kind,
    reason: posting.reason, actor: posting.actor, actor_id: posting.actorId ?? null, ref_type: posting.ref?.type ?? null,
    ref_id: posting.ref?.id ?? null, idempotency_key: posting.idempotencyKey ?? null, reverses_entry_id: null,
    corrects_entry_id: null, lot_id: lotId, rule_version: posting.ruleVersion, balance_after: posting.amount,
    account_version: 1, business_day: posting.businessDay, occurred_at: posting.occurredAt.toISOString(), created_at: at,
  }
  const lot = {
    id: lotId, member_id: posting.memberId, ledger: posting.ledger, entry_id: entryId, amount: posting.amount,
    remaining: posting.amount, expires_at: posting.credit!.expiresAt, created_at: at,
  }
  const account = { member_id: posting.memberId, ledger: posting.ledger, balance: posting.amount, held: 0, version: 1 }
  return { entry, lot, account }
}

/** The join on the entry tier, then the upgrade the opening growth reaches at once, as `recordTierChange` records them. */
function openingTier(target: ImportTarget, context: ImportContext) {
  const { program } = context
  const { now, today } = context.time
  const memberId = target.member.id
  const at = now.toISOString()
  const entry = entryTierState(program)
  const upgrade = evaluateUpgrade(program.rules, entry, target.row.growth, today)
  const final = upgrade?.state ?? entry
  const common = { member_id: memberId, business_day: today, rule_version: program.version, created_at: at }
  const changes: Insertable<TierChangesTable>[] = [
    { ...common, id: newId('tch', now.getTime()), kind: 'join', from_key: null, to_key: entry.key, valid_until: null, growth: 0 },
  ]
  if (upgrade?.kind === 'upgrade') {
    changes.push({
      ...common, id: newId('tch', now.getTime()), kind: 'upgrade', from_key: upgrade.from, to_key: upgrade.to,
      valid_until: upgrade.state.validUntil, growth: target.row.growth,
    })
  }
  const state = { member_id: memberId, tier_key: final.key, valid_until: final.validUntil, since: at, rule_version: program.version }
  return { state, changes }
}
