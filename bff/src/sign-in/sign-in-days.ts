import {
  AppError,
  addDays,
  businessDayOf,
  runEndingOn,
  type BusinessCalendar,
  type BusinessDay,
  type SignedDay,
} from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** More than a year of days per read, so nearly every streak is found with one query. */
const pageSize = 400

/**
 * The member's signed days from `upTo` backwards, read until every run that ends on one of `runsEndingOn`
 * (default: `upTo` and the day before, i.e. the live streak) is known to have ended. `extra` days (a day about
 * to be made up) count as signed while deciding, so a make-up that joins two runs sees the older one whole.
 */
export async function signedDaysBack(
  db: Kysely<Database>,
  memberId: string,
  upTo: BusinessDay,
  options: {
    extra?: BusinessDay[]
    runsEndingOn?: BusinessDay[]
  } = {},
): Promise<Set<BusinessDay>> {
  const days = new Set<BusinessDay>(options.extra)
  const ends = options.runsEndingOn ?? [upTo, addDays(upTo, -1)]
  let before = addDays(upTo, 1)
  for (;;) {
    const page = await db
      .selectFrom('sign_ins')
      .select('business_day')
      .where('member_id', '=', memberId)
      .where('business_day', '<', before)
      .orderBy('business_day', 'desc')
      .limit(pageSize)
      .execute()
    for (const row of page) days.add(row.business_day)
    if (page.length < pageSize) return days
    before = page[page.length - 1].business_day
    // A run is complete once the missing day before its first day lies inside what was read.
    const incomplete = ends.some((end) => {
      const run = runEndingOn(days, end)
      return run > 0 && addDays(end, -run) < before
    })
    if (!incomplete) return days
  }
}

/** The member's sign-ins within one month, for the calendar and the make-up limit. */
export async function signInsOfMonth(db: Kysely<Database>, memberId: string, month: string): Promise<SignedDay[]> {
  const rows = await db
    .selectFrom('sign_ins')
    .select(['business_day', 'kind'])
    .where('member_id', '=', memberId)
    .where('business_day', '>=', `${month}-01`)
    .where('business_day', '<=', `${month}-31`)
    .orderBy('business_day')
    .execute()
  return rows.map((row) => ({ day: row.business_day, kind: row.kind }))
}

/** The latest day the member has signed, or null. */
export async function latestSignInDay(db: Kysely<Database>, memberId: string): Promise<BusinessDay | null> {
  const row = await db
    .selectFrom('sign_ins')
    .select('business_day')
    .where('member_id', '=', memberId)
    .orderBy('business_day', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.business_day ?? null
}

/** The business day the member joined; signing in is for members only. */
export async function joinedDayOf(
  db: Kysely<Database>,
  memberId: string,
  calendar: BusinessCalendar,
): Promise<BusinessDay> {
  const member = await db.selectFrom('members').select('joined_at').where('id', '=', memberId).executeTakeFirst()
  if (!member || member.joined_at === null) throw new AppError('MEMBER_NOT_JOINED')
  return businessDayOf(new Date(member.joined_at), calendar)
}

/** Records the sign-in; false when the member already has one for that day (the primary key decides). */
export async function insertSignIn(
  db: Kysely<Database>,
  row: {
    memberId: string
    day: BusinessDay
    kind: 'daily' | 'make_up'
    cycleDay: number
    now: Date
  },
): Promise<boolean> {
  const result = await db
    .insertInto('sign_ins')
    .values({
      member_id: row.memberId,
      business_day: row.day,
      kind: row.kind,
      cycle_day: row.cycleDay,
      created_at: row.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['member_id', 'business_day']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1
}
