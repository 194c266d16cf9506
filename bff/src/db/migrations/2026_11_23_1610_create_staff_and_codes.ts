import type { Kysely } from 'kysely'

const ts = 'varchar(32)' // ISO 8601 UTC text on both engines
const id = 'varchar(40)'

/** Store staff and their sessions, members' rotating codes, and the failed attempts that throttle guessing. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(32)', (c) => c.notNull())
    .addColumn('phone', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('outlet_id', 'varchar(64)', (c) => c.notNull().references('outlets.id'))
    .addColumn('pin_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()

  // A parallel table to `sessions`, so a token is a staff token or a member token by where it is found.
  await db.schema
    .createTable('staff_sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('staff_id', id, (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .execute()
  await db.schema.createIndex('staff_sessions_staff').on('staff_sessions').column('staff_id').execute()

  // The per-member TOTP secret (it never leaves the BFF) and the card number a code starts with.
  await db.schema
    .createTable('member_codes')
    .addColumn('member_id', id, (c) => c.primaryKey().references('members.id'))
    .addColumn('card_no', 'varchar(9)', (c) => c.notNull().unique())
    .addColumn('secret', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()

  // One row per accepted code: the primary key is what makes each code good for exactly one scan.
  await db.schema
    .createTable('member_code_uses')
    .addColumn('member_id', id, (c) => c.notNull().references('members.id'))
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('staff_id', id, (c) => c.notNull().references('staff.id'))
    .addColumn('outlet_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('used_at', ts, (c) => c.notNull())
    .addColumn('purchase_order_id', 'varchar(128)')
    .addPrimaryKeyConstraint('member_code_uses_pk', ['member_id', 'step'])
    .execute()
  await db.schema
    .createIndex('member_code_uses_staff')
    .on('member_code_uses')
    .columns(['staff_id', 'member_id', 'used_at'])
    .execute()

  await db.schema
    .createTable('failed_attempts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject', 'varchar(64)', (c) => c.notNull())
    .addColumn('failed_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('failed_attempts_subject')
    .on('failed_attempts')
    .columns(['kind', 'subject', 'failed_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['failed_attempts', 'member_code_uses', 'member_codes', 'staff_sessions', 'staff']) {
    await db.schema.dropTable(table).execute()
  }
}
