import { AppError, type AdminMemberDetail, type ProgramRules } from '@mc/shared'
import type { Kysely } from 'kysely'
import { listCoupons } from '../benefits/coupons'
import type { Database } from '../db/schema'
import { accountBalances } from '../ledger/accounts'
import { redemptionsPage } from '../mall/redemption-view'
import { getMe } from '../membership/get-me'
import { maskedPhone } from '../membership/member-lookup'
import { publishedProgram } from '../program/published-program'
import { tierView } from '../tiers/tier-view'
import { memberInsight } from './member-tags'

/**
 * One member as the console's member page shows them. Their standing (tier, counted / pending / at-risk growth,
 * progress, points) is what their own home page computes (`getMe`); the rest are their rows, newest first.
 */
export async function memberDetail(db: Kysely<Database>, memberId: string, now: Date): Promise<AdminMemberDetail> {
  const member = await db
    .selectFrom('members')
    .leftJoin('member_codes', 'member_codes.member_id', 'members.id')
    .leftJoin('outlets', 'outlets.id', 'members.source_outlet_id')
    .select([
      'members.id',
      'members.nickname',
      'members.phone',
      'members.birthday',
      'members.joined_at',
      'members.created_at',
      'members.source_channel',
      'member_codes.card_no',
      'outlets.id as outlet_id',
      'outlets.name as outlet_name',
    ])
    .where('members.id', '=', memberId)
    .executeTakeFirst()
  if (!member) throw new AppError('MEMBER_NOT_FOUND', { memberId })
  const { rules } = await publishedProgram(db)
  const [standing, tierChanges, balances, lots, holds, coupons, redemptions, signIns, insight] = await Promise.all([
    member.joined_at === null ? null : getMe(db, memberId, now).then(({ member: _, tiers: __, ...rest }) => rest),
    db
      .selectFrom('tier_changes')
      .selectAll()
      .where('member_id', '=', memberId)
      .orderBy('id', 'desc')
      .limit(100)
      .execute(),
    accountBalances(db, memberId),
    db
      .selectFrom('ledger_lots')
      .select(['id', 'ledger', 'amount', 'remaining', 'expires_at', 'created_at'])
      .where('member_id', '=', memberId)
      .where('remaining', '>', 0)
      .orderBy('id', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('points_holds')
      .select(['id', 'points', 'ref_type', 'ref_id', 'expires_at', 'created_at'])
      .where('member_id', '=', memberId)
      .where('status', '=', 'held')
      .orderBy('id', 'desc')
      .execute(),
    listCoupons(db, memberId, { limit: 20 }, now),
    redemptionsPage(db, { memberId, limit: 10 }),
    db
      .selectFrom('sign_ins')
      .select(['business_day', 'kind', 'cycle_day', 'created_at'])
      .where('member_id', '=', memberId)
      .orderBy('business_day', 'desc')
      .limit(30)
      .execute(),
    memberInsight(db, memberId),
  ])
  return {
    member: {
      id: member.id,
      nickname: member.nickname,
      ...maskedPhone(member.phone),
      cardNo: member.card_no,
      birthday: member.birthday,
      joinedAt: member.joined_at,
      createdAt: member.created_at,
      sourceChannel: member.source_channel,
      sourceOutlet: member.outlet_id && member.outlet_name ? { id: member.outlet_id, name: member.outlet_name } : null,
    },
    standing,
    tiers: rules.tiers.map((tier) => tierView(tier, rules)),
    tierChanges: tierChanges.map((row) => ({
      id: row.id,
      kind: row.kind,
      fromKey: row.from_key,
      fromName: row.from_key === null ? null : tierName(rules, row.from_key),
      toKey: row.to_key,
      toName: tierName(rules, row.to_key),
      validUntil: row.valid_until,
      growth: Number(row.growth),
      businessDay: row.business_day,
      ruleVersion: Number(row.rule_version),
      createdAt: row.created_at,
    })),
    balances,
    // Soonest to lapse first; lots that never lapse last.
    lots: lots
      .map((row) => ({
        id: row.id,
        ledger: row.ledger,
        amount: Number(row.amount),
        remaining: Number(row.remaining),
        expiresAt: row.expires_at,
        createdAt: row.created_at,
      }))
      .sort((a, b) => (a.expiresAt ?? '\uffff').localeCompare(b.expiresAt ?? '\uffff')),
    holds: holds.map((row) => ({
      id: row.id,
      points: Number(row.points),
      refType: row.ref_type,
      refId: row.ref_id,
      expiresAt: row.expires_at,
      createdAt: row.created_at,
    })),
    coupons: coupons.coupons,
    redemptions: redemptions.redemptions,
    insight,
    signIns: signIns.map((row) => ({
      businessDay: row.business_day,
      kind: row.kind,
      cycleDay: Number(row.cycle_day),
      createdAt: row.created_at,
    })),
  }
}

/** A tier's name under the rules in force; a tier since removed from the rules keeps its key as its name. */
const tierName = (rules: ProgramRules, key: string) => rules.tiers.find((tier) => tier.key === key)?.name ?? key
