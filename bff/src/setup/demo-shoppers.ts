/** A demo shopper and the orders they placed, `daysAgo` before the seed runs. */
export interface DemoShopper {
  phone: string
  nickname: string
  outlet: string | null
  birthday: string | null
  orders: { amountFen: number; daysAgo: number }[]
}

/** How long before their first order a demo shopper joined: their history starts with the membership. */
export const demoJoinLeadDays = 30

/**
 * Days before the seed that `shopper` joined: a month before their oldest order (a month ago with no orders), so
 * nothing in their history predates the membership and the days since joining are theirs to sign in or make up.
 */
export function demoJoinedDaysAgo(shopper: Pick<DemoShopper, 'orders'>): number {
  return Math.max(0, ...shopper.orders.map((o) => o.daysAgo)) + demoJoinLeadDays
}

/** Three named shoppers to log in as, one per FMCG tier. */
const namedShoppers: DemoShopper[] = [
  {
    phone: '13800000001',
    nickname: '林小夏',
    outlet: 'outlet_xuhui',
    birthday: '1992-03-14',
    orders: [68_000, 99_000, 45_600, 38_800].map((amountFen, i) => ({ amountFen, daysAgo: 84 - i * 21 })),
  },
  {
    phone: '13800000002',
    nickname: '陈一鸣',
    outlet: 'outlet_jingan',
    birthday: null,
    orders: [32_000, 29_900, 12_800].map((amountFen, i) => ({ amountFen, daysAgo: 63 - i * 21 })),
  },
  {
    phone: '13800000003',
    nickname: '王悦',
    outlet: null,
    birthday: '1998-11-02',
    orders: [8_800, 3_500].map((amountFen, i) => ({ amountFen, daysAgo: 42 - i * 21 })),
  },
]

/** mulberry32: a tiny seeded generator, so every first start (and every test) sees the same crowd. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export const surnames = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高'
export const givenNames = '伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚桂'

/**
 * The named shoppers plus `count` generated ones shaped like an FMCG customer base: order counts with a long
 * tail (most buy a few times a year, a few weekly), baskets of ¥30–¥280 skewed low, spread over ten months.
 */
export function demoShoppers(count: number, seed = 20261123): DemoShopper[] {
  const random = seededRandom(seed)
  const generated = Array.from({ length: count }, (_, i): DemoShopper => {
    const orderCount = Math.min(40, Math.floor(-Math.log(1 - random()) * 5))
    return {
      phone: `1370000${String(i + 1).padStart(4, '0')}`,
      nickname: surnames[Math.floor(random() * surnames.length)] + givenNames[Math.floor(random() * givenNames.length)],
      outlet: random() < 0.4 ? (random() < 0.5 ? 'outlet_xuhui' : 'outlet_jingan') : null,
      birthday:
        random() < 0.6
          ? `${1970 + Math.floor(random() * 35)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`
          : null,
      orders: Array.from({ length: orderCount }, () => ({
        amountFen: (30 + Math.floor(random() * random() * 250)) * 100 + Math.floor(random() * 100),
        daysAgo: 1 + Math.floor(random() * 300),
      })).sort((a, b) => b.daysAgo - a.daysAgo),
    }
  })
  return [...namedShoppers, ...generated]
}
