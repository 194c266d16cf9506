import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { rfmGroups, type SegmentFilter, type SegmentPreview } from '@mc/shared'
import { failureOf } from '../../api/client'
import { type ConsoleColumn, ConsoleTable } from '../components/console-table'
import { previewSegment } from './automation-api'
import { countText } from './automation-copy'

type Member = SegmentPreview['sample'][number]

const rfmLabel = (key: string | null) => rfmGroups.find((g) => g.key === key)?.label ?? '—'
const columns: ConsoleColumn<Member>[] = [
  { key: 'name', title: '会员', main: true, render: (m) => m.nickname ?? m.memberId },
  { key: 'phone', title: '手机', render: (m) => m.phoneMasked ?? '—' },
  { key: 'tier', title: '等级', render: (m) => m.tierName ?? '—' },
  { key: 'rfm', title: 'RFM', render: (m) => rfmLabel(m.rfmGroup) },
  { key: 'points', title: '积分', end: true, render: (m) => countText(m.pointsBalance) },
  { key: 'last', title: '最近下单', end: true, render: (m) => m.lastOrderDay ?? '从未' },
]

/** The live preview of a filter: the last answer, whether a newer one is on its way, and a failure. */
export interface SegmentPreviewState {
  preview: SegmentPreview | null
  /** True while a newer answer is awaited, or the filter has errors (the last count is then out of date). */
  stale: boolean
  error: string | null
}

/**
 * How many members the filter selects now, and 20 of them. Asked 400 ms after the last edit; an answer to an
 * older filter is dropped, and while a filter has errors (null) the last count stays, marked out of date.
 */
export function useSegmentPreview(filter: SegmentFilter | null): SegmentPreviewState {
  const [preview, setPreview] = useState<SegmentPreview | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(0)
  const key = filter ? JSON.stringify(filter) : null
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the filter's content.
  useEffect(() => {
    if (!filter) return
    const request = ++latest.current
    setLoading(true)
    const timer = setTimeout(async () => {
      try {
        const answer = await previewSegment(filter)
        if (request !== latest.current) return
        setPreview(answer)
        setError(null)
      } catch (failure) {
        if (request === latest.current) setError(failureOf(failure).message)
      } finally {
        if (request === latest.current) setLoading(false)
      }
    }, 400)
    return () => clearTimeout(timer)
  }, [key])
  return { preview, stale: loading || filter === null, error }
}

/** The count and the sample beside the builder (below it on a phone). */
export function SegmentPreviewCard({ state }: { state: SegmentPreviewState }) {
  const { preview, stale, error } = state
  return (
    <View className='console-card' data-testid='segment-preview'>
      <View className='console-card__head'>
        <Text className='console-card__title'>符合条件的会员</Text>
        <Text className='console-card__sub'>{stale ? '计算中…' : '按当前数据实时计算'}</Text>
      </View>
      <Text className={`eng-count ${stale ? 'eng-count--stale' : ''}`} data-testid='segment-count'>
        {preview ? countText(preview.count) : '—'}
      </Text>
      <Text className='console-muted'>人 · 发送时按当时的数据重新计算</Text>
      {error ? <Text className='eng-error-text'>{error}</Text> : null}
      {preview ? (
        <View data-testid='segment-sample'>
          <Text className='eng-section-title'>示例会员（前 {preview.sample.length} 位）</Text>
          <ConsoleTable columns={columns} rows={preview.sample} rowKey={(m) => m.memberId} empty='没有符合条件的会员' />
        </View>
      ) : null}
    </View>
  )
}

/** The count pinned under the filters on a phone, so each tap shows its effect without scrolling down. */
export function SegmentCountBar({ state }: { state: SegmentPreviewState }) {
  return (
    <View className='eng-count-bar'>
      <Text className='console-muted'>{state.stale ? '计算中…' : '符合条件'}</Text>
      <Text className={`eng-count-bar__value ${state.stale ? 'eng-count--stale' : ''}`}>
        {state.preview ? `${countText(state.preview.count)} 人` : '—'}
      </Text>
    </View>
  )
}
