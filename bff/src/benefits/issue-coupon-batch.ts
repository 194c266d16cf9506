import { addDays, businessDayStart, newId, type BenefitGrant } from '@mc/shared'
import type { Insertable, Selectable, Transaction } from 'kysely'
import { bulkInsert } from '../db/bulk-insert'
import type { BenefitClaimsTable, BenefitEventsTable, CouponsTable, Database } from '../db/schema'
import type { PublishedProgram } from '../program/published-program'
import { newCouponCode } from './coupons'

/** One member's coupons under one claim row that already exists (or is written with them). */
export interface CouponGrantee {
  memberId: string
  /** The member's tier when issued, recorded on the effectiveness records. */
  tierKey: string
  claimId: string
  grant: Pick<BenefitGrant, 'coupons'>
}

/** What every grantee of a batch shares: the benefit key (or campaign id), the rules and the business day. */
export interface CouponIssue {
  key: string
  program: Pick<PublishedProgram, 'rules' | 'version'>
  today: string
  now: Date
}

/**
 * Writes the grantees' coupons and one `claimed` effectiveness record per coupon (its face value), in one
 * bulk insert of each, and returns each grantee's coupons as written (so nobody reads
 * them back). A coupon is valid from now through the end of business day `today + validDays − 1`.
 */
export async function issueCouponBatch(
  trx: Transaction<Database>,
  issue: CouponIssue,
  grantees: readonly CouponGrantee[],
): Promise<Selectable<CouponsTable>[][]> {
  const { now, today } = issue
  const at = now.toISOString()
  const calendar = issue.program.rules.calendar
  // Every grantee's coupon of a given length ends at the same instant: one calendar reading per length.
  const ends = new Map<number, string>()
  const validUntil = (days: number) => {
    let end = ends.get(days)
    if (end === undefined) {
      end = businessDayStart(addDays(today, days), calendar).toISOString()
      ends.set(days, end)
    }
    return end
  }
  const issued = grantees.map((g) =>
    g.grant.coupons.flatMap((spec) =>
      Array.from(
        { length: spec.count },
        (): Selectable<CouponsTable> => ({
          id: newId('cpn', now.getTime()),
          code: newCouponCode(),
          member_id: g.memberId,
          benefit_key: issue.key,
          claim_id: g.claimId,
          name: spec.name,
          kind: spec.kind,
          threshold_fen: spec.thresholdFen,
          discount_fen: spec.discountFen,
          status: 'available',
          valid_from: at,
          valid_until: validUntil(spec.validDays),
          used_at: null,
          used_order_id: null,
          created_at: at,
        }),
      ),
    ),
  )
  const events = issued.flatMap((rows, n) =>
    rows.map(
      (row): Insertable<BenefitEventsTable> => ({
        id: newId('bev', now.getTime()),
        member_id: row.member_id,
        benefit_key: issue.key,
        event: 'claimed',
        coupon_id: row.id,
        tier_key: grantees[n].tierKey,
        amount_fen: row.discount_fen,
        order_id: null,
        business_day: today,
        created_at: at,
      }),
    ),
  )
  await bulkInsert(trx, 'coupons', issued.flat())
  await bulkInsert(trx, 'benefit_events', events)
  return issued
}

/**
 * Claims a benefit (or a campaign's or win-back's coupon) for many members at once — one benefit_claims row each
 * under `periodKey` (or the member's own), then their coupons through `issueCouponBatch` — so a batch of
 * any size is three bulk inserts. The claims' unique (member, benefit, period) refuses a second
 * claim: the whole batch fails, as the caller's own dedupe (a decision row per member) should have kept it from
 * being asked twice.
 */
export async function claimCouponBatch(
  trx: Transaction<Database>,
  issue: CouponIssue & { periodKey: string },
  members: readonly (Omit<CouponGrantee, 'claimId'> & { periodKey?: string })[],
): Promise<{ claimId: string; coupons: Selectable<CouponsTable>[] }[]> {
  const at = issue.now.toISOString()
  const grantees = members.map((m) => ({ ...m, claimId: newId('bcl', issue.now.getTime()) }))
  const claims = grantees.map(
    (g, n): Insertable<BenefitClaimsTable> => ({
      id: g.claimId,
      member_id: g.memberId,
      benefit_key: issue.key,
      period_key: members[n].periodKey ?? issue.periodKey,
      tier_key: g.tierKey,
      rule_version: issue.program.version,
      business_day: issue.today,
      created_at: at,
    }),
  )
  await bulkInsert(trx, 'benefit_claims', claims)
  const coupons = await issueCouponBatch(trx, issue, grantees)
  return grantees.map((g, n) => ({ claimId: g.claimId, coupons: coupons[n] }))
}
