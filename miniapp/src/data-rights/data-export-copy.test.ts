import { describe, expect, it } from 'vitest'
import { MemberDataExport } from '@mc/shared'
import { dataSections, otherRecordCounts, shownPerSection } from './data-export-copy'

const entry = (i: number) => ({
  id: `pte_${i}`,
  amount: i % 2 === 0 ? 10 : -5,
  kind: 'order' as const,
  kindLabel: '订单消费',
  reason: `第 ${i} 笔`,
  balanceAfter: 100 + i,
  occurredAt: '2026-11-23T02:00:00.000Z',
  businessDay: `2026-11-${String(10 + i).padStart(2, '0')}`,
})

// Parsed through the shared schema, so the sample is an export the BFF could send.
const data = MemberDataExport.parse({
  format: 'mc-member-data',
  version: 1,
  exportedAt: '2026-11-23T02:00:00.000Z',
  profile: {
    id: 'mbr_1',
    phone: '13800000000',
    openid: null,
    unionid: null,
    nickname: '林小夏',
    avatar: null,
    gender: 'female',
    birthday: null,
    region: '北京市/朝阳区',
    joinedAt: '2026-11-01T02:00:00.000Z',
    sourceChannel: 'outlet_qr',
    sourceOutlet: { id: 'out_1', name: '徐汇店' },
    createdAt: '2026-11-01T02:00:00.000Z',
    birthdaySetBy: null,
  },
  tier: { key: 'silver', name: '白银会员', validUntil: '2027-11-22', since: '2026-11-22T02:00:00.000Z' },
  tierHistory: [
    {
      kind: 'join',
      fromKey: null,
      fromName: null,
      toKey: 'regular',
      toName: '普通会员',
      validUntil: null,
      growth: 0,
      businessDay: '2026-11-01',
      createdAt: 'x',
    },
    {
      kind: 'upgrade',
      fromKey: 'regular',
      fromName: '普通会员',
      toKey: 'silver',
      toName: '白银会员',
      validUntil: null,
      growth: 600,
      businessDay: '2026-11-22',
      createdAt: 'x',
    },
  ],
  growth: { balance: 600, entries: [entry(1)] },
  points: {
    balance: 150,
    held: 0,
    entries: Array.from({ length: 8 }, (_, i) => entry(i + 1)),
    lots: [],
    holds: [],
    extensions: [{ id: 'plx_1' }],
  },
  orders: [{ orderId: 'EXP-1', paidFen: 60_000, lines: [], refunds: [] }],
  storePurchases: [],
  coupons: [{ name: '满50减5', status: 'available' }],
  benefitClaims: [],
  benefitEvents: [],
  redemptions: [
    {
      itemTitle: '保温杯',
      status: 'completed',
      delivery: { name: '李四', phone: '13912345678', address: '上海市某路 1 号' },
    },
  ],
  signIns: [{ businessDay: '2026-11-23', kind: 'daily' }],
  messages: [],
  outboundMessages: [],
  notificationSettings: null,
  subscriptions: [],
  subscriptionChoices: [],
  marketingDecisions: [],
  tags: [],
  insights: null,
  memberCode: null,
  memberCodeUses: [],
  agreementAcceptances: [{ kind: 'privacy', version: 2, acceptedAt: '2026-11-23T02:00:00.000Z' }],
  sessions: [{ createdAt: '2026-11-23T02:00:00.000Z', expiresAt: '2026-11-24T02:00:00.000Z', revokedAt: null }],
})

describe('我的数据 sections', () => {
  const sections = dataSections(data)
  const section = (key: string) => sections.find((s) => s.key === key)!

  it('reads the profile in words', () => {
    expect(section('profile').rows).toContainEqual({ label: '性别', value: '女' })
    expect(section('profile').rows).toContainEqual({ label: '生日', value: '未填写' })
    expect(section('profile').rows).toContainEqual({ label: '加入渠道', value: '门店扫码' })
  })

  it('shows the newest records of a ledger first, a few of them, with the count of all', () => {
    const points = section('points')
    expect(points.count).toBe(8)
    expect(points.rows[0]).toEqual({ label: '当前积分', value: '150' })
    expect(points.rows.slice(1).map((r) => r.label)).toEqual([8, 7, 6, 5, 4].map((i) => `2026-11-${10 + i} 第 ${i} 笔`))
    expect(points.rows).toHaveLength(1 + shownPerSection)
    expect(points.rows[1].value).toBe('+10')
    expect(points.rows[2].value).toBe('-5')
  })

  it('shows a redemption with its delivery address, and tier changes with what they moved between', () => {
    expect(section('redemptions').rows).toEqual([
      { label: '保温杯 · 已完成', value: '李四 13912345678 上海市某路 1 号' },
    ])
    expect(section('tier').rows[1]).toEqual({ label: '升级 · 2026-11-22', value: '普通会员 → 白银会员' })
    expect(section('orders').rows).toEqual([{ label: '订单 EXP-1', value: '实付 ¥600.00' }])
  })

  it('counts what the page does not list', () => {
    expect(otherRecordCounts(data)).toContainEqual({ label: '积分延期', value: '1 条' })
    expect(otherRecordCounts(data)).toContainEqual({ label: '协议同意记录', value: '1 条' })
  })
})
