import { Text, View } from '@tarojs/components'
import type { Comparison } from '@mc/shared'
import { groupThousands } from '../../format'
import { type ConsoleColumn, ConsoleTable } from '../components/console-table'
import { differenceText, formatValue, verdictLabels } from './insights-copy'

const verdictTone: Record<Comparison['verdict'], string> = {
  higher: 'console-badge--green',
  lower: 'console-badge--red',
  no_clear_difference: '',
  insufficient: 'console-badge--orange',
}

/**
 * The comparisons of a report as one table — a holdout first when there is one — with each verdict: 样本不足 says
 * how many members per group it would take. Caveats (users choose themselves) are said once above the table.
 */
export function ComparisonsCard({ comparisons }: { comparisons: Comparison[] }) {
  const sorted = [...comparisons].sort((a, b) => Number(b.design === 'holdout') - Number(a.design === 'holdout'))
  const caveats = [...new Set(sorted.map((c) => c.caveat).filter((c): c is string => c !== null))]
  return (
    <View className='console-card' data-testid='report-comparisons'>
      <View className='console-card__head'>
        <Text className='console-card__title'>效果对比</Text>
        <Text className='console-card__sub'>差值为两组人均之差，括号内为 95% 置信区间</Text>
      </View>
      {caveats.map((caveat) => (
        <Text key={caveat} className='insights-comparison__caveat'>
          {caveat}
        </Text>
      ))}
      <ConsoleTable
        columns={columns}
        rows={sorted}
        rowKey={(row) => row.key}
        rowTestId={(row) => `comparison-${row.key}`}
      />
    </View>
  )
}

const mean = (comparison: Comparison, arm: Comparison['treated']) =>
  comparison.metric === 'spend_fen' ? formatValue(arm.meanSpendFen, 'fen') : formatValue(arm.meanOrders, 'count')

/** The arm's mean, and under it who they are and how many. */
const armCell = (comparison: Comparison, arm: Comparison['treated']) => (
  <View className='insights-comparison__cell'>
    <Text>{mean(comparison, arm)}</Text>
    <Text className='console-muted'>
      {arm.label} {groupThousands(arm.members)} 人
    </Text>
  </View>
)

/** The difference, and its 95% interval on a line of its own. */
const differenceCell = (comparison: Comparison) => {
  const [difference, interval] = differenceText(comparison).split('（')
  return (
    <View className='insights-comparison__cell'>
      <Text>{difference}</Text>
      {interval ? <Text className='console-muted'>（{interval}</Text> : null}
    </View>
  )
}

const columns: ConsoleColumn<Comparison>[] = [
  {
    key: 'title',
    title: '对比',
    main: true,
    render: (c) => (
      <View className='insights-comparison__head'>
        <Text>{c.title}</Text>
        <Text className={`console-badge ${c.design === 'holdout' ? 'console-badge--blue' : ''}`}>
          {c.design === 'holdout' ? '随机对照组' : '自选对照'}
        </Text>
      </View>
    ),
  },
  { key: 'treated', title: '使用组人均', render: (c) => armCell(c, c.treated) },
  { key: 'control', title: '对照组人均', render: (c) => armCell(c, c.control) },
  { key: 'difference', title: '差值', render: differenceCell },
  {
    key: 'verdict',
    title: '结论',
    end: true,
    render: (c) => (
      <View className='insights-comparison__verdict'>
        <Text className={`console-badge ${verdictTone[c.verdict]}`} data-testid='comparison-verdict'>
          {verdictLabels[c.verdict]}
        </Text>
        {c.verdict === 'insufficient' && c.membersNeeded !== null ? (
          <Text className='console-muted'>每组约需 {groupThousands(c.membersNeeded)} 人</Text>
        ) : null}
      </View>
    ),
  },
]
