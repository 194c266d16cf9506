import { cardNoLength } from '@mc/shared'
import { randomBytes, randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/**
 * The member's code secret (160 random bits, as RFC 4226 recommends) and card number, created on first use.
 * Two first uses racing each other keep one row (the insert ignores conflicts); a card number that happens to
 * be taken already is drawn again.
 */
export async function memberCodeSecret(
  db: Kysely<Database>,
  memberId: string,
  now: Date,
): Promise<{ cardNo: string; secret: string }> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const existing = await db
      .selectFrom('member_codes')
      .select(['card_no', 'secret'])
      .where('member_id', '=', memberId)
      .executeTakeFirst()
    if (existing) return { cardNo: existing.card_no, secret: existing.secret }
    await db
      .insertInto('member_codes')
      .values({
        member_id: memberId,
        card_no: String(randomInt(0, 10 ** cardNoLength)).padStart(cardNoLength, '0'),
        secret: randomBytes(20).toString('hex'),
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute()
  }
  throw new Error(`could not allocate a member code card number for ${memberId}`)
}
