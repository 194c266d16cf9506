import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { RefundBody, type RedemptionView, ShipmentBody } from '@mc/shared'
import { ApiError, failureOf } from '../../api/client'
import { priceLabel } from '../../mall/mall-copy'
import { ConsoleButton } from '../components/console-button'
import { ConsoleModal } from '../components/console-modal'
import { Field, fieldErrors } from '../components/field'
import { consoleCall } from '../console-call'
import { Chip } from './chip'
import { chineseErrors } from './item-form'
import { carriers } from './mall-console-copy'

interface DialogProps {
  redemption: RedemptionView
  onClose: () => void
  onDone: (redemption: RedemptionView) => void
}

/**
 * Runs one dialog's request: checks the body with the shared schema first, then sends it; field problems (from
 * the schema or the BFF's INVALID_REQUEST) go beside their fields, anything else above the buttons.
 */
function useDialogRequest() {
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async <T,>(check: { success: boolean; error?: unknown }, send: () => Promise<T>) => {
    if (!check.success) return setErrors(chineseErrors(fieldErrors(check.error)))
    setErrors({})
    setFailure(null)
    setBusy(true)
    try {
      return await send()
    } catch (error) {
      const fields = chineseErrors(fieldErrors(error))
      if (error instanceof ApiError && Object.keys(fields).length > 0) setErrors(fields)
      else setFailure(failureOf(error).message)
      setBusy(false)
    }
  }
  // A field's error goes as soon as the operator changes that field.
  const clear = (path: string) => setErrors(({ [path]: _gone, ...rest }) => rest)
  return { errors, failure, busy, run, clear }
}

function DialogButtons(props: { busy: boolean; confirm: string; testId: string; onClose: () => void; go: () => void }) {
  return (
    <>
      <ConsoleButton disabled={props.busy} onClick={props.onClose}>
        取消
      </ConsoleButton>
      <ConsoleButton kind='primary' loading={props.busy} testId={props.testId} onClick={props.go}>
        {props.confirm}
      </ConsoleButton>
    </>
  )
}

/** Records a delivery item's carrier and tracking number; the member sees both on the redemption. */
export function ShipDialog({ redemption, onClose, onDone }: DialogProps) {
  const [carrier, setCarrier] = useState('')
  const [trackingNo, setTrackingNo] = useState('')
  const { errors, failure, busy, run, clear } = useDialogRequest()
  const pickCarrier = (name: string) => {
    setCarrier(name)
    clear('carrier')
  }
  const go = async () => {
    const body = { carrier, trackingNo }
    const answer = await run(ShipmentBody.safeParse(body), () =>
      consoleCall((api) =>
        api.admin.mall.redemptions[':redemptionId'].shipment.$post({
          param: { redemptionId: redemption.id },
          json: body,
        }),
      ),
    )
    if (answer) onDone(answer.redemption)
  }
  const address = redemption.delivery
  return (
    <ConsoleModal
      open
      title='发货'
      testId='ship-dialog'
      onClose={() => !busy && onClose()}
      actions={
        <DialogButtons busy={busy} confirm='确认发货' testId='ship-confirm' onClose={onClose} go={() => void go()} />
      }
    >
      <Text className='mall-console__dialog-line'>
        {redemption.itemTitle} × {redemption.quantity}
      </Text>
      {address && (
        <Text className='mall-console__dialog-line console-muted'>
          {address.name} {address.phone} {address.address}
        </Text>
      )}
      <Field label='快递公司' required error={errors.carrier}>
        <View className='console-chips mall-console__dialog-chips'>
          {carriers.map((name) => (
            <Chip key={name} on={carrier === name} onClick={() => pickCarrier(name)}>
              {name}
            </Chip>
          ))}
        </View>
        <Input
          className='console-input'
          placeholder='或输入其他快递公司'
          value={carrier}
          onInput={(e) => pickCarrier(e.detail.value)}
        />
      </Field>
      <Field label='运单号' required error={errors.trackingNo}>
        <Input
          className='console-input'
          placeholder='请输入运单号'
          value={trackingNo}
          onInput={(e) => {
            setTrackingNo(e.detail.value)
            clear('trackingNo')
          }}
        />
      </Field>
      {failure ? <View className='console-notice console-notice--error'>{failure}</View> : null}
    </ConsoleModal>
  )
}

/**
 * Refunds a completed redemption (or asks the payment provider again after a failed refund): the points go
 * back at once, the cash part is refunded by the provider. The reason is shown to the member.
 */
export function RefundDialog({ redemption, onClose, onDone }: DialogProps) {
  const [reason, setReason] = useState('')
  const { errors, failure, busy, run, clear } = useDialogRequest()
  const go = async () => {
    const body = { reason }
    const answer = await run(RefundBody.safeParse(body), () =>
      consoleCall((api) =>
        api.admin.mall.redemptions[':redemptionId'].refund.$post({
          param: { redemptionId: redemption.id },
          json: body,
        }),
      ),
    )
    if (answer) onDone(answer.redemption)
  }
  return (
    <ConsoleModal
      open
      title='退款'
      testId='refund-dialog'
      onClose={() => !busy && onClose()}
      actions={
        <DialogButtons busy={busy} confirm='确认退款' testId='refund-confirm' onClose={onClose} go={() => void go()} />
      }
    >
      <Text className='mall-console__dialog-line'>
        {redemption.itemTitle} × {redemption.quantity} · {priceLabel(redemption.pointsCost, redemption.cashFen)}
      </Text>
      <Text className='mall-console__dialog-line console-muted'>
        积分立即退回会员账户{redemption.cashFen > 0 ? '，现金部分原路退回' : ''}；退款原因会展示给会员。
      </Text>
      <Field label='退款原因' required error={errors.reason}>
        <Input
          className='console-input'
          placeholder='例如：商品缺货，协商退款'
          value={reason}
          onInput={(e) => {
            setReason(e.detail.value)
            clear('reason')
          }}
        />
      </Field>
      {failure ? <View className='console-notice console-notice--error'>{failure}</View> : null}
    </ConsoleModal>
  )
}
