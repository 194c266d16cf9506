import { useCallback, useEffect, useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { groupOrderNo, type RedemptionView } from '@mc/shared'
import { failureOf } from '../../api/client'
import { shanghaiDateTime } from '../../format'
import { priceLabel } from '../../mall/mall-copy'
import { ConsoleButton } from '../components/console-button'
import { type ConsoleColumn, ConsoleTable } from '../components/console-table'
import { consoleCall } from '../console-call'
import { useCan } from '../operator.store'
import { Chip } from './chip'
import { type RedemptionTab, redemptionTabLabels, redemptionTabs } from './mall-console-copy'
import { RefundDialog, ShipDialog } from './redemption-dialogs'

const pageSize = 20

/** What the list shows: one status tab, or the redemptions a searched order number names (every status). */
type ListView = { tab: RedemptionTab; orderNo: string | null }

/**
 * The redemptions tab: one status at a time (待发货 first), newest first, paged by cursor; ship and refund. A
 * 13-digit order number (as the shopper reads it out, spaces allowed) finds that order across all statuses.
 */
export function RedemptionsPanel({ onNotice }: { onNotice: (text: string) => void }) {
  const [view, setView] = useState<ListView>({ tab: 'to_ship', orderNo: null })
  const [rows, setRows] = useState<RedemptionView[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [shipping, setShipping] = useState<RedemptionView | null>(null)
  const [refunding, setRefunding] = useState<RedemptionView | null>(null)
  const canEdit = useCan('mall.edit')
  const latest = useRef(view)
  latest.current = view

  const load = useCallback(async (wanted: ListView, after: string | null) => {
    setLoading(true)
    try {
      const query = {
        limit: String(pageSize),
        ...(wanted.orderNo !== null ? { orderNo: wanted.orderNo } : {}),
        ...(wanted.orderNo === null && wanted.tab !== 'all' ? { status: wanted.tab } : {}),
        ...(after ? { cursor: after } : {}),
      }
      const page = await consoleCall((api) => api.admin.mall.redemptions.$get({ query }))
      if (latest.current !== wanted) return
      setRows((shown) => (after && shown ? [...shown, ...page.redemptions] : page.redemptions))
      setCursor(page.nextCursor)
      setError(null)
    } catch (failure) {
      setError(failureOf(failure).message)
    } finally {
      setLoading(false)
    }
  }, [])
  useEffect(() => {
    setRows(null)
    void load(view, null)
  }, [view, load])

  const changed = (redemption: RedemptionView, notice: string) => {
    setRows((shown) => shown?.map((row) => (row.id === redemption.id ? redemption : row)) ?? null)
    setShipping(null)
    setRefunding(null)
    onNotice(notice)
  }
  const columns = redemptionColumns(canEdit, setShipping, setRefunding)

  return (
    <View className='console-card mall-console__panel'>
      <OrderNoSearch
        searched={view.orderNo}
        onSearch={(orderNo) => setView({ tab: 'all', orderNo })}
        onClear={() => setView({ tab: 'to_ship', orderNo: null })}
      />
      <View className='console-chips mall-console__statuses'>
        {redemptionTabs.map((key) => (
          <Chip
            key={key}
            on={view.orderNo === null && view.tab === key}
            testId={`redemptions-${key}`}
            onClick={() => setView({ tab: key, orderNo: null })}
          >
            {redemptionTabLabels[key]}
          </Chip>
        ))}
      </View>
      {rows === null ? (
        <View className='console-empty'>{error ?? '加载中…'}</View>
      ) : (
        <ConsoleTable
          columns={columns}
          rows={rows}
          rowKey={(row) => row.id}
          rowTestId={(row) => `redemption-${row.id}`}
          empty={emptyText(view)}
        />
      )}
      {rows !== null && cursor !== null && (
        <View className='console-more'>
          <ConsoleButton loading={loading} onClick={() => void load(view, cursor)}>
            加载更多
          </ConsoleButton>
        </View>
      )}
      {shipping && (
        <ShipDialog
          redemption={shipping}
          onClose={() => setShipping(null)}
          onDone={(r) => changed(r, `已发货：${r.shipment?.carrier ?? ''} ${r.shipment?.trackingNo ?? ''}`)}
        />
      )}
      {refunding && (
        <RefundDialog
          redemption={refunding}
          onClose={() => setRefunding(null)}
          onDone={(r) => changed(r, `「${r.itemTitle}」已退款，积分已退回会员`)}
        />
      )}
    </View>
  )
}

function emptyText(view: ListView): string {
  if (view.orderNo !== null) return `没有兑换单号为 ${groupOrderNo(view.orderNo)} 的订单`
  return `暂无${view.tab === 'all' ? '' : redemptionTabLabels[view.tab]}订单`
}

/** The order-number search: spaces as the shopper reads the number out are dropped; anything else is checked. */
function OrderNoSearch(props: { searched: string | null; onSearch(orderNo: string): void; onClear(): void }) {
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const search = () => {
    const digits = text.replace(/\s/g, '')
    if (!/^\d{13}$/.test(digits)) return setProblem('兑换单号为 13 位数字，请核对后重新输入')
    setProblem(null)
    props.onSearch(digits)
  }
  return (
    <View className='mall-console__filters'>
      <View className='mall-console__order-search'>
        <Input
          className='console-input mall-console__search'
          placeholder='输入 13 位兑换单号查找'
          value={text}
          data-testid='redemption-search'
          onInput={(e) => setText(e.detail.value)}
          onConfirm={search}
        />
        <ConsoleButton testId='redemption-search-go' onClick={search}>
          查找
        </ConsoleButton>
        {props.searched !== null && (
          <ConsoleButton
            testId='redemption-search-clear'
            onClick={() => {
              setText('')
              props.onClear()
            }}
          >
            清除
          </ConsoleButton>
        )}
      </View>
      {problem && <Text className='console-notice console-notice--error'>{problem}</Text>}
    </View>
  )
}

function statusTone(row: RedemptionView): string {
  if (row.status === 'pending_payment') return 'console-badge--orange'
  if (row.status !== 'completed') return ''
  return row.fulfilment === 'delivery' && row.shipment === null ? 'console-badge--red' : 'console-badge--green'
}

function redemptionColumns(
  canEdit: boolean,
  ship: (row: RedemptionView) => void,
  refund: (row: RedemptionView) => void,
): ConsoleColumn<RedemptionView>[] {
  const columns: ConsoleColumn<RedemptionView>[] = [
    {
      key: 'item',
      title: '兑换商品',
      main: true,
      render: (row) => `${row.itemTitle}${row.quantity > 1 ? ` × ${row.quantity}` : ''}`,
    },
    // The number the shopper sees on their redemption, grouped the same way, so the two can be read side by side.
    {
      key: 'orderNo',
      title: '兑换单号',
      render: (row) => <Text data-testid={`redemption-order-no-${row.id}`}>{groupOrderNo(row.orderNo)}</Text>,
    },
    { key: 'cost', title: '消耗', render: (row) => priceLabel(row.pointsCost, row.cashFen) },
    {
      key: 'status',
      title: '状态',
      render: (row) => <Text className={`console-badge ${statusTone(row)}`}>{row.statusLabel}</Text>,
    },
    { key: 'delivery', title: '收货 / 物流', render: (row) => <DeliveryText row={row} /> },
    { key: 'time', title: '下单时间', render: (row) => shanghaiDateTime(row.createdAt) },
  ]
  if (!canEdit) return columns
  const buttons = (row: RedemptionView) => {
    const canShip = row.status === 'completed' && row.fulfilment === 'delivery' && row.shipment === null
    if (!canShip && row.status !== 'completed') return <Text className='console-muted'>—</Text>
    return (
      <View className='console-row-actions'>
        {canShip && (
          <ConsoleButton size='small' kind='primary' testId={`ship-${row.id}`} onClick={() => ship(row)}>
            发货
          </ConsoleButton>
        )}
        {row.status === 'completed' && (
          <ConsoleButton size='small' kind='danger' testId={`refund-${row.id}`} onClick={() => refund(row)}>
            退款
          </ConsoleButton>
        )}
      </View>
    )
  }
  return [...columns, { key: 'actions', title: '操作', end: true, render: buttons }]
}

function DeliveryText({ row }: { row: RedemptionView }) {
  if (row.shipment) {
    return (
      <Text>
        {row.shipment.carrier} {row.shipment.trackingNo}
      </Text>
    )
  }
  if (row.delivery) {
    return (
      <Text>
        {row.delivery.name} {row.delivery.phone} {row.delivery.address}
      </Text>
    )
  }
  if (row.pickupCode) {
    const where = row.pickupOutlet ? ` · ${row.pickupOutlet.name}` : ''
    return <Text>{`${row.pickedUpAt ? '已到店自提' : '待到店自提'}${where}`}</Text>
  }
  return <Text className='console-muted'>—</Text>
}
