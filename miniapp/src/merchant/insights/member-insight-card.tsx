import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { ManualTagBody, type MemberInsight } from '@mc/shared'
import { chineseDate } from '../../format'
import { failureOf } from '../../api/client'
import { ConsoleButton } from '../components/console-button'
import { addManualTag, removeManualTag } from './insights-api'
import { formatValue } from './insights-copy'
import './insights.css'

export interface MemberInsightCardProps {
  memberId: string
  /** Null while the member has not been scored (the nightly statistics have not run since they joined). */
  insight: MemberInsight | null
  /** With `members.adjust`: manual tags can be added and removed. */
  mayTag: boolean
  /** Called after a tag was added or removed, so the page reloads the member. */
  onChanged: () => void
}

/** A member's RFM group and scores, lifecycle stage, CLV and tags; operators may add and remove manual tags. */
export function MemberInsightCard({ memberId, insight, mayTag, onChanged }: MemberInsightCardProps) {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (send: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      await send()
      onChanged()
      return true
    } catch (failure) {
      setError(failureOf(failure).message)
      return false
    } finally {
      setBusy(false)
    }
  }
  const add = async () => {
    const parsed = ManualTagBody.safeParse({ tag: text })
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '标签无效')
      return
    }
    if (await run(() => addManualTag(memberId, parsed.data.tag))) setText('')
  }
  const scores = insight?.scores
  return (
    <View className='console-card' data-testid='member-insight'>
      <View className='console-card__head'>
        <Text className='console-card__title'>会员洞察</Text>
        {insight?.asOf ? <Text className='console-card__sub'>截至 {chineseDate(insight.asOf)}</Text> : null}
      </View>
      <View className='insights-facts'>
        <Fact label='RFM 分组' value={insight?.rfmGroupLabel ?? '暂无订单'} testId='member-rfm' />
        <Fact label='生命周期' value={insight?.lifecycleLabel ?? '—'} testId='member-lifecycle' />
        <Fact label='R / F / M 得分' value={scores ? `${scores.r} / ${scores.f} / ${scores.m}` : '—'} />
        <Fact label='预估 CLV' value={formatValue(insight?.clvFen ?? null, 'fen')} />
        <Fact label='最近消费' value={insight?.lastOrderDay ? chineseDate(insight.lastOrderDay) : '—'} />
      </View>
      <Text className='console-field__label'>标签</Text>
      <View className='insights-tags' data-testid='member-tags'>
        {(insight?.tags ?? []).length === 0 ? <Text className='console-muted'>暂无标签</Text> : null}
        {(insight?.tags ?? []).map(({ tag, source }) => (
          <Text
            key={tag}
            className={`console-badge insights-tag console-badge--${source === 'manual' ? 'blue' : 'green'}`}
            data-testid={`member-tag-${tag}`}
          >
            {tag}
            {source === 'manual' && mayTag ? (
              <Text
                className='insights-tag__remove'
                data-testid={`member-tag-remove-${tag}`}
                onClick={() => void run(() => removeManualTag(memberId, tag))}
              >
                ×
              </Text>
            ) : null}
          </Text>
        ))}
      </View>
      {mayTag ? (
        <View className='insights-tag-form'>
          <Input
            className='console-input insights-tag-form__input'
            name='member-tag'
            placeholder='添加手动标签，如 老客推荐'
            maxlength={16}
            value={text}
            onInput={(e) => setText(e.detail.value)}
            onConfirm={() => void add()}
          />
          <ConsoleButton testId='member-tag-add' loading={busy} onClick={() => void add()}>
            添加
          </ConsoleButton>
        </View>
      ) : null}
      {error ? <Text className='console-field__error'>{error}</Text> : null}
    </View>
  )
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className='insights-fact' data-testid={testId}>
      <Text className='console-muted'>{label}</Text>
      <Text className='insights-fact__value'>{value}</Text>
    </View>
  )
}
