import {
  lifecycleLabels,
  rfmGroupLabel,
  type InsightMemberRow,
  type InsightMembersPage,
  type LifecycleStage,
} from '@mc/shared'
import type { Kysely } from 'kysely'
import { cursorPage } from '../../db/cursor-page'
import type { Database } from '../../db/schema'
import { maskedPhone } from '../../membership/member-lookup'
import { publishedProgram } from '../../program/published-program'

/**
 * Scored members narrowed by RFM group, lifecycle stage, tag and tier, newest first by id, phones masked as in the
 * member search. Reads the nightly scores (`member_insights`), so the list is as of the last scoring day.
 */
export async function insightMembers(
  db: Kysely<Database>,
  query: { rfmGroup?: string; lifecycle?: LifecycleStage; tag?: string; tier?: string; cursor?: string; limit: number },
): Promise<InsightMembersPage> {
  const { rules } = await publishedProgram(db)
  const entry = rules.tiers[0].key
  let select = db
    .selectFrom('member_insights')
    .innerJoin('members', 'members.id', 'member_insights.member_id')
    .leftJoin('member_tiers', 'member_tiers.member_id', 'member_insights.member_id')
    .select([
      'members.id',
      'members.nickname',
      'members.phone',
      'member_tiers.tier_key',
      'member_insights.as_of_day',
      'member_insights.rfm_group',
      'member_insights.lifecycle',
      'member_insights.last_order_day',
      'member_insights.monetary_fen',
      'member_insights.clv_fen',
    ])
  if (query.rfmGroup !== undefined) select = select.where('member_insights.rfm_group', '=', query.rfmGroup)
  if (query.lifecycle !== undefined) select = select.where('member_insights.lifecycle', '=', query.lifecycle)
  if (query.tier !== undefined) {
    const tier = query.tier
    // A joined member without a tier row stands on the entry tier.
    select = select.where((eb) =>
      tier === entry
        ? eb.or([eb('member_tiers.tier_key', '=', tier), eb('member_tiers.tier_key', 'is', null)])
        : eb('member_tiers.tier_key', '=', tier),
    )
  }
  if (query.tag !== undefined) {
    const tag = query.tag
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom('member_tags')
          .select('member_tags.member_id')
          .whereRef('member_tags.member_id', '=', 'member_insights.member_id')
          .where('member_tags.tag', '=', tag),
      ),
    )
  }
  if (query.cursor !== undefined) select = select.where('member_insights.member_id', '<', query.cursor)
  const rows = await select
    .orderBy('member_insights.member_id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const { page, nextCursor } = cursorPage(rows, query.limit)
  const tierOf = (key: string | null) => rules.tiers.find((t) => t.key === key) ?? rules.tiers[0]
  const members = page.map(
    (row): InsightMemberRow => ({
      id: row.id,
      nickname: row.nickname,
      ...maskedPhone(row.phone),
      tier: { key: tierOf(row.tier_key).key, name: tierOf(row.tier_key).name },
      rfmGroup: row.rfm_group,
      rfmGroupLabel: rfmGroupLabel(row.rfm_group),
      lifecycle: row.lifecycle,
      lifecycleLabel: lifecycleLabels[row.lifecycle],
      lastOrderDay: row.last_order_day,
      monetaryFen: Number(row.monetary_fen),
      clvFen: Number(row.clv_fen),
    }),
  )
  const asOf = page[0]?.as_of_day ?? (await latestScoreDay(db))
  return { asOf, members, nextCursor }
}

async function latestScoreDay(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('member_insights').select('as_of_day').limit(1).executeTakeFirst()
  return row?.as_of_day ?? null
}
