import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'

/** Replies that mean "stop texting me", compared trimmed and case-insensitively (the carriers' usual set). */
const optOutWords = new Set(['退订', 'td', 't', 'n'])

export const isOptOutReply = (content: string) => optOutWords.has(content.trim().toLowerCase())

/** The phone as members store it: digits only, without a +86 / 86 country prefix. */
const localPhone = (phone: string) => phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '')

/**
 * Turns SMS off for every member whose phone replied with an opt-out word: consent is cleared and the time of the
 * reply kept, so the settings page can say why SMS is off. Returns how many members were opted out.
 */
export async function optOutByReplies(
  db: Kysely<Database>,
  replies: { phone_number: string; content: string }[],
  now: Date,
): Promise<number> {
  const phones = [...new Set(replies.filter((r) => isOptOutReply(r.content)).map((r) => localPhone(r.phone_number)))]
  if (phones.length === 0) return 0
  const at = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const members = await trx.selectFrom('members').select('id').where('phone', 'in', phones).execute()
    for (const { id } of members) {
      await trx
        .insertInto('member_notification_prefs')
        .values({ member_id: id, muted_categories: '[]', sms_consent_at: null, sms_opted_out_at: at, updated_at: at })
        .onConflict((oc) =>
          oc.column('member_id').doUpdateSet({ sms_consent_at: null, sms_opted_out_at: at, updated_at: at }),
        )
        .execute()
    }
    return members.length
  })
}
