import { MessageCategory, type NotificationSettings, type NotificationSettingsView } from '@mc/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, MemberNotificationPrefsTable } from '../db/schema'

/** A member's notification choices as the senders read them; no row reads as nothing muted and no SMS consent. */
export interface MemberPrefs {
  mutedCategories: MessageCategory[]
  /** Consented and not opted out since: a 退订 reply clears consent until the member turns it on again. */
  smsConsent: boolean
  smsOptedOutAt: string | null
}

type MemberPrefsRow = Pick<
  Selectable<MemberNotificationPrefsTable>,
  'muted_categories' | 'sms_consent_at' | 'sms_opted_out_at'
>

/** Built once: a batch reads thousands of members' choices, and building a schema costs more than parsing. */
const mutedCategories = MessageCategory.array().catch([])

export const prefsFromRow = (row: MemberPrefsRow | undefined): MemberPrefs => ({
  mutedCategories: row ? mutedCategories.parse(JSON.parse(row.muted_categories)) : [],
  smsConsent: row ? row.sms_consent_at !== null && row.sms_opted_out_at === null : false,
  smsOptedOutAt: row?.sms_opted_out_at ?? null,
})

export async function memberPrefs(
  db: Kysely<Database> | Transaction<Database>,
  memberId: string,
): Promise<MemberPrefs> {
  const row = await db
    .selectFrom('member_notification_prefs')
    .select(['muted_categories', 'sms_consent_at', 'sms_opted_out_at'])
    .where('member_id', '=', memberId)
    .executeTakeFirst()
  return prefsFromRow(row)
}

/**
 * Saves the member's choices from the settings page. Turning consent on records when (and clears an earlier
 * 退订); keeping it on keeps the original consent time; turning it off clears it.
 */
export async function saveMemberPrefs(
  db: Kysely<Database>,
  memberId: string,
  settings: NotificationSettings,
  now: Date,
): Promise<void> {
  const at = now.toISOString()
  const muted = JSON.stringify([...new Set(settings.mutedCategories)])
  await db.transaction().execute(async (trx) => {
    const current = await memberPrefs(trx, memberId)
    const consentUnchanged = settings.smsConsent && current.smsConsent
    const values = {
      muted_categories: muted,
      updated_at: at,
      ...(consentUnchanged
        ? {}
        : settings.smsConsent
          ? { sms_consent_at: at, sms_opted_out_at: null }
          : { sms_consent_at: null }),
    }
    await trx
      .insertInto('member_notification_prefs')
      .values({ member_id: memberId, sms_consent_at: null, sms_opted_out_at: null, ...values })
      .onConflict((oc) => oc.column('member_id').doUpdateSet(values))
      .execute()
  })
}

/** GET /api/me/notification-settings: the choices, and whether SMS can be turned on at all (a phone on file). */
export async function notificationSettingsView(
  db: Kysely<Database>,
  memberId: string,
): Promise<NotificationSettingsView> {
  const [prefs, member] = await Promise.all([
    memberPrefs(db, memberId),
    db.selectFrom('members').select('phone').where('id', '=', memberId).executeTakeFirst(),
  ])
  return { ...prefs, hasPhone: Boolean(member?.phone) }
}
