import { AppError, lifecycleLabelOf, rfmGroupLabel, type LifecycleStage, type MemberInsight } from '@mc/shared'
import type { Kysely } from 'kysely'
import { audit } from '../audit/audit'
import type { Database } from '../db/schema'

/** A member's RFM group, lifecycle and tags as the nightly scoring last left them (nulls before the first run). */
export async function memberInsight(db: Kysely<Database>, memberId: string): Promise<MemberInsight> {
  const [row, tags] = await Promise.all([
    db.selectFrom('member_insights').selectAll().where('member_id', '=', memberId).executeTakeFirst(),
    db
      .selectFrom('member_tags')
      .select(['tag', 'source'])
      .where('member_id', '=', memberId)
      .orderBy('source', 'desc') // manual first: the operator's own words lead
      .orderBy('tag')
      .execute(),
  ])
  const scored = row && row.r_score !== null && row.f_score !== null && row.m_score !== null
  return {
    asOf: row?.as_of_day ?? null,
    rfmGroup: row?.rfm_group ?? null,
    rfmGroupLabel: rfmGroupLabel(row?.rfm_group ?? null),
    scores: scored ? { r: Number(row.r_score), f: Number(row.f_score), m: Number(row.m_score) } : null,
    lifecycle: (row?.lifecycle as LifecycleStage | undefined) ?? null,
    lifecycleLabel: lifecycleLabelOf((row?.lifecycle as LifecycleStage | undefined) ?? null),
    clvFen: row ? Number(row.clv_fen) : null,
    lastOrderDay: row?.last_order_day ?? null,
    tags: tags.map((t) => ({ tag: t.tag, source: t.source })),
  }
}

async function assertMember(db: Kysely<Database>, memberId: string) {
  const member = await db.selectFrom('members').select('id').where('id', '=', memberId).executeTakeFirst()
  if (!member) throw new AppError('MEMBER_NOT_FOUND', { memberId })
}

/**
 * Adds an operator's tag to a member; audited. Adding a tag the member already has changes nothing and is not
 * audited again, so a double tap is harmless. Answers the member's insight with the new tag list.
 */
export async function addManualTag(
  db: Kysely<Database>,
  input: { memberId: string; tag: string; actor: string; now: Date },
): Promise<{ created: boolean; insight: MemberInsight }> {
  const { memberId, tag, actor, now } = input
  const created = await db.transaction().execute(async (trx) => {
    await assertMember(trx, memberId)
    const result = await trx
      .insertInto('member_tags')
      .values({ member_id: memberId, tag, source: 'manual', created_by: actor, created_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['member_id', 'tag']).doNothing())
      .executeTakeFirst()
    const inserted = Number(result.numInsertedOrUpdatedRows ?? 0) > 0
    if (inserted) {
      await audit(trx, {
        actor,
        action: 'member.tag_add',
        targetType: 'member',
        targetId: memberId,
        detail: { tag },
        now,
      })
    }
    return inserted
  })
  return { created, insight: await memberInsight(db, memberId) }
}

/** Removes an operator's tag; audited. The nightly job's category tags cannot be removed by hand (it rewrites them). */
export async function removeManualTag(
  db: Kysely<Database>,
  input: { memberId: string; tag: string; actor: string; now: Date },
): Promise<MemberInsight> {
  const { memberId, tag, actor, now } = input
  await db.transaction().execute(async (trx) => {
    await assertMember(trx, memberId)
    const result = await trx
      .deleteFrom('member_tags')
      .where('member_id', '=', memberId)
      .where('tag', '=', tag)
      .where('source', '=', 'manual')
      .executeTakeFirst()
    if (Number(result.numDeletedRows) === 0) {
      const other = await trx
        .selectFrom('member_tags')
        .select('source')
        .where('member_id', '=', memberId)
        .where('tag', '=', tag)
        .executeTakeFirst()
      throw new AppError(other ? 'TAG_NOT_MANUAL' : 'TAG_NOT_FOUND', { memberId, tag })
    }
    await audit(trx, {
      actor,
      action: 'member.tag_remove',
      targetType: 'member',
      targetId: memberId,
      detail: { tag },
      now,
    })
  })
  return memberInsight(db, memberId)
}
