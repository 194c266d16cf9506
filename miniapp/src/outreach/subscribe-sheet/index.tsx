import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { SubscribePrompt } from '@mc/shared'
import { sheetAnswers, type SubscribeAnswer } from '../subscribe-answers'
import './index.css'

/** What the member chose in the sheet: the same body the mini-program sends after WeChat's own prompt. */
export interface SheetAnswer {
  results: Record<string, SubscribeAnswer>
  keepChoice: boolean
}

export interface SubscribeSheetProps {
  templates: SubscribePrompt['templates']
  onAnswer(answer: SheetAnswer): void
}

/**
 * H5's stand-in for WeChat's subscribe prompt, laid out like it: the app asking, one switch per message, the
 * "总是保持以上选择" box, and 取消 / 允许. The mini-program shows WeChat's own sheet instead.
 */
export function SubscribeSheet({ templates, onAnswer }: SubscribeSheetProps) {
  const [off, setOff] = useState<ReadonlySet<string>>(new Set())
  const [keep, setKeep] = useState(false)
  const ids = templates.map((t) => t.templateId)
  const toggle = (id: string) =>
    setOff((now) => {
      const next = new Set(now)
      if (!next.delete(id)) next.add(id)
      return next
    })
  const answer = (allowed: boolean) => onAnswer({ results: sheetAnswers(ids, off, allowed), keepChoice: keep })

  return (
    <View className='subscribe-sheet' data-testid='subscribe-sheet'>
      <View className='subscribe-sheet__mask' />
      <View className='subscribe-sheet__panel' role='dialog' aria-label='订阅消息'>
        <View className='subscribe-sheet__app'>
          <View className='subscribe-sheet__logo'>
            <Text>会</Text>
          </View>
          <Text className='subscribe-sheet__app-name'>会员中心 申请</Text>
        </View>
        <Text className='subscribe-sheet__title'>发送以下消息</Text>
        <View className='subscribe-sheet__list'>
          {templates.map((t) => {
            const on = !off.has(t.templateId)
            return (
              <View
                key={t.templateId}
                className='subscribe-sheet__item'
                role='switch'
                aria-checked={on}
                data-testid={`subscribe-item-${t.category}`}
                onClick={() => toggle(t.templateId)}
              >
                <Text className='subscribe-sheet__label'>{t.label}</Text>
                <View className={`subscribe-sheet__switch${on ? ' subscribe-sheet__switch--on' : ''}`}>
                  <View className='subscribe-sheet__knob' />
                </View>
              </View>
            )
          })}
        </View>
        <View
          className='subscribe-sheet__keep'
          role='checkbox'
          aria-checked={keep}
          data-testid='subscribe-keep'
          onClick={() => setKeep(!keep)}
        >
          <View className={`subscribe-sheet__check${keep ? ' subscribe-sheet__check--on' : ''}`}>
            {keep && <Text className='subscribe-sheet__tick'>✓</Text>}
          </View>
          <Text>总是保持以上选择，不再询问</Text>
        </View>
        <View className='subscribe-sheet__actions'>
          <View className='subscribe-sheet__button' role='button' onClick={() => answer(false)}>
            <Text>取消</Text>
          </View>
          <View
            className='subscribe-sheet__button subscribe-sheet__button--allow'
            role='button'
            onClick={() => answer(true)}
          >
            <Text>允许</Text>
          </View>
        </View>
      </View>
    </View>
  )
}
