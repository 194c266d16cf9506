import { addDays, businessDayOf, businessDayStart } from '@mc/shared'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { isPostgres } from '../../db/engine'
import { backfillSnapshots } from '../../analytics/snapshots/backfill-snapshots'
import { publishedProgram } from '../../program/published-program'
import { demoJoinedDaysAgo, demoShoppers, seededRandom } from '../demo-shoppers'
import { recordSceneScan } from '../../outlets/record-scene-scan'
import { dateFirstVersion, historyOutlets, openShop, publishDemoRuleChange } from './demo-program'
import { scheduleDemoEngagement, type DemoEngagementJobs } from './demo-engagement'
import { joinAt, orderEventAt } from './history-actions'
import { historyShoppers, orderLines, type DemoCategory, type HistoryShopper } from './history-plan'
import { planShopperDay, schedule, type DemoYear, type LiveShopper } from './shopper-day'

/**
 * Fourteen months, so tiers reached in the first two months come up for retain or downgrade inside the reported year;
 * snapshots cover the last 365 days of it.
 */
export const demoHistoryDays = 430
export const demoHistoryCrowd = 300

const holder = 'demo-history'
const namedFavourites: DemoCategory[] = ['生鲜', '酒水', '零食']

/**
 * The nightly work each simulated day runs: the daily sweeps, and at the end the insights job for yesterday. The
 * jobs live on the floor above setup (they are what the scheduler runs), so the caller hands them in.
 */
export interface DemoJobs extends DemoEngagementJobs {
  daily: (db: Kysely<Database>, now: Date, holder: string) => Promise<unknown>
  insights: (db: Kysely<Database>, now: Date, holder: string) => Promise<{ ran: boolean } & { built?: string[] }>
}

/** How much history: simulated days (the last 365 of them snapshotted), generated shoppers, and snapshots or not. */
export interface DemoHistoryOptions {
  days?: number
  crowd?: number
  snapshots?: boolean
}

export interface DemoHistorySummary {
  members: number
  orders: number
  firstDay: string
  snapshotDays: number
}

/**
 * Fourteen months of a three-store program, lived day by day on a simulated clock through the product's own
 * code: each day starts with the daily jobs (expiry, tier sweep), then shoppers join (from store QR scans or the
 * shop), sign in, make up missed days, claim their tier's coupons, buy online and at the tills, get refunds, and
 * spend points in the mall. The three named shoppers join early and place the orders the short demo gives them.
 * Then the snapshots of the last year are backfilled and yesterday's nightly insights run, so every report has
 * real numbers on a first start. Deterministic: one seeded generator decides everything.
 */
export async function seedDemoHistory(
  db: Kysely<Database>,
  now: Date,
  jobs: DemoJobs,
  options: DemoHistoryOptions = {},
): Promise<DemoHistorySummary> {
  const days = options.days ?? demoHistoryDays
  const program = await publishedProgram(db)
  const { calendar } = program.rules
  const today = businessDayOf(now, calendar)
  const firstDay = addDays(today, -days)
  const openedAt = new Date(businessDayStart(firstDay, calendar).getTime() + 8 * 3_600_000)
  const year: DemoYear = {
    db,
    program,
    // A second stream beside the crowd's traits, so changing behaviour does not reshuffle who the shoppers are.
    random: seededRandom(20261203 ^ days),
    agenda: new Map(),
    items: await openShop(db, openedAt),
    claimed: new Set(),
    lastSigned: new Map(),
    nextOrder: 0,
  }
  await dateFirstVersion(db, openedAt)
  // The rule change lands early in the reported year (or three quarters in, for a short history).
  const changeDay = addDays(today, -Math.min(340, Math.floor(days * 0.75)))
  const changeAt = new Date(businessDayStart(changeDay, calendar).getTime() + 9.5 * 3_600_000)
  schedule(year, changeDay, { at: changeAt, run: () => publishDemoRuleChange(db, changeAt) })
  const crowd = historyShoppers(options.crowd ?? demoHistoryCrowd, days)
  return withFastCommits(db, async () => {
    const live = await liveYear(year, jobs, crowd, today, days)
    const snapshotDays = options.snapshots === false ? 0 : await snapshotYear(db, jobs, now, days)
    return { members: live.length, orders: year.nextOrder, firstDay, snapshotDays }
  })
}

/**
 * The reported year's snapshots: backfilled up to the day before yesterday, then yesterday by the nightly job as
 * the scheduler would run it tonight (with the figures only a nightly run knows, and member scoring).
 */
async function snapshotYear(db: Kysely<Database>, jobs: DemoJobs, now: Date, days: number): Promise<number> {
  const today = businessDayOf(now, (await publishedProgram(db)).rules.calendar)
  const from = addDays(today, -Math.min(days, 365))
  const beforeYesterday = addDays(today, -2)
  const backfilled = from <= beforeYesterday ? await backfillSnapshots(db, from, beforeYesterday, now) : null
  const nightly = await jobs.insights(db, now, holder)
  return (backfilled?.built.length ?? 0) + (nightly.built?.length ?? 0)
}

/** Runs every simulated day from the first to yesterday; answers the members who joined. */
async function liveYear(year: DemoYear, jobs: DemoJobs, crowd: HistoryShopper[], today: string, days: number) {
  const { db, random, program } = year
  const live: LiveShopper[] = []
  scheduleNamedShoppers(year, today, days)
  scheduleDemoEngagement(year, jobs, today, days)
  for (let ago = days; ago >= 1; ago--) {
    const day = addDays(today, -ago)
    const dayStart = businessDayStart(day, program.rules.calendar)
    const at = (fromHour: number, toHour: number) =>
      new Date(dayStart.getTime() + (fromHour * 60 + Math.floor(random() * (toHour - fromHour) * 60)) * 60_000)
    await jobs.daily(db, new Date(dayStart.getTime() + 60_000), holder)
    for (const shopper of live) {
      if (shopper.shopper.quitsDaysAgo < ago) planShopperDay(year, shopper, day, dayStart, ago)
    }
    for (const shopper of crowd.filter((s) => s.joinedDaysAgo === ago)) {
      const joinAtTime = at(9, 21)
      schedule(year, day, {
        at: joinAtTime,
        run: async () => {
          if (shopper.outlet) await recordSceneScan(db, shopper.outlet, new Date(joinAtTime.getTime() - 90_000))
          live.push({ id: await joinAt(db, shopper, joinAtTime), shopper, orders: 0 })
        },
      })
    }
    // People scan a store's code and do not join (or are members already): the funnel's top is wider than joins.
    for (const outlet of historyOutlets) {
      if (random() < 0.5) {
        const scanned = at(10, 21)
        schedule(year, day, { at: scanned, run: () => recordSceneScan(db, outlet.id, scanned) })
      }
    }
    const tasks = (year.agenda.get(day) ?? []).sort((a, b) => a.at.getTime() - b.at.getTime())
    year.agenda.delete(day)
    for (const task of tasks) await task.run()
  }
  return live
}

/**
 * The named shoppers of the short demo join a month before their first order and place the same orders (same
 * order ids and amounts, paid and completed at once), so the member pages and logins behave as they always have.
 */
function scheduleNamedShoppers(year: DemoYear, today: string, days: number) {
  const { db, program, random } = year
  const { calendar } = program.rules
  for (const [m, named] of demoShoppers(0).entries()) {
    // A history shorter than their orders (specs) has them join on its first day and skips the older orders.
    const joinedDaysAgo = Math.min(days, demoJoinedDaysAgo(named))
    const joinDay = addDays(today, -joinedDaysAgo)
    const joinAtTime = new Date(businessDayStart(joinDay, calendar).getTime() + 10 * 3_600_000)
    let memberId = ''
    schedule(year, joinDay, {
      at: joinAtTime,
      run: async () => {
        if (named.outlet) await recordSceneScan(db, named.outlet, new Date(joinAtTime.getTime() - 90_000))
        memberId = await joinAt(db, named, joinAtTime)
      },
    })
    for (const [o, { amountFen, daysAgo }] of named.orders.entries()) {
      if (daysAgo >= joinedDaysAgo) continue
      const day = addDays(today, -daysAgo)
      const paidAt = new Date(businessDayStart(day, calendar).getTime() + (11 + o) * 3_600_000)
      const orderId = `demo-${m + 1}-${o + 1}`
      const lines = orderLines(random, amountFen, namedFavourites[m])
      schedule(year, day, {
        at: paidAt,
        run: async () => {
          for (const type of ['order.paid', 'order.completed'] as const) {
            const data = { orderId, member: { memberId }, amountFen, lines }
            const event = { id: `evt_${orderId}_${type}`, type, occurredAt: paidAt.toISOString(), data }
            await orderEventAt(db, event, 'online', paidAt)
          }
        },
      })
    }
  }
}

/**
 * On SQLite the year is tens of thousands of small transactions (and a year of snapshots); waiting for the disk on
 * each commit would take minutes. A demo seed that dies half-way leaves a demo database to delete and start again
 * either way, so its commits need not survive a power cut; the product's own setting is restored before the server
 * takes a request.
 */
async function withFastCommits<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  if (isPostgres(db)) return work()
  await sql`PRAGMA synchronous = OFF`.execute(db)
  try {
    return await work()
  } finally {
    await sql`PRAGMA synchronous = FULL`.execute(db)
  }
}
