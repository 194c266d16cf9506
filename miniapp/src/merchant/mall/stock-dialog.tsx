import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { AdminMallItem } from '@mc/shared'
import { failureOf } from '../../api/client'
import { ConsoleButton } from '../components/console-button'
import { ConsoleModal } from '../components/console-modal'
import { Field } from '../components/field'
import { consoleCall } from '../console-call'
import { Chip } from './chip'
import { stockDelta } from './mall-console-copy'

/** Adds or removes units of an item; the BFF refuses to go below zero (MALL_STOCK_NEGATIVE). */
export function StockDialog(props: {
  item: AdminMallItem
  onClose: () => void
  onChanged: (item: AdminMallItem) => void
}) {
  const { item } = props
  const [direction, setDirection] = useState<'add' | 'remove'>('add')
  const [amount, setAmount] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const delta = stockDelta(amount, direction)

  const confirm = async () => {
    if (delta === null) return setProblem('请输入大于 0 的整数')
    if (item.stock + delta < 0) return setProblem(`最多可减少 ${item.stock} 件`)
    setBusy(true)
    setFailure(null)
    try {
      const answer = await consoleCall((api) =>
        api.admin.mall.items[':itemId'].stock.$post({ param: { itemId: item.id }, json: { delta } }),
      )
      props.onChanged(answer.item)
    } catch (error) {
      setFailure(failureOf(error).message)
      setBusy(false)
    }
  }

  return (
    <ConsoleModal
      open
      title='调整库存'
      testId='stock-dialog'
      onClose={() => !busy && props.onClose()}
      actions={
        <>
          <ConsoleButton onClick={props.onClose} disabled={busy}>
            取消
          </ConsoleButton>
          <ConsoleButton kind='primary' loading={busy} testId='stock-confirm' onClick={() => void confirm()}>
            确认调整
          </ConsoleButton>
        </>
      }
    >
      <Text className='mall-console__dialog-line'>
        {item.title} · 当前库存 {item.stock}
      </Text>
      <View className='console-chips mall-console__dialog-chips'>
        <Chip on={direction === 'add'} testId='stock-add' onClick={() => setDirection('add')}>
          增加
        </Chip>
        <Chip on={direction === 'remove'} testId='stock-remove' onClick={() => setDirection('remove')}>
          减少
        </Chip>
      </View>
      <Field
        label='数量'
        error={problem}
        hint={delta === null ? undefined : `调整后库存 ${Math.max(0, item.stock + delta)}`}
      >
        <Input
          className='console-input'
          type='number'
          placeholder='变动数量'
          value={amount}
          onInput={(e) => {
            setAmount(e.detail.value)
            setProblem(null)
          }}
        />
      </Field>
      {failure ? <View className='console-notice console-notice--error'>{failure}</View> : null}
    </ConsoleModal>
  )
}
