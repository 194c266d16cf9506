import {
  AppError,
  type CouponStatus,
  type CouponsPage,
  type CouponsQuery,
  type CouponView,
  type ShopCoupon,
} from '@mc/shared'
import { randomBytes } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { CouponsTable, Database } from '../db/schema'
import { cursorPage } from '../db/cursor-page'

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ' // Crockford base32: no I/L/O/U to misread at a till.

/** A coupon code: 16 characters from 80 random bits, so codes cannot be guessed or enumerated by the shop's users. */
export function newCouponCode(): string {
  return couponCodeOf(randomBytes(10))
}

/** Ten bytes as sixteen base32 digits, the 80-bit number they spell, most significant first. */
export function couponCodeOf(bytes: Uint8Array): string {
  return base32Digits(bytes, 0) + base32Digits(bytes, 5)
}

/** Five bytes (40 bits, exact in a double) as eight base32 digits, most significant first. */
function base32Digits(bytes: Uint8Array, from: number): string {
  let value = 0
  for (let i = from; i < from + 5; i += 1) value = value * 256 + bytes[i]
  let digits = ''
  for (let i = 0; i < 8; i += 1) {
    digits = alphabet[value % 32] + digits
    value = Math.floor(value / 32)
  }
  return digits
}

/** An available coupon past its end reads as expired; nothing needs to rewrite the row for that to be true. */
export function couponStatusAt(row: Pick<Selectable<CouponsTable>, 'status' | 'valid_until'>, now: Date): CouponStatus {
  if (row.status === 'available' && row.valid_until <= now.toISOString()) return 'expired'
  return row.status
}

export const couponFromRow = (row: Selectable<CouponsTable>, now: Date): CouponView => ({
  id: row.id,
  code: row.code,
  benefitKey: row.benefit_key,
  name: row.name,
  kind: row.kind,
  thresholdFen: row.threshold_fen,
  discountFen: row.discount_fen,
  status: couponStatusAt(row, now),
  validFrom: row.valid_from,
  validUntil: row.valid_until,
  usedAt: row.used_at,
  usedOrderId: row.used_order_id,
  createdAt: row.created_at,
})

/** The member's coupons, newest first, optionally of one status as of now, with how many that status holds. */
export async function listCoupons(
  db: Kysely<Database>,
  memberId: string,
  query: CouponsQuery,
  now: Date,
): Promise<CouponsPage> {
  const at = now.toISOString()
  const ofStatus = db
    .selectFrom('coupons')
    .where('member_id', '=', memberId)
    .$if(query.status === 'available', (q) => q.where('status', '=', 'available').where('valid_until', '>', at))
    .$if(query.status === 'used', (q) => q.where('status', '=', 'used'))
    .$if(query.status === 'expired', (q) =>
      q.where((eb) =>
        eb.or([eb('status', '=', 'expired'), eb.and([eb('status', '=', 'available'), eb('valid_until', '<=', at)])]),
      ),
    )
  const [rows, counted] = await Promise.all([
    ofStatus
      .selectAll()
      .$if(query.cursor !== undefined, (q) => q.where('id', '<', query.cursor!))
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute(),
    ofStatus.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
  ])
  const { page, nextCursor } = cursorPage(rows, query.limit)
  return {
    coupons: page.map((row) => couponFromRow(row, now)),
    nextCursor,
    total: Number(counted.total),
  }
}

/** A coupon as the shop checks it before an order: its owner, terms, status as of now and whether it can be used. */
export async function couponByCode(db: Kysely<Database>, code: string, now: Date): Promise<ShopCoupon> {
  const row = await db.selectFrom('coupons').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst()
  if (!row) throw new AppError('COUPON_NOT_FOUND')
  const coupon = couponFromRow(row, now)
  return { ...coupon, memberId: row.member_id, usable: coupon.status === 'available' }
}
