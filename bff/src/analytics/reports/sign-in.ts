import { column, figure, num, percent, table, type ReportBody, type ReportContext } from './report-kit'
import { comparisonArms, subjectComparisons } from './comparisons'

/**
 * Sign-in: sign-ins and make-ups per day, where members stand in their streak cycle at `asOf`, and whether members
 * who signed in order more over the next 30 days than members who did not (with the self-selection caveat).
 */
export async function signInReport(ctx: ReportContext): Promise<ReportBody> {
  const { db, range } = ctx
  const days = await db
    .selectFrom('snapshot_days')
    .select(['business_day', 'sign_ins', 'make_ups'])
    .where('business_day', '>=', range.from)
    .where('business_day', '<=', range.to)
    .orderBy('business_day')
    .execute()
  const streaks = await db
    .selectFrom('snapshot_sign_in_streaks')
    .select(['cycle_day', 'members'])
    .where('business_day', '=', range.asOf)
    .orderBy('cycle_day')
    .execute()
  const signIns = days.reduce((s, d) => s + num(d.sign_ins), 0)
  const makeUps = days.reduce((s, d) => s + num(d.make_ups), 0)
  const comparisons = subjectComparisons(await comparisonArms(ctx, ['sign_in']), 'sign_in', '签到会员', {
    treated: '签到过的会员',
    control: '没签到的会员',
  })
  return {
    notices: [
      {
        tone: 'info',
        text: '签到会员与未签到会员的对比：签到是会员自己选择的，常来的人本来就更爱消费，差异不等于签到带来的效果',
      },
    ],
    figures: [
      figure('signIns', '签到次数', signIns, 'count', `${range.from} 至 ${range.to}`),
      figure(
        'signInsPerDay',
        '日均签到',
        days.length > 0 ? Math.round((signIns / days.length) * 10) / 10 : null,
        'count',
        `${days.length} 天有统计`,
      ),
      figure('makeUps', '补签次数', makeUps, 'count'),
      figure('makeUpShare', '补签占比', percent(makeUps, signIns), 'percent', '补签 ÷ 签到'),
    ],
    comparisons,
    tables: [
      table(
        'daily',
        '每日签到',
        [column('day', '日期', 'text'), column('signIns', '签到', 'count'), column('makeUps', '补签', 'count')],
        days.map((d) => ({ day: d.business_day, signIns: num(d.sign_ins), makeUps: num(d.make_ups) })),
        { kind: 'line', x: 'day', series: ['signIns', 'makeUps'] },
        days.length < 2 ? '只有 1 天的快照，画不出趋势' : null,
      ),
      table(
        'streaks',
        `连续签到天数分布（截至 ${range.asOf}）`,
        [column('cycleDay', '连续签到第几天', 'days'), column('members', '人数', 'count')],
        streaks.map((s) => ({ cycleDay: num(s.cycle_day), members: num(s.members) })),
        { kind: 'bar', x: 'cycleDay', series: ['members'] },
      ),
    ],
    links: [],
  }
}
