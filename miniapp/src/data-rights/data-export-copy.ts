import { genderLabels, type Gender, type MemberDataExport } from '@mc/shared'
import { groupThousands, shanghaiDateTime, yuanFromFen } from '../format'

/** One labelled line of a section. */
export interface DataRow {
  label: string
  value: string
}

/** One block of the 我的数据 page: what it holds, how many records, and the lines shown of them. */
export interface DataSection {
  key: string
  title: string
  /** How many records the export holds for this block; null for blocks that are a single record. */
  count: number | null
  rows: DataRow[]
}

/** How many records of a list a block shows; the download holds them all. */
export const shownPerSection = 5

const tierChangeLabels: Record<string, string> = { join: '加入', upgrade: '升级', retain: '保级', downgrade: '降级' }
const channelLabels: Record<string, string> = { outlet_qr: '门店扫码', shop: '线上商城' }
const redemptionStatusLabels: Record<string, string> = {
  pending_payment: '待支付',
  completed: '已完成',
  expired: '已超时',
  cancelled: '已取消',
  refunded: '已退款',
}
const couponStatusLabels: Record<string, string> = { available: '可使用', used: '已使用', expired: '已过期' }

const orNone = (value: unknown) => (value === null || value === undefined || value === '' ? '未填写' : String(value))
const when = (iso: unknown) => (typeof iso === 'string' ? shanghaiDateTime(iso) : '—')
const signed = (amount: number) => `${amount > 0 ? '+' : ''}${groupThousands(amount)}`
const latest = <T>(list: readonly T[]) => [...list].reverse().slice(0, shownPerSection)

/** The export as blocks a person reads, in the order the page shows them; the newest records first. */
export function dataSections(data: MemberDataExport): DataSection[] {
  const { profile } = data
  return [
    {
      key: 'profile',
      title: '基本资料',
      count: null,
      rows: [
        { label: '会员编号', value: profile.id },
        { label: '手机号', value: orNone(profile.phone) },
        { label: '昵称', value: profile.nickname },
        {
          label: '性别',
          value: profile.gender ? (genderLabels[profile.gender as Gender] ?? profile.gender) : '未填写',
        },
        { label: '生日', value: orNone(profile.birthday) },
        { label: '地区', value: orNone(profile.region) },
        { label: '加入时间', value: when(profile.joinedAt) },
        { label: '加入渠道', value: profile.sourceChannel ? (channelLabels[profile.sourceChannel] ?? '—') : '—' },
        { label: '微信身份', value: profile.openid ? '已关联' : '未关联' },
      ],
    },
    {
      key: 'tier',
      title: '会员等级',
      count: data.tierHistory.length,
      rows: [
        { label: '当前等级', value: data.tier ? data.tier.name : '—' },
        ...latest(data.tierHistory).map((change) => ({
          label: `${tierChangeLabels[change.kind] ?? change.kind} · ${change.businessDay}`,
          value: `${change.fromName ? `${change.fromName} → ` : ''}${change.toName}`,
        })),
      ],
    },
    ledgerSection('growth', '成长值', data.growth),
    ledgerSection('points', '积分', data.points),
    ...recordSections(data),
  ]
}

function ledgerSection(key: string, title: string, ledger: MemberDataExport['growth']): DataSection {
  return {
    key,
    title: `${title}明细`,
    count: ledger.entries.length,
    rows: [
      { label: `当前${title}`, value: groupThousands(ledger.balance) },
      ...latest(ledger.entries).map((entry) => ({
        label: `${entry.businessDay} ${entry.reason}`,
        value: signed(entry.amount),
      })),
    ],
  }
}

function recordSections(data: MemberDataExport): DataSection[] {
  const list = (key: string, title: string, records: readonly Record<string, unknown>[], row: (r: any) => DataRow) => ({
    key,
    title,
    count: records.length,
    rows: latest(records).map(row),
  })
  return [
    list('orders', '订单', data.orders, (o) => ({
      label: `订单 ${o.orderId}`,
      value: `实付 ${yuanFromFen(o.paidFen)}`,
    })),
    list('coupons', '优惠券', data.coupons, (c) => ({
      label: c.name,
      value: couponStatusLabels[c.status] ?? c.status,
    })),
    list('redemptions', '积分兑换', data.redemptions, (r) => ({
      label: `${r.itemTitle} · ${redemptionStatusLabels[r.status] ?? r.status}`,
      value: r.delivery ? `${r.delivery.name} ${r.delivery.phone} ${r.delivery.address}` : '无需收货地址',
    })),
    list('sign-ins', '签到记录', data.signIns, (s) => ({
      label: s.businessDay,
      value: s.kind === 'make_up' ? '补签' : '签到',
    })),
    list('messages', '消息', data.messages, (m) => ({ label: m.title, value: when(m.createdAt) })),
    list('sessions', '登录记录', data.sessions, (s) => ({
      label: when(s.createdAt),
      value: s.revokedAt ? '已退出' : '登录',
    })),
  ]
}

/** Records held but not listed above, counted so the page says what else the download contains. */
export function otherRecordCounts(data: MemberDataExport): DataRow[] {
  const counts: Array<[string, number]> = [
    ['积分批次', data.points.lots.length],
    ['积分延期', data.points.extensions.length],
    ['积分冻结', data.points.holds.length],
    ['门店消费', data.storePurchases.length],
    ['权益领取', data.benefitClaims.length],
    ['微信/短信消息', data.outboundMessages.length],
    ['消息订阅', data.subscriptions.length],
    ['营销触达记录', data.marketingDecisions.length],
    ['会员标签', data.tags.length],
    ['协议同意记录', data.agreementAcceptances.length],
    ['会员码使用', data.memberCodeUses.length],
  ]
  return counts.map(([label, count]) => ({ label, value: `${groupThousands(count)} 条` }))
}
