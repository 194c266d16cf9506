import { useCallback, useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { groupOrderNo, type ReconciliationItem, redemptionOrderNo, ResolveReconciliationBody } from '@mc/shared'
import { failureOf } from '../../api/client'
import { shanghaiDateTime, yuanFromFen } from '../../format'
import { ConsoleButton } from '../components/console-button'
import { type ConsoleColumn, ConsoleTable } from '../components/console-table'
import { ConsoleModal } from '../components/console-modal'
import { Field, fieldErrors } from '../components/field'
import { consoleCall } from '../console-call'
import { useCan } from '../operator.store'
import { chineseErrors } from './item-form'
import { RefundDialog } from './redemption-dialogs'

/**
 * The reconciliation queue: payments that need a person. A failed refund can be asked of the provider again;
 * any entry can be closed with a note of what was checked or done.
 */
export function ReconciliationPanel({ onNotice }: { onNotice: (text: string) => void }) {
  const [items, setItems] = useState<ReconciliationItem[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [resolving, setResolving] = useState<ReconciliationItem | null>(null)
  const [retrying, setRetrying] = useState<ReconciliationItem | null>(null)
  const canEdit = useCan('mall.edit')

  const load = useCallback(async () => {
    try {
      setItems((await consoleCall((api) => api.admin.mall.reconciliation.$get())).items)
      setError(null)
    } catch (failure) {
      setError(failureOf(failure).message)
    }
  }, [])
  useEffect(() => void load(), [load])

  const columns: ConsoleColumn<ReconciliationItem>[] = [
    { key: 'kind', title: '类型', main: true, render: (entry) => entry.kindLabel },
    { key: 'order', title: '订单', render: orderText },
    { key: 'cash', title: '金额', render: (entry) => (entry.cashFen === null ? '—' : yuanFromFen(entry.cashFen)) },
    { key: 'reason', title: '退款原因', render: (entry) => entry.refundReason ?? '—' },
    {
      key: 'last',
      title: '最近记录',
      render: (entry) =>
        entry.lastEvent ? `${entry.lastEvent.event} · ${shanghaiDateTime(entry.lastEvent.createdAt)}` : '—',
    },
    { key: 'time', title: '时间', render: (entry) => shanghaiDateTime(entry.createdAt) },
  ]
  if (canEdit) {
    columns.push({
      key: 'actions',
      title: '操作',
      end: true,
      render: (entry) => (
        <View className='console-row-actions'>
          {entry.actions.includes('retry_refund') && entry.redemptionId && (
            <ConsoleButton size='small' kind='primary' onClick={() => setRetrying(entry)}>
              重试退款
            </ConsoleButton>
          )}
          {entry.actions.includes('resolve') && (
            <ConsoleButton size='small' testId={`resolve-${entry.id}`} onClick={() => setResolving(entry)}>
              标记已处理
            </ConsoleButton>
          )}
        </View>
      ),
    })
  }

  return (
    <View className='console-card mall-console__panel'>
      <Text className='console-muted mall-console__lead'>
        退款失败、超时支付自动退款、无法匹配订单的支付通知会出现在这里，核对后标记已处理。
      </Text>
      {items === null ? (
        <View className='console-empty'>{error ?? '加载中…'}</View>
      ) : (
        <ConsoleTable
          columns={columns}
          rows={items}
          rowKey={(entry) => entry.id}
          rowTestId={(entry) => `reconciliation-${entry.id}`}
          empty='对账队列为空，没有需要处理的支付'
        />
      )}
      {resolving && (
        <ResolveDialog
          entry={resolving}
          onClose={() => setResolving(null)}
          onDone={() => {
            setResolving(null)
            onNotice('已标记为已处理')
            void load()
          }}
        />
      )}
      {retrying?.redemptionId && (
        <RefundDialog
          redemption={retryTarget(retrying)}
          onClose={() => setRetrying(null)}
          onDone={() => {
            setRetrying(null)
            onNotice('已重新发起退款')
            void load()
          }}
        />
      )}
    </View>
  )
}

/**
 * The item and the order number the shopper reads out; our out_trade_no is the redemption id, shown as its number.
 * A notice for an order we do not know keeps the provider's number as it came.
 */
function orderText(entry: ReconciliationItem): string {
  const number = entry.outTradeNo === null ? null : groupOrderNo(redemptionOrderNo(entry.outTradeNo))
  if (entry.itemTitle && number) return `${entry.itemTitle} · ${number}`
  return entry.itemTitle ?? number ?? '—'
}

/** The refund dialog only reads these fields of a redemption; a queue entry carries them. */
function retryTarget(entry: ReconciliationItem) {
  return {
    id: entry.redemptionId ?? '',
    itemTitle: orderText(entry),
    quantity: 1,
    pointsCost: 0,
    cashFen: entry.cashFen ?? 0,
  } as Parameters<typeof RefundDialog>[0]['redemption']
}

function ResolveDialog(props: { entry: ReconciliationItem; onClose: () => void; onDone: () => void }) {
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const go = async () => {
    const check = ResolveReconciliationBody.safeParse({ note })
    if (!check.success) return setErrors(chineseErrors(fieldErrors(check.error)))
    setBusy(true)
    try {
      await consoleCall((api) =>
        api.admin.mall.reconciliation[':itemId'].resolve.$post({ param: { itemId: props.entry.id }, json: { note } }),
      )
      props.onDone()
    } catch (error) {
      setFailure(failureOf(error).message)
      setBusy(false)
    }
  }
  return (
    <ConsoleModal
      open
      title='标记已处理'
      onClose={() => !busy && props.onClose()}
      actions={
        <>
          <ConsoleButton disabled={busy} onClick={props.onClose}>
            取消
          </ConsoleButton>
          <ConsoleButton kind='primary' loading={busy} testId='resolve-confirm' onClick={() => void go()}>
            确认
          </ConsoleButton>
        </>
      }
    >
      <Text className='mall-console__dialog-line'>
        {props.entry.kindLabel} · {orderText(props.entry)}
      </Text>
      <Field label='处理说明' required error={errors.note}>
        <Input
          className='console-input'
          placeholder='例如：已在商户平台手动退款'
          value={note}
          onInput={(e) => {
            setNote(e.detail.value)
            setErrors({})
          }}
        />
      </Field>
      {failure ? <View className='console-notice console-notice--error'>{failure}</View> : null}
    </ConsoleModal>
  )
}
