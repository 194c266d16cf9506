import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ReportAnswer, ReportFigure, ReportTable } from '@mc/shared'
import { failureOf } from '../../api/client'
import { chineseDate } from '../../format'
import { ConsoleButton } from '../components/console-button'
import { ComparisonsCard } from './comparison-card'
import { consoleRouteUrl } from './insights-routes'
import { formatValue } from './insights-copy'
import { ReportTableCard } from './report-table-card'
import { openWhatIfDraft } from './what-if'
import { openPage } from '../../open-page'

/** A report's answer, or any answer of the same shape under another key (a journey's or a campaign's results). */
export type ShownReport = Omit<ReportAnswer, 'report'> & { report: string }

/**
 * A report as the API answers it: notices, headline figures, links (what-if into the simulator), every table
 * with its chart, then the comparisons (a holdout first when there is one).
 */
export function ReportView(props: { answer: ShownReport; onDownload: (table: ReportTable) => Promise<void> }) {
  const { answer, onDownload } = props
  const [linkError, setLinkError] = useState<string | null>(null)
  const follow = async (link: ReportAnswer['links'][number]) => {
    setLinkError(null)
    try {
      if (link.route === 'merchantDraft') await openWhatIfDraft(link.query)
      else await openPage(consoleRouteUrl(link.route, link.query))
    } catch (error) {
      setLinkError(failureOf(error).message)
    }
  }
  return (
    <View data-testid={`report-${answer.report}`}>
      <Text className='console-muted insights-asof' data-testid='report-range'>
        {chineseDate(answer.from)} 至 {chineseDate(answer.to)} · 数据截至 {chineseDate(answer.asOf)}
      </Text>
      {answer.notices.map((notice) => (
        <View
          key={notice.text}
          className={`console-notice ${notice.tone === 'info' ? 'insights-notice--info' : ''}`}
          data-testid='report-notice'
        >
          {notice.text}
        </View>
      ))}
      {answer.figures.length > 0 ? (
        <View className='console-stats insights-figures'>
          {answer.figures.map((figure) => (
            <FigureTile key={figure.key} figure={figure} />
          ))}
        </View>
      ) : null}
      {answer.links.length > 0 ? (
        <View className='console-card insights-links'>
          {answer.links.map((link, index) => (
            <ConsoleButton
              key={`${link.route}-${link.label}`}
              kind='link'
              testId={`report-link-${index}`}
              onClick={() => void follow(link)}
            >
              {`${link.label} ›`}
            </ConsoleButton>
          ))}
          {linkError ? <Text className='console-field__error'>{linkError}</Text> : null}
        </View>
      ) : null}
      {answer.tables.map((table) => (
        <ReportTableCard key={table.key} table={table} onDownload={onDownload} />
      ))}
      {answer.comparisons.length > 0 ? <ComparisonsCard comparisons={answer.comparisons} /> : null}
    </View>
  )
}

function FigureTile({ figure }: { figure: ReportFigure }) {
  return (
    <View
      className={`console-stat insights-figure insights-figure--${figure.tone}`}
      data-testid={`figure-${figure.key}`}
    >
      <Text className='console-stat__label'>{figure.label}</Text>
      <Text className='console-stat__value'>{formatValue(figure.value, figure.unit)}</Text>
      {figure.hint ? <Text className='console-stat__note'>{figure.hint}</Text> : null}
    </View>
  )
}
