import { sql, type Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines

/**
 * The member's own profile (issue 14): avatar (an upload's site path), gender, region ('广东省/深圳市'), who set
 * the birthday (the member may set it once; after that only an operator changes it), when the member chose a
 * nickname of their own (the one made at login does not count as filled), and when the profile-completed reward
 * was credited: a conditional update of that column is what makes the reward once per member.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('avatar', 'varchar(300)').execute()
  await db.schema
    .alterTable('members')
    .addColumn('gender', 'varchar(16)', (col) => col.check(sql`gender in ('female', 'male', 'undisclosed')`))
    .execute()
  await db.schema.alterTable('members').addColumn('region', 'varchar(80)').execute()
  await db.schema.alterTable('members').addColumn('birthday_set_by', 'varchar(80)').execute()
  await db.schema.alterTable('members').addColumn('nickname_set_at', ts).execute()
  await db.schema.alterTable('members').addColumn('profile_completed_at', ts).execute()
  // Birthdays already held came from the CSV import: they lock the member's own setting like any other.
  await sql`update members set birthday_set_by = 'import' where birthday is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['profile_completed_at', 'nickname_set_at', 'birthday_set_by', 'region', 'gender', 'avatar']) {
    await db.schema.alterTable('members').dropColumn(column).execute()
  }
}
