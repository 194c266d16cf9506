import {
  AppError,
  businessDayOf,
  newId,
  SegmentFilter,
  type ProgramRules,
  type SegmentBody,
  type SegmentView,
} from '@mc/shared'
import type { Kysely, Selectable } from 'kysely'
import { audit } from '../../audit/audit'
import type { Database, SegmentsTable } from '../../db/schema'
import { publishedProgram } from '../../program/published-program'
import type { SegmentContext } from './segment-query'
import { segmentSummary } from './segment-summary'

/** The rules and today's business day a segment is evaluated with. */
export async function segmentContext(db: Kysely<Database>, now: Date): Promise<SegmentContext> {
  const { rules } = await publishedProgram(db)
  return { rules, today: businessDayOf(now, rules.calendar) }
}

/**
 * Refuses a filter naming a tier the published rules do not have or a store that does not exist, as field errors
 * (`filter.tiers.1`), so a typo cannot quietly select nobody. `prefix` is where the filter sits in the body.
 */
export async function checkSegmentFilter(
  db: Kysely<Database>,
  filter: SegmentFilter,
  rules: ProgramRules,
  prefix = 'filter',
): Promise<void> {
  const issues: { path: string; message: string }[] = []
  filter.tiers?.forEach((key, i) => {
    if (!rules.tiers.some((t) => t.key === key))
      issues.push({ path: `${prefix}.tiers.${i}`, message: `等级不存在：${key} / unknown tier` })
  })
  if (filter.outletIds) {
    const found = await db.selectFrom('outlets').select('id').where('id', 'in', filter.outletIds).execute()
    const known = new Set(found.map((o) => o.id))
    filter.outletIds.forEach((id, i) => {
      if (!known.has(id))
        issues.push({ path: `${prefix}.outletIds.${i}`, message: `门店不存在：${id} / unknown outlet` })
    })
  }
  if (issues.length > 0) throw new AppError('INVALID_REQUEST', { issues })
}

async function outletNames(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('outlets').select(['id', 'name']).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

const viewOf = (row: Selectable<SegmentsTable>, rules: ProgramRules, outlets: Map<string, string>): SegmentView => {
  const filter = SegmentFilter.parse(JSON.parse(row.filter))
  return {
    id: row.id,
    name: row.name,
    filter,
    summary: segmentSummary(filter, rules, outlets),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export async function listSegments(db: Kysely<Database>): Promise<{ segments: SegmentView[] }> {
  const rows = await db
    .selectFrom('segments')
    .selectAll()
    .where('archived_at', 'is', null)
    .orderBy('id', 'desc')
    .execute()
  const [{ rules }, outlets] = await Promise.all([publishedProgram(db), outletNames(db)])
  return { segments: rows.map((row) => viewOf(row, rules, outlets)) }
}

/** A saved segment that is not archived, or SEGMENT_NOT_FOUND. */
export async function getSegment(db: Kysely<Database>, id: string): Promise<SegmentView> {
  const row = await db
    .selectFrom('segments')
    .selectAll()
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
  if (!row) throw new AppError('SEGMENT_NOT_FOUND', { id })
  const [{ rules }, outlets] = await Promise.all([publishedProgram(db), outletNames(db)])
  return viewOf(row, rules, outlets)
}

export async function createSegment(db: Kysely<Database>, body: SegmentBody, actor: string, now: Date) {
  const { rules } = await publishedProgram(db)
  await checkSegmentFilter(db, body.filter, rules)
  const id = newId('seg', now.getTime())
  await db.transaction().execute(async (trx) => {
    const at = now.toISOString()
    const values = { id, name: body.name, filter: JSON.stringify(body.filter), created_by: actor, created_at: at }
    await trx
      .insertInto('segments')
      .values({ ...values, updated_at: at, archived_at: null })
      .execute()
    await audit(trx, { actor, action: 'segment.create', targetType: 'segment', targetId: id, detail: body, now })
  })
  return getSegment(db, id)
}

export async function updateSegment(db: Kysely<Database>, id: string, body: SegmentBody, actor: string, now: Date) {
  const before = await getSegment(db, id)
  await checkSegmentFilter(db, body.filter, (await publishedProgram(db)).rules)
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('segments')
      .set({ name: body.name, filter: JSON.stringify(body.filter), updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute()
    const detail = { before: { name: before.name, filter: before.filter }, after: body }
    await audit(trx, { actor, action: 'segment.update', targetType: 'segment', targetId: id, detail, now })
  })
  return getSegment(db, id)
}

/** Archived, not deleted: campaigns keep pointing at the segment they were sent to. */
export async function archiveSegment(db: Kysely<Database>, id: string, actor: string, now: Date) {
  const view = await getSegment(db, id)
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('segments')
      .set({ archived_at: now.toISOString() })
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) === 0) throw new AppError('SEGMENT_NOT_FOUND', { id })
    await audit(trx, { actor, action: 'segment.archive', targetType: 'segment', targetId: id, detail: {}, now })
  })
  return view
}
