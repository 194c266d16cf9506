import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Image, Input, Text, View } from '@tarojs/components'
import type { AdminMallItem } from '@mc/shared'
import { failureOf } from '../../api/client'
import { fulfilmentTitles, imageSrc, priceLabel } from '../../mall/mall-copy'
import { merchantMallItemRoute } from '../../routes'
import { ConsoleButton } from '../components/console-button'
import { type ConsoleColumn, ConsoleTable } from '../components/console-table'
import { consoleCall } from '../console-call'
import { useCan } from '../operator.store'
import { Chip } from './chip'
import { allItems, filterItems, type ItemFilter, kindFilterLabels, saleFilterLabels } from './mall-console-copy'
import { StockDialog } from './stock-dialog'
import { openPage } from '../../open-page'

/** The BFF's item filters for what the chips and the search box say. */
function itemsQuery(filter: ItemFilter) {
  const q = filter.search.trim()
  return {
    ...(filter.sale === 'all' ? {} : { onSale: filter.sale === 'on' ? ('true' as const) : ('false' as const) }),
    ...(filter.kind === 'all' ? {} : { kind: filter.kind }),
    ...(q === '' ? {} : { q }),
  }
}

/** The items tab: filters, then the items as a table (desktop) or blocks (phone), each with its actions. */
export function ItemsPanel({ onNotice }: { onNotice: (text: string) => void }) {
  const [items, setItems] = useState<AdminMallItem[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [filter, setFilter] = useState<ItemFilter>(allItems)
  const [restocking, setRestocking] = useState<AdminMallItem | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const canEdit = useCan('mall.edit')
  const latest = useRef(filter)
  latest.current = filter

  const load = useCallback(async (wanted: ItemFilter) => {
    try {
      const answer = await consoleCall((api) => api.admin.mall.items.$get({ query: itemsQuery(wanted) }))
      // A slower answer to an older filter must not replace the newer one's.
      if (latest.current !== wanted) return
      setItems(answer.items)
      setError(null)
    } catch (failure) {
      setError(failureOf(failure).message)
    }
  }, [])
  // The chips reload at once; typing in the search box waits for a pause.
  useEffect(() => {
    const timer = setTimeout(() => void load(filter), filter.search === '' ? 0 : 300)
    return () => clearTimeout(timer)
  }, [filter, load])
  // Back from the item form, the list may have a new or changed item.
  const shownOnce = useRef(false)
  useDidShow(() => {
    if (shownOnce.current) void load(latest.current)
    shownOnce.current = true
  })

  const replaced = (item: AdminMallItem) => setItems((list) => list?.map((x) => (x.id === item.id ? item : x)) ?? null)
  const toggleSale = async (item: AdminMallItem) => {
    setBusy(item.id)
    try {
      const answer = await consoleCall((api) =>
        api.admin.mall.items[':itemId'].$patch({ param: { itemId: item.id }, json: { onSale: !item.onSale } }),
      )
      replaced(answer.item)
      onNotice(answer.item.onSale ? `「${item.title}」已上架` : `「${item.title}」已下架`)
    } catch (failure) {
      onNotice(failureOf(failure).message)
    } finally {
      setBusy(null)
    }
  }
  const open = (item: AdminMallItem) => void openPage(merchantMallItemRoute(item.id))
  const shown = items === null ? null : filterItems(items, filter)
  const columns = itemColumns({ canEdit, busy, toggleSale, open, restock: setRestocking })

  return (
    <View className='console-card mall-console__panel'>
      <ItemFilters filter={filter} onChange={setFilter} />
      {shown === null ? (
        <View className='console-empty'>{error ?? '加载中…'}</View>
      ) : (
        <ConsoleTable
          columns={columns}
          rows={shown}
          rowKey={(item) => item.id}
          rowTestId={(item) => `item-${item.id}`}
          empty={items?.length === 0 ? '还没有商品，点击右上角「新建商品」' : '没有符合条件的商品'}
        />
      )}
      {restocking && (
        <StockDialog
          item={restocking}
          onClose={() => setRestocking(null)}
          onChanged={(item) => {
            replaced(item)
            setRestocking(null)
            onNotice(`「${item.title}」库存已调整为 ${item.stock}`)
          }}
        />
      )}
    </View>
  )
}

function ItemFilters({ filter, onChange }: { filter: ItemFilter; onChange: (filter: ItemFilter) => void }) {
  return (
    <View className='mall-console__filters'>
      <Input
        className='console-input mall-console__search'
        placeholder='搜索商品名称'
        value={filter.search}
        onInput={(e) => onChange({ ...filter, search: e.detail.value })}
      />
      <View className='console-chips'>
        {(Object.keys(saleFilterLabels) as ItemFilter['sale'][]).map((sale) => (
          <Chip key={sale} on={filter.sale === sale} onClick={() => onChange({ ...filter, sale })}>
            {saleFilterLabels[sale]}
          </Chip>
        ))}
      </View>
      <View className='console-chips'>
        {(Object.keys(kindFilterLabels) as ItemFilter['kind'][]).map((kind) => (
          <Chip key={kind} on={filter.kind === kind} onClick={() => onChange({ ...filter, kind })}>
            {kindFilterLabels[kind]}
          </Chip>
        ))}
      </View>
    </View>
  )
}

interface ItemActions {
  canEdit: boolean
  busy: string | null
  toggleSale: (item: AdminMallItem) => void
  open: (item: AdminMallItem) => void
  restock: (item: AdminMallItem) => void
}

function itemColumns(actions: ItemActions): ConsoleColumn<AdminMallItem>[] {
  const columns: ConsoleColumn<AdminMallItem>[] = [
    { key: 'title', title: '商品', main: true, render: (item) => <ItemName item={item} /> },
    { key: 'kind', title: '类型', render: (item) => fulfilmentTitles[item.fulfilment] },
    { key: 'price', title: '价格', render: (item) => priceLabel(item.pointsPrice, item.cashFen) },
    {
      key: 'stock',
      title: '库存',
      render: (item) => (
        <Text data-testid={`item-stock-value-${item.id}`}>
          {item.stock}
          {item.perMemberLimit === null ? '' : `（每人限兑 ${item.perMemberLimit}）`}
        </Text>
      ),
    },
    {
      key: 'sale',
      title: '状态',
      render: (item) => (
        <Text className={`console-badge ${item.onSale ? 'console-badge--green' : ''}`}>
          {item.onSale ? '在售' : '已下架'}
        </Text>
      ),
    },
  ]
  if (!actions.canEdit) return columns
  return [...columns, { key: 'actions', title: '操作', end: true, render: (item) => itemButtons(item, actions) }]
}

function ItemName({ item }: { item: AdminMallItem }) {
  const cover = item.images[0]
  return (
    <View className='mall-console__item'>
      {cover ? (
        <Image className='mall-console__thumb' src={imageSrc(cover, API_BASE)} mode='aspectFill' />
      ) : (
        <View className='mall-console__thumb mall-console__thumb--empty'>
          <Text>无图</Text>
        </View>
      )}
      <Text className='mall-console__item-title'>{item.title}</Text>
    </View>
  )
}

function itemButtons(item: AdminMallItem, { busy, toggleSale, open, restock }: ItemActions) {
  return (
    <View className='console-row-actions'>
      <ConsoleButton
        size='small'
        kind={item.onSale ? 'default' : 'primary'}
        loading={busy === item.id}
        testId={`item-sale-${item.id}`}
        onClick={() => toggleSale(item)}
      >
        {item.onSale ? '下架' : '上架'}
      </ConsoleButton>
      <ConsoleButton size='small' testId={`item-restock-${item.id}`} onClick={() => restock(item)}>
        调整库存
      </ConsoleButton>
      <ConsoleButton size='small' testId={`item-edit-${item.id}`} onClick={() => open(item)}>
        编辑
      </ConsoleButton>
    </View>
  )
}
