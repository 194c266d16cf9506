import { useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { channelLabels, type JourneyKey, type MessageCopy } from '@mc/shared'
import { failureOf } from '../../api/client'
import { ConsoleButton } from '../components/console-button'
import { previewJourney } from './automation-api'

type Preview = Awaited<ReturnType<typeof previewJourney>>

/** Which member the server used: one the rule would pick today, the one asked for, or any member. */
const sourceLabels: Record<Preview['source'], string> = {
  due: '今天会触发此规则',
  chosen: '指定会员',
  sample: '示例会员',
}

/**
 * The message as one real member would get it: the server fills the copy with that member's values (the first
 * member the rule fits when none is named). Asked again 400 ms after the copy stops changing (the page keeps
 * `copy` the same object while its text is unchanged).
 */
export function RulePreview({ ruleKey, copy }: { ruleKey: JourneyKey; copy: MessageCopy }) {
  const [memberId, setMemberId] = useState('')
  const [asked, setAsked] = useState<string | null>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(0)
  useEffect(() => {
    if (copy.title.trim() === '' || copy.body.trim() === '') return
    const request = ++latest.current
    const timer = setTimeout(async () => {
      try {
        const answer = await previewJourney(ruleKey, copy, asked)
        if (request === latest.current) {
          setPreview(answer)
          setError(null)
        }
      } catch (failure) {
        if (request === latest.current) setError(failureOf(failure).message)
      }
    }, 400)
    return () => clearTimeout(timer)
  }, [ruleKey, copy, asked])

  return (
    <View className='console-card' data-testid='rule-preview'>
      <View className='console-card__head'>
        <Text className='console-card__title'>预览</Text>
        <Text className='console-card__sub'>用真实会员的数据填入占位符</Text>
      </View>
      <View className='eng-tag-input eng-preview__who'>
        <Input
          className='console-input'
          name='preview-member'
          placeholder='会员 ID（留空则自动选一位）'
          value={memberId}
          onInput={(e) => setMemberId(e.detail.value)}
        />
        <ConsoleButton size='small' testId='preview-member' onClick={() => setAsked(memberId.trim() || null)}>
          预览
        </ConsoleButton>
      </View>
      {error ? <Text className='eng-error-text'>{error}</Text> : null}
      {preview ? (
        <>
          <Text className='console-muted' data-testid='preview-member-name'>
            会员：{preview.member.nickname}
          </Text>
          <Text className='console-muted'>
            {` · ${sourceLabels[preview.source]} · ${preview.channels.map((c) => channelLabels[c]).join('、')}`}
          </Text>
          <View className='eng-preview' data-testid='preview-message'>
            <Text className='eng-preview__title' data-testid='preview-title'>
              {preview.title}
            </Text>
            <Text className='eng-preview__body' data-testid='preview-body'>
              {preview.body}
            </Text>
          </View>
          <View className='eng-values'>
            {Object.entries(preview.values).map(([name, value]) => (
              <Text key={name} className='console-muted'>
                {`{${name}}`} = {value}
              </Text>
            ))}
          </View>
        </>
      ) : !error ? (
        <View className='console-empty'>加载中…</View>
      ) : null}
    </View>
  )
}
