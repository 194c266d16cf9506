import { awardForEvent, businessDayOf, shareDailyCap, type ShareTaskResponse } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database, LedgerName } from '../db/schema'
import type { Deps } from '../deps'
import { earn, type Credit } from '../earning/earn'
import { lockAccount } from '../ledger/accounts'
import { publishedProgram } from '../program/published-program'
import { joinedDayOf } from '../sign-in/sign-in-days'
import { earnedOnDay } from './task-day-totals'

/**
 * Credits one share from the mini-program's share callback. WeChat does not confirm that anything was shared, so
 * the daily cap is the only guard: each share credits the rules' share reward up to what is left of today's cap on
 * each ledger, and nothing once it is reached (still 200: the page says nothing either way). The growth account is
 * locked before today's total is read, so of twenty shares at once each sees the ones before it and the day's
 * total never passes the cap. The entry's key counts the day's shares, the ledger's unique key as a backstop.
 */
export async function creditShare(deps: Deps, memberId: string): Promise<ShareTaskResponse> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const program = await publishedProgram(trx)
    const { rules } = program
    await joinedDayOf(trx, memberId, rules.calendar)
    const day = businessDayOf(now, rules.calendar)
    await lockAccount(trx, memberId, 'growth')
    const earned = await earnedOnDay(trx, memberId, 'share', day)
    const rewarded = { growth: 0, points: 0 }
    const credits: Credit[] = []
    for (const ledger of ['growth', 'points'] as const) {
      const source = rules[ledger].sources.share
      rewarded[ledger] = awardForEvent({ ...source, dailyCap: shareDailyCap(source) }, earned[ledger])
      if (rewarded[ledger] > 0)
        credits.push(shareCredit(memberId, ledger, rewarded[ledger], day, await sharesOn(trx, memberId, ledger, day)))
    }
    if (credits.length > 0) await earn(trx, { credits, program, now })
    return { businessDay: day, rewarded }
  })
}

function shareCredit(memberId: string, ledger: LedgerName, amount: number, day: string, before: number): Credit {
  return {
    memberId,
    ledger,
    amount,
    kind: 'share',
    reason: '分享给好友',
    actor: 'member',
    actorId: memberId,
    ref: { type: 'share', id: day },
    idempotencyKey: `share:${memberId}:${day}:${ledger}:${before + 1}`,
    businessDay: day,
  }
}

/** How many share entries the member has on the ledger for the day, to number the next one. */
async function sharesOn(trx: Transaction<Database>, memberId: string, ledger: LedgerName, day: string) {
  const row = await trx
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .where('ledger', '=', ledger)
    .where('kind', '=', 'share')
    .where('business_day', '=', day)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
