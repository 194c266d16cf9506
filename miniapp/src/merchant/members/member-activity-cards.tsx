import { Text, View } from '@tarojs/components'
import type { AdminMemberDetail } from '@mc/shared'
import { groupThousands, shanghaiDateTime, yuanFromFen } from '../../format'
import { type ConsoleColumn, ConsoleTable } from '../components/console-table'
import { couponStatusLabels, ledgerLabels, signInKindLabels } from './members-copy'

type Lot = AdminMemberDetail['lots'][number]
type Hold = AdminMemberDetail['holds'][number]
type Coupon = AdminMemberDetail['coupons'][number]
type Redemption = AdminMemberDetail['redemptions'][number]

const lotColumns: ConsoleColumn<Lot>[] = [
  {
    key: 'lot',
    title: '批次',
    main: true,
    render: (lot) => (
      <View className='ledger-reason'>
        <Text>{ledgerLabels[lot.ledger]}</Text>
        <Text className='console-muted ledger-reason__meta'>{`入账 ${shanghaiDateTime(lot.createdAt)}`}</Text>
      </View>
    ),
  },
  {
    key: 'remaining',
    title: '剩余 / 入账',
    end: true,
    render: (lot) => (
      <Text className='member-nowrap'>{`${groupThousands(lot.remaining)} / ${groupThousands(lot.amount)}`}</Text>
    ),
  },
  {
    key: 'expires',
    title: '到期',
    render: (lot) => (
      <Text className='member-nowrap'>{lot.expiresAt ? shanghaiDateTime(lot.expiresAt) : '不过期'}</Text>
    ),
  },
]

const holdColumns: ConsoleColumn<Hold>[] = [
  { key: 'points', title: '冻结积分', main: true, render: (hold) => groupThousands(hold.points) },
  {
    key: 'ref',
    title: '关联',
    render: (hold) => `${hold.refType === 'redemption' ? '兑换单' : hold.refType} ${hold.refId}`,
  },
  { key: 'expires', title: '释放时间', render: (hold) => shanghaiDateTime(hold.expiresAt) },
]

/** What the balances are made of: open lots (soonest to lapse first) and points held for unpaid redemptions. */
export function LotsCard({ lots, holds }: { lots: Lot[]; holds: Hold[] }) {
  return (
    <View className='console-card'>
      <Text className='console-card__title member-card__title'>批次与冻结</Text>
      <ConsoleTable columns={lotColumns} rows={lots} rowKey={(lot) => lot.id} empty='没有未用完的批次' />
      {holds.length > 0 ? (
        <View className='member-subtable'>
          <Text className='member-subtitle'>冻结中</Text>
          <ConsoleTable columns={holdColumns} rows={holds} rowKey={(hold) => hold.id} />
        </View>
      ) : null}
    </View>
  )
}

function couponValue(coupon: Coupon): string {
  if (coupon.kind === 'free_shipping') return '免运费'
  const off = `减 ${yuanFromFen(coupon.discountFen)}`
  return coupon.thresholdFen > 0 ? `满 ${yuanFromFen(coupon.thresholdFen)} ${off}` : off
}

const couponColumns: ConsoleColumn<Coupon>[] = [
  { key: 'name', title: '优惠券', main: true, render: (coupon) => coupon.name },
  { key: 'value', title: '面额', render: couponValue },
  {
    key: 'status',
    title: '状态',
    render: (coupon) => (
      <Text className={`console-badge ${coupon.status === 'available' ? 'console-badge--green' : ''}`}>
        {couponStatusLabels[coupon.status]}
      </Text>
    ),
  },
  {
    key: 'valid',
    title: '有效期',
    render: (coupon) => <Text className='member-nowrap'>{`至 ${shanghaiDateTime(coupon.validUntil)}`}</Text>,
  },
  { key: 'code', title: '券码', render: (coupon) => <Text className='member-info__mono'>{coupon.code}</Text> },
]

/** The newest coupons the member holds or used. */
export function CouponsCard({ coupons }: { coupons: Coupon[] }) {
  return (
    <View className='console-card' data-testid='member-coupons'>
      <Text className='console-card__title member-card__title'>优惠券</Text>
      <ConsoleTable columns={couponColumns} rows={coupons} rowKey={(coupon) => coupon.id} empty='暂无优惠券' />
    </View>
  )
}

const redemptionColumns: ConsoleColumn<Redemption>[] = [
  { key: 'item', title: '商品', main: true, render: (r) => `${r.itemTitle} × ${r.quantity}` },
  {
    key: 'cost',
    title: '花费',
    render: (r) => `${groupThousands(r.pointsCost)} 积分${r.cashFen > 0 ? ` + ${yuanFromFen(r.cashFen)}` : ''}`,
  },
  { key: 'status', title: '状态', render: (r) => <Text className='console-badge'>{r.statusLabel}</Text> },
  { key: 'created', title: '下单时间', render: (r) => shanghaiDateTime(r.createdAt) },
]

/** The newest points-mall redemptions. */
export function RedemptionsCard({ redemptions }: { redemptions: Redemption[] }) {
  return (
    <View className='console-card'>
      <Text className='console-card__title member-card__title'>兑换记录</Text>
      <ConsoleTable columns={redemptionColumns} rows={redemptions} rowKey={(r) => r.id} empty='暂无兑换' />
    </View>
  )
}

/** The newest sign-ins, make-ups marked. */
export function SignInsCard({ signIns }: { signIns: AdminMemberDetail['signIns'] }) {
  return (
    <View className='console-card'>
      <Text className='console-card__title member-card__title'>签到记录</Text>
      {signIns.length === 0 ? (
        <View className='console-empty'>暂无签到</View>
      ) : (
        <View className='member-signins'>
          {signIns.map((signIn) => (
            <Text
              key={`${signIn.businessDay}-${signIn.kind}`}
              className={`console-badge ${signIn.kind === 'make_up' ? 'console-badge--orange' : 'console-badge--blue'}`}
            >
              {`${signIn.businessDay.slice(5)} ${signInKindLabels[signIn.kind]} · 第 ${signIn.cycleDay} 天`}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
}
