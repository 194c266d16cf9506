import { Text, View } from '@tarojs/components'
import type { AutomationResults } from '@mc/shared'
import { ReportView } from '../insights/report-view'
import type { ConsoleLoad } from '../use-console-load'
import { downloadTableCsv } from './results-csv'

/**
 * The results of a rule or a campaign, drawn by the insights report view (figures, charts and tables, then the
 * treated-versus-holdout comparisons with their 95% intervals, or 样本不足 with the members needed).
 */
export function ResultsSection({ title, results }: { title: string; results: ConsoleLoad<AutomationResults> }) {
  return (
    <View data-testid='engagement-results'>
      <Text className='eng-section-title'>{title}</Text>
      {results.failure ? (
        <View className='console-notice console-notice--error'>{results.failure.message}</View>
      ) : results.data ? (
        <ReportView
          answer={results.data}
          onDownload={(table) => downloadTableCsv(table, `${results.data?.title ?? '效果'}-${table.title}`)}
        />
      ) : (
        <View className='console-empty'>加载中…</View>
      )}
    </View>
  )
}
