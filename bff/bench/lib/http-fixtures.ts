import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/schema'
import { issueSession } from '../../src/auth/member-sessions'
import { signWebhook } from '../../src/http/webhook-signature'
import type { NextRequest } from './load'

/** Who the HTTP figures act as: members with ledger history, and session tokens for the first `sessions` of them. */
export interface HttpMembers {
  memberIds: string[]
  tokens: string[]
}

/**
 * Members as `population.ts` writes them (balances, lots, tiers; half on 白银 or 黄金), so an order posts to an
 * account that exists and GET /api/me has something to add up, plus real sessions from the product's own
 * `issueSession`. Nothing goes through HTTP, so setup is not part of any figure.
 */
export async function issueBenchSessions(db: Kysely<Database>, memberIds: string[], now: Date): Promise<string[]> {
  const tokens: string[] = []
  await db.transaction().execute(async (trx) => {
    for (const id of memberIds) tokens.push((await issueSession(trx, id, now, 24)).token)
  })
  return tokens
}

/**
 * Signed `order.paid` events, every one distinct (own event id and order id), spread over the members. A pool is
 * signed ahead of the run so the load generator spends nothing on HMAC; should a fast server drain it, later
 * events are signed on demand. Timestamps are taken at signing, well inside the 300 s tolerance of one run.
 */
export function orderPostings(secret: string, memberIds: string[], tag: string, poolSize: number): NextRequest {
  let n = 0
  const make = () => {
    n += 1
    const body = JSON.stringify({
      id: `evt_${tag}_${n}`,
      type: 'order.paid',
      occurredAt: new Date().toISOString(),
      data: {
        orderId: `B-${tag}-${n}`,
        member: { memberId: memberIds[(n * 7919) % memberIds.length] },
        amountFen: 3_000 + ((n * 37) % 12_000),
      },
    })
    const timestamp = String(Math.floor(Date.now() / 1000))
    return {
      method: 'POST',
      path: '/webhooks/orders',
      body,
      headers: {
        'content-type': 'application/json',
        'x-mc-timestamp': timestamp,
        'x-mc-signature': signWebhook(secret, timestamp, body),
      },
    }
  }
  const pool = Array.from({ length: poolSize }, make)
  let next = 0
  return () => (next < pool.length ? pool[next++] : make())
}

/** GET /api/me, rotating through every session so each request reads a different member. */
export function meRequests(tokens: string[]): NextRequest {
  let n = 0
  return () => ({ method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${tokens[n++ % tokens.length]}` } })
}

/**
 * POST /api/mall/redemptions of one points-only pickup item, each request with its own Idempotency-Key, rotating
 * through the sessions: every request holds and captures points and takes one unit of the same item's stock.
 */
export function redemptionRequests(allTokens: string[], itemId: string, tag: string): NextRequest {
  // population.ts gives member i one points lot lapsing (i * 7 + 100) % 365 days after today's start: at 0 it has
  // lapsed already (the daily sweep that would expire it is off), so that member has nothing to spend and would
  // answer 409 POINTS_INSUFFICIENT, rightly. Those members (1 in 365) do not redeem.
  const tokens = allTokens.filter((_, i) => (i * 7 + 100) % 365 !== 0)
  let n = 0
  const body = JSON.stringify({ itemId })
  return () => {
    n += 1
    return {
      method: 'POST',
      path: '/api/mall/redemptions',
      body,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens[n % tokens.length]}`,
        'idempotency-key': `bench-${tag}-${n}`,
      },
    }
  }
}
