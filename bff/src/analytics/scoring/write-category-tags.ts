import { addDays, categoryTagPrefix, type InsightSettings } from '@mc/shared'
import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../../db/engine'
import type { Database } from '../../db/schema'

/**
 * Rewrites the nightly job's category preference tags (`偏好:<category>`): a member gets one for each category
 * whose share of their order-line spend over the tag window (days up to `day`) reaches the threshold. Lines without
 * a category count in the total, so a member who mostly buys uncategorised things gets no tag from a few lines.
 * Operators' manual tags are never touched (the prefix is refused for them). Returns the category tags held after.
 */
export async function writeCategoryTags(
  db: Kysely<Database>,
  input: { day: string; settings: InsightSettings; now: Date },
): Promise<number> {
  const { day, settings, now } = input
  const from = addDays(day, 1 - settings.categoryTags.windowDays)
  // A tag column holds 32 characters, the prefix takes 3: longer categories are cut, and cuts that meet are merged.
  const category = sql`substr(l.category, 1, 29)`
  // The covering index holds the lines in member order with every column read here: no sort, no table reads.
  const lines = sql.raw(isPostgres(db) ? 'order_lines l' : 'order_lines l indexed by order_lines_member_spend')
  const wanted = sql`
    with spend as (
      select member_id, category, fen, sum(fen) over (partition by member_id) as total
      from (
        select l.member_id, ${category} as category, sum(l.amount_fen) as fen
        from ${lines}
        where l.business_day >= ${from} and l.business_day <= ${day}
        group by l.member_id, ${category}
      ) g
    )
    select member_id, ${sql.lit(categoryTagPrefix)} || category as tag
    from spend
    where category is not null and total > 0 and fen * 100 >= total * ${sql.lit(settings.categoryTags.minSharePercent)}
  `
  // Only the tags that moved since last night change: most members keep theirs from one night to the next (and
  // keep the day they were first tagged), where deleting and re-inserting every row wrote both of the table's
  // indexes a million times over. The wanted set is computed once and compared by EXCEPT (one hashed or sorted
  // pass on either engine); the temporary table is private to this connection and dropped before commit.
  const temp = sql.table('wanted_category_tags')
  await sql`drop table if exists ${temp}`.execute(db)
  await sql`create temporary table ${temp} as ${wanted}`.execute(db)
  const held = sql`select member_id, tag from member_tags where source = 'category'`
  const wantedRows = sql`select member_id, tag from ${temp}`
  await sql`delete from member_tags where source = 'category'
    and (member_id, tag) in (${held} except ${wantedRows})`.execute(db)
  await sql`insert into member_tags (member_id, tag, source, created_by, created_at)
    select member_id, tag, 'category', 'system', ${now.toISOString()} from (${wantedRows} except ${held}) n`.execute(db)
  const { rows } = await sql<{ n: string | number }>`select count(*) as n from ${temp}`.execute(db)
  await sql`drop table ${temp}`.execute(db)
  return Number(rows[0].n)
}
