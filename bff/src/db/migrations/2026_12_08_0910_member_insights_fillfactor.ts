import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../engine'

/**
 * PostgreSQL only: `member_insights` leaves half of each page free, so the nightly scoring's update of every row
 * finds room for the new version on the same page (a HOT update: no index entry written, no table growth once
 * vacuum has cleared the night before). Pages already written keep their fill until rewritten; new ones take
 * this. SQLite rewrites the table each night and has no such setting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`alter table member_insights set (fillfactor = 50)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`alter table member_insights reset (fillfactor)`.execute(db)
}
