import { AppError, memberCodeStep, parseMemberCode } from '@mc/shared'
import { timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { StaffIdentity } from '../auth/staff-sessions'
import { totpForStep } from './totp'

/** How long a verified code lets the same staff record one purchase by `memberId`. */
export const verificationValidMs = 10 * 60_000

/**
 * 404 MEMBER_CODE_INVALID, the same for every reason so a guesser learns nothing. `guessed` marks the
 * failures that count towards throttling (unknown card, wrong or stale digits); a correct code scanned
 * a second time is refused but not counted.
 */
export class MemberCodeRejected extends AppError {
  constructor(readonly guessed: boolean) {
    super('MEMBER_CODE_INVALID')
  }
}

const sameDigits = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/** The member whose card a code names, without checking its digits (that is `consumeMemberCode`'s job). */
export async function memberIdForCode(db: Kysely<Database>, code: string): Promise<string> {
  const parsed = parseMemberCode(code)
  const row =
    parsed &&
    (await db.selectFrom('member_codes').select('member_id').where('card_no', '=', parsed.cardNo).executeTakeFirst())
  if (!row) throw new MemberCodeRejected(true)
  return row.member_id
}

/**
 * The card and step a code's digits match (current or previous step), reading only; an unknown card or wrong or
 * stale digits is MemberCodeRejected(true), a guess. Whether the step was already used is `consumeMemberCode`'s.
 */
export async function matchMemberCode(
  db: Kysely<Database>,
  code: string,
  now: Date,
): Promise<{ memberId: string; step: number }> {
  const parsed = parseMemberCode(code)
  const card =
    parsed &&
    (await db
      .selectFrom('member_codes')
      .select(['member_id', 'secret'])
      .where('card_no', '=', parsed.cardNo)
      .executeTakeFirst())
  if (!parsed || !card) throw new MemberCodeRejected(true)
  const current = memberCodeStep(now)
  const step = [current, current - 1].find((s) => sameDigits(totpForStep(card.secret, s), parsed.otp))
  if (step === undefined) throw new MemberCodeRejected(true)
  return { memberId: card.member_id, step }
}

/**
 * Accepts a code of the current or the previous step, once. The (member, step) primary key makes a second
 * acceptance impossible even when many scans race; an older step is refused once a newer one was used, so a
 * code shown earlier cannot follow the one just scanned.
 */
export async function consumeMemberCode(
  db: Kysely<Database>,
  input: {
    code: string
    staff: StaffIdentity
    now: Date
    purchaseOrderId: string | null
  },
): Promise<{ memberId: string; step: number }> {
  const { memberId, step } = await matchMemberCode(db, input.code, input.now)
  const card = { member_id: memberId }
  const newer = await db
    .selectFrom('member_code_uses')
    .select('step')
    .where('member_id', '=', card.member_id)
    .where('step', '>=', step)
    .limit(1)
    .executeTakeFirst()
  if (newer) throw new MemberCodeRejected(false)
  const inserted = await db
    .insertInto('member_code_uses')
    .values({
      member_id: card.member_id,
      step,
      staff_id: input.staff.id,
      outlet_id: input.staff.outletId,
      used_at: input.now.toISOString(),
      purchase_order_id: input.purchaseOrderId,
    })
    .onConflict((oc) => oc.columns(['member_id', 'step']).doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) throw new MemberCodeRejected(false)
  return { memberId: card.member_id, step }
}

/**
 * Spends this staff's latest unspent verification of the member (younger than `verificationValidMs`) on one
 * purchase. The guarded update lets only one of two racing purchases have it; without one: 403 MEMBER_CODE_REQUIRED.
 */
export async function spendVerification(
  db: Kysely<Database>,
  input: {
    memberId: string
    staff: StaffIdentity
    now: Date
    purchaseOrderId: string
  },
): Promise<void> {
  const since = new Date(input.now.getTime() - verificationValidMs).toISOString()
  const use = await db
    .selectFrom('member_code_uses')
    .select('step')
    .where('member_id', '=', input.memberId)
    .where('staff_id', '=', input.staff.id)
    .where('purchase_order_id', 'is', null)
    .where('used_at', '>', since)
    .orderBy('step', 'desc')
    .limit(1)
    .executeTakeFirst()
  const spent =
    use &&
    (await db
      .updateTable('member_code_uses')
      .set({ purchase_order_id: input.purchaseOrderId })
      .where('member_id', '=', input.memberId)
      .where('step', '=', use.step)
      .where('purchase_order_id', 'is', null)
      .executeTakeFirst())
  if (!spent || spent.numUpdatedRows === 0n) throw new AppError('MEMBER_CODE_REQUIRED')
}
