import type { OrderEvent } from '@mc/shared'
import { givenNames, seededRandom, surnames } from '../demo-shoppers'

/** The store a shopper joined at, or null for the online shop. */
export type DemoOutletId = 'outlet_xuhui' | 'outlet_jingan' | 'outlet_pudong'

/** The shelves an FMCG shop sells from; order lines carry one of them so category tags have something to read. */
export const demoCategories = ['零食', '饮料', '日化', '生鲜', '酒水'] as const
export type DemoCategory = (typeof demoCategories)[number]

/** How one generated shopper behaves over the demo year; every field is drawn once from the seeded generator. */
export interface HistoryShopper {
  phone: string
  nickname: string
  birthday: string | null
  outlet: DemoOutletId | null
  /** Days before the seed's today that the shopper joined. */
  joinedDaysAgo: number
  /** Days before today the shopper stopped buying and signing in (0: still active), so some lapse and go dormant. */
  quitsDaysAgo: number
  /** Chance of an order on any active day. */
  orderChance: number
  /** Share of orders bought at the home store's till rather than online (0 for online joiners). */
  tillShare: number
  /** Chance of a daily sign-in in the first `signInSpellDays` after joining (0 for shoppers who never sign in). */
  signInChance: number
  /** How long the sign-in habit lasts; afterwards the keeper signs in now and then, at an eighth of the chance. */
  signInSpellDays: number
  /** Typical basket in yuan; each order varies around it. */
  basketYuan: number
  favourite: DemoCategory
  /** Joined in the launch wave: buys within days of joining, a basket several times the usual one. */
  launch: boolean
}

/** Where the generated crowd comes from, weighted the way a three-store chain's QR codes would be scanned. */
const outletWeights: [DemoOutletId, number][] = [
  ['outlet_xuhui', 0.45],
  ['outlet_jingan', 0.35],
  ['outlet_pudong', 0.2],
]

/** A pick from `[value, weight]` pairs whose weights sum to 1. */
export function weighted<T>(random: () => number, pairs: [T, number][]): T {
  let left = random()
  for (const [value, weight] of pairs) {
    left -= weight
    if (left < 0) return value
  }
  return pairs[pairs.length - 1][0]
}

/**
 * A crowd shaped like an FMCG customer base: a few weekly shoppers, a quarter regular, most occasional, a quarter
 * who buy once or twice; about a third lapse at some point. Sign-in keepers buy somewhat more often, as they do in
 * real programs, so the sign-in comparison has an effect to show (with its self-selection caveat).
 */
export function historyShoppers(count: number, historyDays: number, seed = 20261203): HistoryShopper[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, (_, i): HistoryShopper => {
    const ordersPerYear = weighted(random, [
      [40 + random() * 15, 0.05],
      [10 + random() * 10, 0.25],
      [3 + random() * 5, 0.45],
      [1 + random(), 0.25],
    ])
    const signs = random() < 0.18
    // A launch wave in the first six weeks (opening offers: a big first basket), then more recent joins than old
    // ones as the program grows. The wave's upgrades come up for retain or downgrade inside the reported year.
    const launch = random() < 0.18
    const joinedDaysAgo = launch
      ? historyDays - 1 - Math.floor(random() * 40)
      : 1 + Math.floor((historyDays - 2) * random() ** 1.2)
    const quits = random() < 0.3
    const outlet = random() < 0.45 ? weighted(random, outletWeights) : null
    return {
      phone: `1370000${String(i + 1).padStart(4, '0')}`,
      nickname: surnames[Math.floor(random() * surnames.length)] + givenNames[Math.floor(random() * givenNames.length)],
      birthday:
        random() < 0.6
          ? `${1970 + Math.floor(random() * 35)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`
          : null,
      outlet,
      joinedDaysAgo,
      quitsDaysAgo: quits ? Math.floor(random() * joinedDaysAgo) : 0,
      orderChance: Math.min(0.3, ((signs ? 1.4 : 1) * ordersPerYear) / 365),
      tillShare: outlet ? 0.3 + random() * 0.4 : 0,
      signInChance: signs ? 0.3 + random() * 0.4 : 0,
      signInSpellDays: 20 + Math.floor(random() * 80),
      basketYuan: 30 + Math.floor(random() * random() * 220),
      favourite: demoCategories[Math.floor(random() * demoCategories.length)],
      launch,
    }
  })
}

/**
 * Splits an order's amount into one to four lines. The favourite category takes about two thirds of the lines,
 * so a shopper's preference tag follows their habit; the last line takes the rounding so the lines sum exactly.
 */
export function orderLines(
  random: () => number,
  amountFen: number,
  favourite: DemoCategory,
): NonNullable<OrderEvent['data']['lines']> {
  const count = Math.min(1 + Math.floor(random() * 4), Math.max(1, Math.floor(amountFen / 500)))
  const shares = Array.from({ length: count }, () => 1 + random())
  const total = shares.reduce((sum, share) => sum + share, 0)
  let left = amountFen
  return shares.map((share, n) => {
    const category = random() < 0.65 ? favourite : demoCategories[Math.floor(random() * demoCategories.length)]
    const lineFen = n === count - 1 ? left : Math.floor((amountFen * share) / total)
    left -= lineFen
    const sku = `${demoCategories.indexOf(category) + 1}${String(1 + Math.floor(random() * 40)).padStart(3, '0')}`
    return { sku: `SKU-${sku}`, category, qty: 1 + Math.floor(random() * 3), amountFen: lineFen }
  })
}

/** One basket around the shopper's usual amount: mostly near it, now and then a big shop. */
export function basketFen(random: () => number, shopper: Pick<HistoryShopper, 'basketYuan'>): number {
  const factor = random() < 0.1 ? 2 + random() * 2 : 0.6 + random() * 0.8
  return Math.max(990, Math.round(shopper.basketYuan * factor) * 100 + Math.floor(random() * 100))
}
