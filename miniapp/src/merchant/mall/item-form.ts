import {
  defaultPickupDays,
  type AdminMallItem,
  type FulfilmentKind,
  MallItemInput,
  type MallItemPatch,
  type MallCouponSpec,
} from '@mc/shared'
import { fenFromYuanText } from '../../format'

/** The item form as typed: numbers stay text until checked, cash is typed in yuan and sent in fen. */
export interface ItemFormValues {
  title: string
  description: string
  /** Uploaded image addresses; the first is the cover. */
  images: string[]
  pointsPrice: string
  cashYuan: string
  /** Units on hand when the item is created; later changes go through stock adjustment. */
  stock: string
  /** Empty for no limit. */
  perMemberLimit: string
  fulfilment: FulfilmentKind
  couponName: string
  couponKind: MallCouponSpec['kind']
  couponThresholdYuan: string
  couponDiscountYuan: string
  couponValidDays: string
  /** Pickup items: business days to collect once redeemed (自提期限). */
  pickupDays: string
  onSale: boolean
  /** Kept as they are: the form does not edit them. */
  minTierKey: string | null
  activeFrom: string | null
  activeUntil: string | null
}

export const emptyItemForm: ItemFormValues = {
  title: '',
  description: '',
  images: [],
  pointsPrice: '',
  cashYuan: '',
  stock: '',
  perMemberLimit: '',
  fulfilment: 'delivery',
  couponName: '',
  couponKind: 'cash_off',
  couponThresholdYuan: '',
  couponDiscountYuan: '',
  couponValidDays: '30',
  pickupDays: String(defaultPickupDays),
  onSale: true,
  minTierKey: null,
  activeFrom: null,
  activeUntil: null,
}

/** Typed yuan as integer fen: "12" → 1200, "12.5" → 1250, "" → 0; null when not a yuan amount with ≤ 2 decimals. */
export function fenFromYuan(text: string): number | null {
  return text.trim() === '' ? 0 : fenFromYuanText(text, 9)
}

/** Fen as yuan for an input: 1250 → "12.5", 1200 → "12", 0 → "". */
export function yuanInputText(fen: number): string {
  if (fen === 0) return ''
  const cents = fen % 100
  const whole = String(Math.floor(fen / 100))
  return cents === 0 ? whole : `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`
}

/** An item's current values, ready to edit. */
export function formFromItem(item: AdminMallItem): ItemFormValues {
  return {
    title: item.title,
    description: item.description,
    images: item.images,
    pointsPrice: String(item.pointsPrice),
    cashYuan: yuanInputText(item.cashFen),
    stock: String(item.stock),
    perMemberLimit: item.perMemberLimit === null ? '' : String(item.perMemberLimit),
    fulfilment: item.fulfilment,
    couponName: item.coupon?.name ?? '',
    couponKind: item.coupon?.kind ?? 'cash_off',
    couponThresholdYuan: item.coupon ? yuanInputText(item.coupon.thresholdFen) : '',
    couponDiscountYuan: item.coupon ? yuanInputText(item.coupon.discountFen) : '',
    couponValidDays: item.coupon ? String(item.coupon.validDays) : '30',
    pickupDays: String(item.pickupDays),
    onSale: item.onSale,
    minTierKey: item.minTierKey,
    activeFrom: item.activeFrom,
    activeUntil: item.activeUntil,
  }
}

/** Field errors keyed by the schema's path ("pointsPrice", "coupon.name"), in Chinese. */
export type ItemFormErrors = Record<string, string>

export type ItemFormCheck = { ok: true; input: MallItemInput } | { ok: false; errors: ItemFormErrors }

/**
 * Checks the form with shared's `MallItemInput`, the schema the BFF validates with, after turning text into numbers.
 * Text that is not a number at all is reported here, since the schema would only see NaN.
 */
export function checkItemForm(values: ItemFormValues): ItemFormCheck {
  const errors: ItemFormErrors = {}
  const whole = (path: string, text: string, fallback: number | null) => {
    const trimmed = text.trim()
    if (trimmed === '') return fallback
    if (!/^-?\d+$/.test(trimmed)) errors[path] = `${fieldLabels[path]}须为整数`
    return Number(trimmed)
  }
  const fen = (path: string, text: string) => {
    const value = fenFromYuan(text)
    if (value === null) errors[path] = '请输入金额（元），最多两位小数'
    return value ?? 0
  }
  const coupon =
    values.fulfilment === 'coupon'
      ? {
          name: values.couponName,
          kind: values.couponKind,
          thresholdFen: values.couponKind === 'cash_off' ? fen('coupon.thresholdFen', values.couponThresholdYuan) : 0,
          discountFen: values.couponKind === 'cash_off' ? fen('coupon.discountFen', values.couponDiscountYuan) : 0,
          validDays: whole('coupon.validDays', values.couponValidDays, Number.NaN),
        }
      : null
  const candidate = {
    title: values.title,
    description: values.description,
    images: values.images,
    pointsPrice: whole('pointsPrice', values.pointsPrice, Number.NaN),
    cashFen: fen('cashFen', values.cashYuan),
    stock: whole('stock', values.stock, Number.NaN),
    perMemberLimit: whole('perMemberLimit', values.perMemberLimit, null),
    minTierKey: values.minTierKey,
    activeFrom: values.activeFrom,
    activeUntil: values.activeUntil,
    fulfilment: values.fulfilment,
    coupon,
    // Only pickup items show the field; the others keep what they had (the default for new ones).
    pickupDays:
      values.fulfilment === 'pickup' ? whole('pickupDays', values.pickupDays, Number.NaN) : keptPickupDays(values),
    onSale: values.onSale,
  }
  const parsed = MallItemInput.safeParse(candidate)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.')
      if (errors[path] === undefined) errors[path] = chineseIssueMessage(path, issue)
    }
  }
  return Object.keys(errors).length > 0 || !parsed.success ? { ok: false, errors } : { ok: true, input: parsed.data }
}

/** A hidden pickup window (not a pickup item) as it was when valid, else the default: never an error unseen. */
function keptPickupDays(values: ItemFormValues): number {
  const days = Number(values.pickupDays)
  return Number.isInteger(days) && days >= 1 && days <= 365 ? days : defaultPickupDays
}

/** The PATCH body for an edit: every field the form edits, but not stock, which moves only by adjustment. */
export function patchFromInput(input: MallItemInput): MallItemPatch {
  const { stock: _stock, ...fields } = input
  return fields
}

/** What each checked field is called on the form. */
export const fieldLabels: Record<string, string> = {
  title: '商品名称',
  description: '商品描述',
  images: '商品图片',
  pointsPrice: '积分价',
  cashFen: '现金部分',
  stock: '库存',
  perMemberLimit: '每人限兑',
  fulfilment: '商品类型',
  coupon: '券面',
  'coupon.name': '券名称',
  'coupon.thresholdFen': '使用门槛',
  'coupon.discountFen': '减免金额',
  'coupon.validDays': '有效天数',
  pickupDays: '自提期限',
  activeUntil: '结束时间',
  carrier: '快递公司',
  trackingNo: '运单号',
  reason: '退款原因',
  note: '处理说明',
}

/**
 * Field errors from `fieldErrors` (a zod error or the BFF's INVALID_REQUEST) with each message in Chinese: the
 * Chinese half of shared's "中文 / English" messages, else a plain "… 填写有误" naming the field.
 */
export function chineseErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => {
      const half = message.split(/\s*\/\s+/)[0].trim()
      return [path, /[\u4e00-\u9fff]/.test(half) ? half : `${fieldLabels[path] ?? '此项'}填写有误`]
    }),
  )
}

type Issue = NonNullable<ReturnType<typeof MallItemInput.safeParse>['error']>['issues'][number]

/**
 * Shared's messages read "中文 / English": the Chinese half is shown when there is one; zod's own English
 * messages (bounds, types) are put in Chinese from the issue's code and the field's label.
 */
export function chineseIssueMessage(path: string, issue: Issue): string {
  const half = issue.message.split(/\s*\/\s+/)[0].trim()
  if (/[\u4e00-\u9fff]/.test(half)) return half
  const label = fieldLabels[path] ?? '此项'
  if (issue.code === 'too_small') {
    if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `请填写${label}` : `${label}太短`
    return `${label}不能小于 ${amountText(path, Number(issue.minimum))}`
  }
  if (issue.code === 'too_big') {
    if (issue.origin === 'string') return `${label}最多 ${issue.maximum} 个字`
    if (issue.origin === 'array') return `${label}最多 ${issue.maximum} 张`
    return `${label}不能大于 ${amountText(path, Number(issue.maximum))}`
  }
  if (issue.code === 'invalid_type') return `请填写${label}`
  return `${label}填写有误`
}

/** Bounds of fen fields read in yuan, as they are typed. */
function amountText(path: string, bound: number): string {
  return path.endsWith('Fen') ? `${bound / 100} 元` : String(bound)
}
