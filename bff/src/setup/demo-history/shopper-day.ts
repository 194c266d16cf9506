import { addDays, type OrderEvent } from '@mc/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { PublishedProgram } from '../../program/published-program'
import { claimAt, makeUpAt, orderEventAt, redeemAt, signInAt, useBestCouponAt } from './history-actions'
import { historyOutlets } from './demo-program'
import { basketFen, orderLines, type HistoryShopper } from './history-plan'

/** Something to do at an instant of the simulated year. */
export interface Task {
  at: Date
  run: () => Promise<unknown>
}

/** What the year's run shares: the database, the generator, the tasks still ahead, and a few running counters. */
export interface DemoYear {
  db: Kysely<Database>
  program: PublishedProgram
  random: () => number
  /** Tasks per business day, run in time order when the loop reaches that day. */
  agenda: Map<string, Task[]>
  /** Mall item ids by title, as created at the start of the year. */
  items: Map<string, string>
  /** Claims already made, `member:benefit:period`, so a shopper tries each period once. */
  claimed: Set<string>
  /** The last day each member signed, to decide on a make-up of yesterday. */
  lastSigned: Map<string, string>
  nextOrder: number
}

export function schedule(year: DemoYear, day: string, task: Task): void {
  const tasks = year.agenda.get(day) ?? []
  tasks.push(task)
  year.agenda.set(day, tasks)
}

/** A member of the crowd, once joined. */
export interface LiveShopper {
  id: string
  shopper: HistoryShopper
  orders: number
}

const minutes = (start: Date, from: number, to: number, random: () => number) =>
  new Date(start.getTime() + (from + Math.floor(random() * (to - from))) * 60_000)

/** Decides what one shopper does on `day` (sign in, buy) and schedules it; the caller runs the day's tasks. */
export function planShopperDay(year: DemoYear, live: LiveShopper, day: string, dayStart: Date, ago: number): void {
  const { random } = year
  const { shopper } = live
  const inSpell = shopper.joinedDaysAgo - ago <= shopper.signInSpellDays
  if (random() < shopper.signInChance / (inSpell ? 1 : 8)) {
    const at = minutes(dayStart, 7 * 60, 23 * 60, random)
    const makeUp = random() < 0.3
    schedule(year, day, { at, run: () => signIn(year, live.id, day, at, makeUp) })
  }
  const opening = shopper.launch && live.orders === 0
  if (random() < (opening ? 0.3 : shopper.orderChance)) {
    live.orders++
    const at = minutes(dayStart, 8 * 60, 22 * 60, random)
    const till = random() < shopper.tillShare
    schedule(year, day, { at, run: () => placeOrder(year, live, day, at, till, opening) })
  }
}

/** Signs today; a keeper who missed yesterday sometimes pays for a make-up (the product refuses it across months). */
async function signIn(year: DemoYear, memberId: string, day: string, at: Date, makeUp: boolean) {
  if (!(await signInAt(year.db, memberId, at))) return
  const yesterday = addDays(day, -1)
  const last = year.lastSigned.get(memberId)
  year.lastSigned.set(memberId, day)
  if (makeUp && last !== undefined && last < yesterday && last >= addDays(day, -4)) {
    await makeUpAt(year.db, memberId, yesterday, new Date(at.getTime() + 30_000))
  }
}

/**
 * One purchase as a shopper makes it: claim the benefits of this period first (most do, not all), use the best
 * coupon on the basket, pay, and now and then spend points in the mall. Online orders complete two days later
 * (points wait for completion); a few are refunded in part, which claws back what they earned.
 */
async function placeOrder(year: DemoYear, live: LiveShopper, day: string, at: Date, till: boolean, opening: boolean) {
  const { db, random } = year
  const { shopper } = live
  await claimBenefits(year, live, day, at)
  const amountFen = basketFen(random, shopper) * (opening ? 3 + Math.floor(random() * 3) : 1)
  const n = ++year.nextOrder
  // Only shoppers with a home store have a till share, so a till purchase always has its store.
  const outletId = (till && shopper.outlet) || undefined
  const orderId = till ? `pos:${outletId}:R${day.replaceAll('-', '')}${String(n).padStart(5, '0')}` : `demo-h-${n}`
  const memberId = live.id
  const later = (ms: number) => new Date(at.getTime() + ms)
  const discountFen =
    random() < 0.8
      ? await useBestCouponAt(db, { memberId, orderId, orderAmountFen: amountFen, kind: 'cash_off' }, at)
      : 0
  if (!till && random() < 0.5) {
    await useBestCouponAt(db, { memberId, orderId, orderAmountFen: amountFen, kind: 'free_shipping' }, at)
  }
  const paidFen = amountFen - discountFen
  // The till sends no lines (the staff purchase has none); the online shop sends its basket.
  const lines = till ? undefined : orderLines(random, paidFen, shopper.favourite)
  const data: OrderEvent['data'] = { orderId, member: { memberId }, amountFen: paidFen, outletId, lines }
  const event = (type: OrderEvent['type'], when: Date, extra: Partial<OrderEvent['data']> = {}): OrderEvent => ({
    id: till ? `${orderId}:${type.slice(6)}` : `evt_${orderId}_${type}`,
    type,
    occurredAt: when.toISOString(),
    data: { ...data, ...extra },
  })
  const source = till ? 'outlet' : 'online'
  await orderEventAt(db, event('order.paid', later(1000)), source, later(1000))
  const completeAt = till ? later(2000) : later(2 * 86_400_000)
  const completed = {
    at: completeAt,
    run: () => orderEventAt(db, event('order.completed', completeAt), source, completeAt),
  }
  if (till) await completed.run()
  else schedule(year, addDays(day, 2), completed)
  if (!till && random() < 0.04) {
    const afterDays = 3 + Math.floor(random() * 5)
    const refundAt = later(afterDays * 86_400_000)
    const refundAmountFen = Math.max(100, Math.round(paidFen * (0.3 + random() * 0.7)))
    const refund = event('order.refunded', refundAt, { refundId: `${orderId}-r1`, refundAmountFen })
    schedule(year, addDays(day, afterDays), {
      at: refundAt,
      run: () => orderEventAt(db, refund, source, refundAt),
    })
  }
  if (random() < 0.12) await redeemSomething(year, memberId, n, later(5000))
}

/** The benefits of the member's current tier that grant coupons, each claimed once a period (birthday: its month). */
async function claimBenefits(year: DemoYear, live: LiveShopper, day: string, at: Date) {
  const { db, program, random } = year
  const row = await db.selectFrom('member_tiers').select('tier_key').where('member_id', '=', live.id).executeTakeFirst()
  const tier = program.rules.tiers.find((t) => t.key === row?.tier_key) ?? program.rules.tiers[0]
  for (const key of tier.benefits) {
    const benefit = program.rules.benefits[key]
    if (!benefit?.grant) continue
    const birthday = benefit.grant.period === 'birthday_month'
    if (birthday && live.shopper.birthday?.slice(5, 7) !== day.slice(5, 7)) continue
    const period = `${live.id}:${key}:${birthday ? day.slice(0, 4) : day.slice(0, 7)}`
    if (year.claimed.has(period) || random() > 0.65) continue
    year.claimed.add(period)
    await claimAt(db, live.id, key, at)
  }
}

/**
 * Shoppers spend points on what they can afford: mostly the cheap coupon, sometimes the tote bag, now and then
 * the gold gift box (the product refuses it below gold, and items that are sold out or over the member's limit).
 * The chances leave the scarce items in stock, so a shopper trying the demo can still redeem them.
 */
async function redeemSomething(year: DemoYear, memberId: string, n: number, at: Date) {
  const account = await year.db
    .selectFrom('ledger_accounts')
    .select(['balance', 'held'])
    .where('member_id', '=', memberId)
    .where('ledger', '=', 'points')
    .executeTakeFirst()
  const available = account ? Number(account.balance) - Number(account.held) : 0
  const pick = year.random()
  const title =
    available >= 1500 && pick < 0.1
      ? '黄金会员专享礼盒'
      : available >= 300 && pick < 0.3
        ? '品牌帆布袋'
        : available >= 100
          ? '满50减5元券'
          : null
  const itemId = title && year.items.get(title)
  if (!itemId) return
  // Pickup items are collected at one of the stores, spread over the three as shoppers would.
  const pickupOutletId = title === '满50减5元券' ? undefined : historyOutlets[n % historyOutlets.length].id
  await redeemAt(year.db, { memberId, itemId, pickupOutletId }, `demo-redeem-${n}`, at)
}
