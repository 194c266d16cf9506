import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { RedemptionView } from '@mc/shared'
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

/** The redemptions tab: one status at a time (待发货 first), newest first, paged by cursor; ship and refund. */
export function RedemptionsPanel({ onNotice }: { onNotice: (text: string) => void }) {
  const [tab, setTab] = useState<RedemptionTab>('to_ship')
  const [rows, setRows] = useState<RedemptionView[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [shipping, setShipping] = useState<RedemptionView | null>(null)
  const [refunding, setRefunding] = useState<RedemptionView | null>(null)
  const canEdit = useCan('mall.edit')
  const latest = useRef(tab)
  latest.current = tab

  const load = useCallback(async (wanted: RedemptionTab, after: string | null) => {
    setLoading(true)
    try {
      const query = {
        limit: String(pageSize),
        ...(wanted === 'all' ? {} : { status: wanted }),
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
    void load(tab, null)
  }, [tab, load])

  const changed = (redemption: RedemptionView, notice: string) => {
    setRows((shown) => shown?.map((row) => (row.id === redemption.id ? redemption : row)) ?? null)
    setShipping(null)
    setRefunding(null)
    onNotice(notice)
  }
  const columns = redemptionColumns(canEdit, setShipping, setRefunding)

  return (
    <View className='console-card mall-console__panel'>
      <View className='console-chips mall-console__statuses'>
        {redemptionTabs.map((key) => (
          <Chip key={key} on={tab === key} testId={`redemptions-${key}`} onClick={() => setTab(key)}>
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
          empty={`暂无${redemptionTabLabels[tab] === '全部' ? '' : redemptionTabLabels[tab]}订单`}
        />
      )}
      {rows !== null && cursor !== null && (
        <View className='console-more'>
          <ConsoleButton loading={loading} onClick={() => void load(tab, cursor)}>
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
  if (row.pickupCode) return <Text>{row.pickedUpAt ? '已到店自提' : '待到店自提'}</Text>
  return <Text className='console-muted'>—</Text>
}
