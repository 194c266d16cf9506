import { useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { AdjustmentBody, type AdjustmentResponse } from '@mc/shared'
import { ApiError, failureOf } from '../../api/client'
import { ConsoleButton } from '../components/console-button'
import { ConsoleModal } from '../components/console-modal'
import { Field, fieldErrors } from '../components/field'
import { consoleCall } from '../console-call'
import { Chip } from '../mall/chip'
import { chineseErrors, keyFor, ledgerLabels, type LedgerName } from './members-copy'

export interface AdjustDialogProps {
  memberId: string
  onClose: () => void
  onAdjusted: (answer: AdjustmentResponse) => void
}

/**
 * A manual correction of points or growth: the ledger, add or take, how much, and the reason the member will
 * read (required). One Idempotency-Key per intended change, so a retry after a lost answer posts once.
 */
export function AdjustDialog({ memberId, onClose, onAdjusted }: AdjustDialogProps) {
  const [ledger, setLedger] = useState<LedgerName>('points')
  const [direction, setDirection] = useState<1 | -1>(1)
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const lastKey = useRef<{ key: string; body: string } | null>(null)

  const submit = async () => {
    const typed = amount.trim()
    const body = { ledger, amount: /^\d+$/.test(typed) ? direction * Number(typed) : Number.NaN, reason }
    const parsed = AdjustmentBody.safeParse(body)
    const found = parsed.success ? {} : chineseErrors(fieldErrors(parsed.error))
    if (!/^\d+$/.test(typed)) found.amount = '请输入正整数数量'
    setErrors(found)
    if (!parsed.success || found.amount) return
    const key = keyFor(lastKey.current, 'adjust', parsed.data)
    lastKey.current = key
    setSaving(true)
    try {
      const answer = await consoleCall((api) =>
        api.admin.members[':memberId'].adjustments.$post({
          param: { memberId },
          json: parsed.data,
          header: { 'idempotency-key': key.key },
        }),
      )
      lastKey.current = null
      onAdjusted(answer)
    } catch (error) {
      const fields = chineseErrors(fieldErrors(error))
      const message = failureOf(error).message
      setErrors(Object.keys(fields).length > 0 ? fields : { '': message })
      // A refusal is final for this body; only a lost answer is worth resending under the same key.
      if (error instanceof ApiError && error.status !== 0) lastKey.current = null
    } finally {
      setSaving(false)
    }
  }

  return (
    <ConsoleModal
      open
      title='调整积分或成长值'
      testId='adjust-dialog'
      actions={
        <>
          <ConsoleButton onClick={onClose}>取消</ConsoleButton>
          <ConsoleButton kind='primary' loading={saving} testId='adjust-submit' onClick={() => void submit()}>
            确认调整
          </ConsoleButton>
        </>
      }
    >
      <View className='console-form'>
        <Field label='账本'>
          <View className='console-chips'>
            {(['points', 'growth'] as const).map((name) => (
              <Chip key={name} on={ledger === name} testId={`adjust-ledger-${name}`} onClick={() => setLedger(name)}>
                {ledgerLabels[name]}
              </Chip>
            ))}
          </View>
        </Field>
        <Field label='方向'>
          <View className='console-chips'>
            <Chip on={direction === 1} testId='adjust-add' onClick={() => setDirection(1)}>
              增加
            </Chip>
            <Chip on={direction === -1} testId='adjust-subtract' onClick={() => setDirection(-1)}>
              扣减
            </Chip>
          </View>
        </Field>
        <Field label='数量' required error={errors.amount}>
          <Input
            className='console-input'
            name='adjust-amount'
            type='number'
            placeholder='例如 100'
            value={amount}
            onInput={(e) => setAmount(e.detail.value)}
          />
        </Field>
        <Field label='原因' required error={errors.reason} hint='会员在明细中会看到“人工调整：原因”'>
          <Input
            className='console-input'
            name='adjust-reason'
            placeholder='例如 客服补偿、活动补录'
            maxlength={100}
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
          />
        </Field>
        {errors[''] || errors.ledger ? (
          <Text className='console-field__error' data-testid='adjust-problem'>
            {errors[''] ?? errors.ledger}
          </Text>
        ) : null}
      </View>
    </ConsoleModal>
  )
}
