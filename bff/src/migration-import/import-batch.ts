import { newId } from '@mc/shared'
import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { canonicalJson, differingFields } from '../http/idempotency'
import { bulkInsert } from '../db/bulk-insert'
import { chunks, importScope, type ImportContext, type ImportTarget, type MemberRef } from './import-context'
import { openingOf, type ImportRow } from './import-row'
import { insertFreshMembers, writeFreshOpenings } from './fresh-openings'
import { postOpening } from './post-opening'
import { legacyIdentityKey, type IdentityHasher } from './identity-key'

/** What became of one validated row. */
export type RowOutcome =
  | { kind: 'imported'; memberId: string }
  | { kind: 'alreadyImported' }
  | { kind: 'rejected'; reason: string }

const conflictReason = '手机号与 openid 属于不同会员 / phone and openid belong to different members'

/**
 * Imports one batch of validated rows inside the caller's transaction, so a crash leaves the batch all or nothing.
 * Members and earlier imports are looked up once for the whole batch; then each row, in file order, is matched
 * to its member, checked against what was imported before under any of its identities (the batch's own rows
 * included), and written.
 */
export async function importBatch(
  trx: Transaction<Database>,
  rows: ImportRow[],
  context: ImportContext,
): Promise<RowOutcome[]> {
  const members = await findMembers(trx, rows)
  const known = [...members.byPhone.values(), ...members.byOpenid.values()]
  const hash = context.time.identityKey
  const imported = await findImports(trx, [
    ...rows.flatMap((row) => [...row.identityKeys, ...row.legacyKeys]),
    ...known.flatMap((member) => [...identityKeysOf(member, hash), ...identityKeysOf(member, legacyIdentityKey)]),
  ])
  const targets: ImportTarget[] = []
  const outcomes = rows.map((row): RowOutcome => {
    const found = matchMember(row, members)
    if (found === 'conflict') return { kind: 'rejected', reason: conflictReason }
    const keys = [...new Set([...row.identityKeys, ...(found ? identityKeysOf(found, hash) : [])])]
    const legacy = [...row.legacyKeys, ...(found ? identityKeysOf(found, legacyIdentityKey) : [])]
    const opening = canonicalJson(openingOf(row))
    const earlier = [...keys, ...legacy].map((key) => imported.get(key)).find((previous) => previous !== undefined)
    if (earlier !== undefined) {
      if (earlier === opening) return { kind: 'alreadyImported' }
      const fields = differingFields(JSON.parse(earlier), openingOf(row)).join(', ')
      return { kind: 'rejected', reason: `已导入且数值不同 / already imported with different values (${fields})` }
    }
    if (row.refusedIfNew) return { kind: 'rejected', reason: row.refusedIfNew }
    const member = found ?? freshMember(row, context)
    // A member who was here already gains the identity the row adds (an openid for a phone member, or the reverse).
    const link = {
      phone: member.phone ? undefined : (row.phone ?? undefined),
      openid: member.openid ? undefined : (row.openid ?? undefined),
    }
    // Later rows of this batch must find this member and this import under every identity it now has.
    const linked = { ...member, phone: member.phone ?? row.phone, openid: member.openid ?? row.openid }
    if (linked.phone) members.byPhone.set(linked.phone, linked)
    if (linked.openid) members.byOpenid.set(linked.openid, linked)
    for (const key of keys) imported.set(key, opening)
    targets.push({ row, member, keys, link })
    return { kind: 'imported', memberId: member.id }
  })
  await writeTargets(trx, targets, context)
  return outcomes
}

async function writeTargets(trx: Transaction<Database>, targets: ImportTarget[], context: ImportContext) {
  const fresh = targets.filter((target) => target.member.fresh)
  await insertFreshMembers(trx, fresh, context)
  if (context.writer === 'bulk') await writeFreshOpenings(trx, fresh, context)
  for (const target of targets) {
    if (!target.member.fresh || context.writer === 'post-entry') await postOpening(trx, target, context)
  }
  await recordImports(trx, targets, context)
}

type MemberIndex = { byPhone: Map<string, MemberRef>; byOpenid: Map<string, MemberRef> }

async function findMembers(trx: Transaction<Database>, rows: ImportRow[]): Promise<MemberIndex> {
  const index: MemberIndex = { byPhone: new Map(), byOpenid: new Map() }
  const lookups = [
    { column: 'phone' as const, values: rows.flatMap((row) => (row.phone ? [row.phone] : [])), into: index.byPhone },
    {
      column: 'openid' as const,
      values: rows.flatMap((row) => (row.openid ? [row.openid] : [])),
      into: index.byOpenid,
    },
  ]
  for (const { column, values, into } of lookups) {
    for (const part of chunks([...new Set(values)], 1000)) {
      const found = await trx
        .selectFrom('members')
        .select(['id', 'phone', 'openid', 'joined_at', 'birthday'])
        .where(column, 'in', part)
        .execute()
      for (const m of found) {
        into.set(m[column]!, {
          id: m.id,
          phone: m.phone,
          openid: m.openid,
          joinedAt: m.joined_at,
          birthday: m.birthday,
          fresh: false,
        })
      }
    }
  }
  return index
}

/** The opening numbers imported before, by identity key. */
async function findImports(trx: Transaction<Database>, keys: string[]): Promise<Map<string, string>> {
  const imported = new Map<string, string>()
  for (const part of chunks([...new Set(keys)], 1000)) {
    const found = await trx
      .selectFrom('idempotency_records')
      .select(['key', 'request_body'])
      .where('scope', '=', importScope)
      .where('key', 'in', part)
      .execute()
    for (const record of found) imported.set(record.key, record.request_body)
  }
  return imported
}

/** The row's member by phone or openid; two different members, or one with another phone or openid, is a conflict. */
function matchMember(row: ImportRow, members: MemberIndex): MemberRef | null | 'conflict' {
  const byPhone = row.phone ? members.byPhone.get(row.phone) : undefined
  const byOpenid = row.openid ? members.byOpenid.get(row.openid) : undefined
  if (byPhone && byOpenid && byPhone.id !== byOpenid.id) return 'conflict'
  const member = byPhone ?? byOpenid
  if (!member) return null
  if (row.phone && member.phone && member.phone !== row.phone) return 'conflict'
  if (row.openid && member.openid && member.openid !== row.openid) return 'conflict'
  return member
}

/** The member's identities as keys: keyed hashes (written and looked up) or legacy plain keys (looked up only). */
const identityKeysOf = (member: MemberRef, key: IdentityHasher) =>
  [member.phone && key('phone', member.phone), member.openid && key('openid', member.openid)].filter((k): k is string =>
    Boolean(k),
  )

const freshMember = (row: ImportRow, context: ImportContext): MemberRef => ({
  id: newId('mbr', context.time.now.getTime()),
  phone: row.phone,
  openid: row.openid,
  joinedAt: null,
  birthday: row.birthday,
  fresh: true,
})

/** Remembers each accepted row's opening numbers under every identity of its member, for re-runs to compare. */
async function recordImports(trx: Transaction<Database>, targets: ImportTarget[], context: ImportContext) {
  const at = context.time.now.toISOString()
  const records = targets.flatMap(({ row, member, keys }) => {
    const body = canonicalJson(openingOf(row))
    const hash = createHash('sha256').update(body).digest('hex')
    return keys.map((key) => ({
      scope: importScope,
      key,
      request_hash: hash,
      request_body: body,
      response_status: 200,
      response_body: JSON.stringify({ memberId: member.id }),
      created_at: at,
    }))
  })
  await bulkInsert(trx, 'idempotency_records', records)
}
