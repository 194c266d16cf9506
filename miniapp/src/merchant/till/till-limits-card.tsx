import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { TillSettings } from '@mc/shared'
import { failureOf } from '../../api/client'
import { fenFromYuanText, yuanFromFen } from '../../format'
import { ConsoleButton } from '../components/console-button'
import { Field } from '../components/field'
import { consoleCall } from '../console-call'

export interface TillLimitsCardProps {
  settings: TillSettings
  /** Holds program.edit: may change the limits; others only read them. */
  canEdit: boolean
  onSaved: (settings: TillSettings, message: string) => void
}

const yuanText = (fen: number) => String(fen / 100)

/** The two till limits; above either a purchase waits here for approval. Edited in yuan, saved in fen. */
export function TillLimitsCard({ settings, canEdit, onSaved }: TillLimitsCardProps) {
  const [purchase, setPurchase] = useState(yuanText(settings.purchaseLimitFen))
  const [daily, setDaily] = useState(yuanText(settings.dailyTotalFen))
  const [problem, setProblem] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const save = async () => {
    const purchaseLimitFen = fenFromYuanText(purchase, 7)
    const dailyTotalFen = fenFromYuanText(daily, 8)
    if (!purchaseLimitFen || purchaseLimitFen < 100) return setProblem('单笔上限至少 ¥1，最多两位小数')
    if (!dailyTotalFen || dailyTotalFen < 100) return setProblem('当日累计上限至少 ¥1，最多两位小数')
    setProblem(null)
    setSaving(true)
    try {
      const saved = await consoleCall((api) =>
        api.admin['till-settings'].$put({ json: { purchaseLimitFen, dailyTotalFen } }),
      )
      onSaved(saved, '已保存收银限额，之后登记的消费按新限额审核')
    } catch (error) {
      setProblem(failureOf(error).message)
    } finally {
      setSaving(false)
    }
  }
  if (!canEdit) {
    return (
      <View className='console-card till-limits' data-testid='till-limits'>
        <Text className='console-muted'>
          单笔实付超过 {yuanFromFen(settings.purchaseLimitFen)}，或店员当日累计超过{' '}
          {yuanFromFen(settings.dailyTotalFen)}
          的消费需审批后才入账。
        </Text>
      </View>
    )
  }
  return (
    <View className='console-card till-limits' data-testid='till-limits'>
      <Text className='console-muted'>超过任一限额的门店消费暂不入账，等待店长或运营审批。</Text>
      <View className='till-limits__fields'>
        <Field label='单笔实付上限（元）'>
          <Input
            className='console-input'
            type='digit'
            name='purchase-limit'
            value={purchase}
            onInput={(e) => setPurchase(e.detail.value)}
          />
        </Field>
        <Field label='每位店员当日累计上限（元）'>
          <Input
            className='console-input'
            type='digit'
            name='daily-total'
            value={daily}
            onInput={(e) => setDaily(e.detail.value)}
          />
        </Field>
      </View>
      {problem ? <Text className='console-field__error'>{problem}</Text> : null}
      <ConsoleButton kind='primary' testId='till-limits-save' loading={saving} onClick={() => void save()}>
        保存限额
      </ConsoleButton>
    </View>
  )
}
