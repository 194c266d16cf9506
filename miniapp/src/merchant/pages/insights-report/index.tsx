import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { ReportKey, reportTitles, type ReportAnswer, type ReportQuery, type ReportTable } from '@mc/shared'
import { failureOf } from '../../../api/client'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { consoleCall } from '../../console-call'
import { downloadReportCsv } from '../../insights/csv-download'
import { loadReport, reportCsvPath } from '../../insights/insights-api'
import { presetRange } from '../../insights/insights-copy'
import { ReportFilters, type FilterChoice, type ReportFilterState } from '../../insights/report-filters'
import { ReportView } from '../../insights/report-view'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../insights/insights.css'

const initialFilters: ReportFilterState = {
  preset: '30',
  from: null,
  to: null,
  tier: null,
  outletId: null,
  periodDays: '90',
}

/**
 * One insights report (`?report=tier-health`), drawn from its ReportAnswer: range presets and a custom range,
 * the tier, store and period switches the report honours, and a CSV download per table.
 */
export default function MerchantInsightReportPage() {
  const parsed = ReportKey.safeParse(useRouter().params.report)
  const report: ReportKey = parsed.success ? parsed.data : 'tier-health'
  const ready = useConsoleAccess('insights')
  const mayReadOutlets = useCan('outlets.read')
  const [filters, setFilters] = useState(initialFilters)
  const [bounds, setBounds] = useState<{ from: string | null; to: string | null }>({ from: null, to: null })
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null)
  const query = queryOf(report, filters, bounds)
  const answer = useConsoleLoad<ReportAnswer>(
    ready,
    async () => {
      const loaded = await loadReport(report, query)
      setBounds({ from: loaded.dataFrom, to: loaded.dataTo })
      return loaded
    },
    JSON.stringify(query),
  )
  const withTiers = report === 'tier-health' || report === 'rfm' || report === 'tags'
  const tiers = useConsoleLoad<FilterChoice[]>(ready && withTiers, async () => {
    const ladder = await consoleCall((api) => api.program.tiers.$get())
    return ladder.tiers.map((tier) => ({ key: tier.id, label: tier.name }))
  })
  const outlets = useConsoleLoad<FilterChoice[]>(ready && report === 'store-funnel' && mayReadOutlets, async () => {
    const answered = await consoleCall((api) => api.admin.outlets.$get())
    return answered.outlets.map((outlet) => ({ key: outlet.id, label: outlet.name }))
  })

  const download = async (table: ReportTable) => {
    setNotice(null)
    try {
      const name = await downloadReportCsv(
        reportCsvPath(report, table.key, query),
        `${reportTitles[report]}-${table.title}.csv`,
      )
      setNotice({ error: false, text: `已导出 ${name}` })
    } catch (error) {
      setNotice({ error: true, text: failureOf(error).message })
    }
  }
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.merchantInsights }))
  const actions = (
    <ConsoleButton size='small' loading={answer.loading && answer.data !== null} onClick={() => void answer.reload()}>
      刷新
    </ConsoleButton>
  )

  return (
    <ConsoleShell active='insights' title={reportTitles[report]} actions={actions}>
      <View className='member-back'>
        <ConsoleButton kind='link' onClick={back}>
          ‹ 返回经营分析
        </ConsoleButton>
      </View>
      <ReportFilters
        state={filters}
        onChange={setFilters}
        dataFrom={bounds.from}
        dataTo={bounds.to}
        tiers={withTiers ? (tiers.data ?? []) : null}
        outlets={report === 'store-funnel' && mayReadOutlets ? (outlets.data ?? []) : null}
        period={report === 'tier-health'}
      />
      {notice ? (
        <View
          className={`console-notice ${notice.error ? 'console-notice--error' : 'console-notice--success'}`}
          data-testid='csv-notice'
        >
          {notice.text}
        </View>
      ) : null}
      {answer.failure ? (
        <View className='console-notice console-notice--error' data-testid='report-failure'>
          {answer.failure.message}
        </View>
      ) : null}
      {answer.data && answer.data.report === report ? (
        <View className={answer.loading ? 'insights-loading' : ''}>
          <ReportView answer={answer.data} onDownload={download} />
        </View>
      ) : !answer.failure ? (
        <View className='console-empty'>加载中…</View>
      ) : null}
    </ConsoleShell>
  )
}

/**
 * The request of the filters: 近 30 天 is the server's default range, so it sends no dates (the first request needs
 * no bounds); the longer presets end at the latest snapshot day the last answer named.
 */
function queryOf(report: ReportKey, filters: ReportFilterState, bounds: { from: string | null; to: string | null }) {
  const query: ReportQuery = {}
  if (filters.preset === 'custom') {
    if (filters.from) query.from = filters.from
    if (filters.to) query.to = filters.to
  } else if (filters.preset !== '30') {
    const range = presetRange(filters.preset, bounds.from, bounds.to)
    if (range) Object.assign(query, range)
  }
  if (filters.tier && (report === 'tier-health' || report === 'rfm' || report === 'tags')) query.tier = filters.tier
  if (filters.outletId && report === 'store-funnel') query.outletId = filters.outletId
  if (report === 'tier-health') query.periodDays = filters.periodDays
  return query
}
