import { column, figure, latestScoredDay, num, percent, table, type ReportBody, type ReportContext } from './report-kit'
import { comparisonArms, subjectComparisons } from './comparisons'

/**
 * Benefit effectiveness: per benefit the eligible members, claim and use rates (members who claimed or used it in
 * the 90 days to `asOf`), claims and uses in the range, and orders and spend of users versus eligible non-users over
 * 30 and 90 days — treated versus a holdout first where the engagement issue keeps one.
 */
export async function benefitEffectReport(ctx: ReportContext): Promise<ReportBody> {
  const { db, range, rules } = ctx
  const reachDay = await latestScoredDay(ctx, 'snapshot_benefit_reach')
  const reach = reachDay
    ? await db
        .selectFrom('snapshot_benefit_reach')
        .select(['benefit_key', 'eligible', 'claimers_90d', 'users_90d'])
        .where('business_day', '=', reachDay)
        .execute()
    : []
  const activity = await db
    .selectFrom('snapshot_benefits')
    .select((eb) => [
      'benefit_key',
      eb.fn.sum<number>('claims').as('claims'),
      eb.fn.sum<number>('uses').as('uses'),
      eb.fn.sum<number>('amount_fen').as('amount_fen'),
    ])
    .where('business_day', '>=', range.from)
    .where('business_day', '<=', range.to)
    .groupBy('benefit_key')
    .execute()
  const keys = [...new Set([...Object.keys(rules.benefits), ...reach.map((r) => r.benefit_key)])]
  const name = (key: string) => rules.benefits[key]?.name ?? key
  const rows = keys
    .map((key) => {
      const r = reach.find((x) => x.benefit_key === key)
      const a = activity.find((x) => x.benefit_key === key)
      const eligible = num(r?.eligible)
      return {
        benefit: name(key),
        eligible,
        claimers: num(r?.claimers_90d),
        users: num(r?.users_90d),
        claimRate: percent(num(r?.claimers_90d), eligible),
        useRate: percent(num(r?.users_90d), eligible),
        claims: num(a?.claims),
        uses: num(a?.uses),
        amountFen: num(a?.amount_fen),
      }
    })
    .filter((row) => row.eligible > 0 || row.claims > 0 || row.uses > 0)
  const arms = await comparisonArms(ctx, 'benefits')
  const comparisons = keys.flatMap((key) =>
    subjectComparisons(arms, `benefit:${key}`, name(key), { treated: '用过的会员', control: '有资格但没用的会员' }),
  )
  comparisons.sort((a, b) => (a.design === b.design ? 0 : a.design === 'holdout' ? -1 : 1))
  const notices = [
    {
      tone: 'info' as const,
      text: comparisons.some((c) => c.design === 'holdout')
        ? '有随机对照组的权益先看“对照组”比较；其余比较中的会员是自己选择使用的，差异不等于权益的效果'
        : '对比中的会员是自己选择使用权益的：本来就爱消费的人更可能使用，差异不等于权益的效果',
    },
  ]
  return {
    notices,
    figures: [
      figure(
        'claims',
        '领取次数',
        rows.reduce((s, r) => s + r.claims, 0),
        'count',
        `${range.from} 至 ${range.to}`,
      ),
      figure(
        'uses',
        '使用次数',
        rows.reduce((s, r) => s + r.uses, 0),
        'count',
      ),
      figure(
        'amountFen',
        '权益金额',
        rows.reduce((s, r) => s + r.amountFen, 0),
        'fen',
      ),
    ],
    comparisons,
    tables: [
      table(
        'benefits',
        `各权益触达（近 90 天，截至 ${reachDay ?? range.asOf}）`,
        [
          column('benefit', '权益', 'text'),
          column('eligible', '有资格人数', 'count'),
          column('claimers', '领取人数', 'count'),
          column('users', '使用人数', 'count'),
          column('claimRate', '领取率(%)', 'percent'),
          column('useRate', '使用率(%)', 'percent'),
          column('claims', '范围内领取次数', 'count'),
          column('uses', '范围内使用次数', 'count'),
          column('amountFen', '范围内金额(元)', 'fen'),
        ],
        rows,
        { kind: 'grouped_bar', x: 'benefit', series: ['claimRate', 'useRate'] },
        reach.length === 0 ? '还没有权益触达统计（由夜间评分生成）' : null,
      ),
    ],
    links: [],
  }
}
