import { addDays, type WeeklyActions } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { publishedProgram } from '../../program/published-program'
import { readInsightSettings } from '../insight-settings'
import { num, percent, pointsToFen } from './report-kit'
import { topTierWarningPercent } from './tier-shape'

type Action = WeeklyActions['actions'][number]

const report = (key: string, label: string) => ({ label, route: 'merchantInsightReport', query: { report: key } })
const yuan = (fen: number) => `¥${Math.round(fen / 100).toLocaleString('en-US')}`

/** The Monday of a day's week: the owner's list is the week's, refreshed as each night's snapshot lands. */
export const mondayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7))

/**
 * The owner's short list for the week from the latest snapshots: each with its number and one tap to a list or a
 * report. At most five, most valuable first; a candidate whose number is zero is left out.
 */
export async function weeklyActions(db: Kysely<Database>): Promise<WeeklyActions> {
  const latest = await db
    .selectFrom('snapshot_days')
    .select((eb) => eb.fn.max('business_day').as('day'))
    .executeTakeFirst()
  const asOf = latest?.day ?? null
  if (asOf === null) return { weekOf: null, asOf: null, actions: [] }
  const [{ rules }, settings] = await Promise.all([publishedProgram(db), readInsightSettings(db)])
  const name = (key: string) => rules.tiers.find((t) => t.key === key)?.name ?? key
  const actions: Action[] = []

  const scored = await db
    .selectFrom('snapshot_segments')
    .select((eb) => eb.fn.max('business_day').as('day'))
    .executeTakeFirst()
  const segments = scored?.day
    ? await db
        .selectFrom('snapshot_segments')
        .select(['dimension', 'segment', 'tier_key', 'members'])
        .where('business_day', '=', scored.day)
        .where((eb) => eb.or([eb('segment', '=', 'important_retain'), eb('segment', '=', 'dormant')]))
        .execute()
    : []
  // The highest tier with members slipping away: those are the members the program was built to keep.
  for (const tier of [...rules.tiers].reverse().slice(0, -1)) {
    const n = num(
      segments.find((s) => s.dimension === 'rfm' && s.segment === 'important_retain' && s.tier_key === tier.key)
        ?.members,
    )
    if (n === 0) continue
    actions.push({
      key: 'important-retain',
      text: `${tier.name}中 ${n} 人曾经消费高、最近没来（重要挽留）`,
      figure: n,
      unit: 'count',
      action: {
        label: '查看名单',
        route: 'merchantInsightMembers',
        query: { rfmGroup: 'important_retain', tier: tier.key },
      },
    })
    break
  }

  const expiring = await db
    .selectFrom('snapshot_days')
    .select('points_expiring_next_month')
    .where('points_expiring_next_month', 'is not', null)
    .orderBy('business_day', 'desc')
    .limit(1)
    .executeTakeFirst()
  const expiringFen = pointsToFen(num(expiring?.points_expiring_next_month), settings)
  if (expiringFen > 0) {
    actions.push({
      key: 'expiring-points',
      text: `下月将过期积分折合 ${yuan(expiringFen)}，提醒会员来兑换`,
      figure: expiringFen,
      unit: 'fen',
      action: report('points-economy', '看积分经济'),
    })
  }

  actions.push(
    ...(await tierActions(
      db,
      rules.tiers.map((t) => t.key),
      name,
    )),
  )

  const dormant = segments
    .filter((s) => s.dimension === 'lifecycle' && s.segment === 'dormant')
    .reduce((s, r) => s + num(r.members), 0)
  if (dormant > 0) {
    actions.push({
      key: 'dormant',
      text: `${dormant} 位会员 ${settings.lifecycle.activeDays} 天以上没有消费（沉睡）`,
      figure: dormant,
      unit: 'count',
      action: { label: '查看名单', route: 'merchantInsightMembers', query: { lifecycle: 'dormant' } },
    })
  }
  return { weekOf: mondayOf(asOf), asOf, actions: actions.slice(0, 5) }
}

/** Near the next tier, retain at risk, and the top tier's share, from the latest nightly-built tier rows. */
async function tierActions(db: Kysely<Database>, tierKeys: string[], name: (key: string) => string): Promise<Action[]> {
  const day = await db
    .selectFrom('snapshot_tier_members')
    .select((eb) => eb.fn.max('business_day').as('day'))
    .where('near_next', 'is not', null)
    .executeTakeFirst()
  if (!day?.day) return []
  const rows = await db
    .selectFrom('snapshot_tier_members')
    .select(['tier_key', 'members', 'near_next', 'retain_at_risk_30d'])
    .where('business_day', '=', day.day)
    .execute()
  const out: Action[] = []
  const tierReport = report('tier-health', '看等级健康度')
  const candidates = tierKeys
    .slice(0, -1)
    .map((key, i) => ({ key, next: tierKeys[i + 1], n: num(rows.find((r) => r.tier_key === key)?.near_next) }))
  const best = candidates.sort((a, b) => b.n - a.n)[0]
  if (best && best.n > 0) {
    out.push({
      key: 'near-next',
      text: `${name(best.key)} → ${name(best.next)} 差 20% 以内的有 ${best.n} 人`,
      figure: best.n,
      unit: 'count',
      action: tierReport,
    })
  }
  const atRisk = rows.reduce((s, r) => s + num(r.retain_at_risk_30d), 0)
  if (atRisk > 0) {
    out.push({
      key: 'retain-at-risk',
      text: `${atRisk} 位会员 30 天内可能保级失败`,
      figure: atRisk,
      unit: 'count',
      action: tierReport,
    })
  }
  const total = rows.reduce((s, r) => s + num(r.members), 0)
  const top = tierKeys[tierKeys.length - 1]
  const share = percent(num(rows.find((r) => r.tier_key === top)?.members), total)
  if (share !== null && share > topTierWarningPercent) {
    out.push({
      key: 'top-tier-share',
      text: `${name(top)}占会员 ${share}%，超过 ${topTierWarningPercent}%，可考虑提高门槛`,
      figure: share,
      unit: 'percent',
      action: tierReport,
    })
  }
  return out
}
