import { describe, expect, it } from 'vitest'
import { sql, type Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { type TestApp, useTestApp } from '../test/test-app'
import { testDatabaseKind } from '../test/test-database'

/** Resolves once `backends` backends of this database wait on a lock in a statement that starts with `queryStart`. */
async function waitingOnLock(t: TestApp, queryStart: string, also?: () => boolean, backends = 1) {
  for (let tries = 0; tries < 200; tries += 1) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where wait_event_type = 'Lock' and datname = current_database() and query like ${`${queryStart}%`}`.execute(t.db)
    if (rows[0].n >= backends || also?.()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`nothing waited on a lock in ${queryStart}`)
}

/** Runs `hold` in a transaction left open until `rollBack()`: whatever it locked stays locked until then. */
async function holdInTransaction(t: TestApp, hold: (trx: Transaction<Database>) => Promise<unknown>) {
  let release = () => {}
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  let holding = () => {}
  const held = new Promise<void>((resolve) => {
    holding = resolve
  })
  const open = t.db
    .transaction()
    .execute(async (trx) => {
      await hold(trx)
      holding()
      await gate
      throw new Error('rolled back on purpose')
    })
    .catch(() => undefined)
  await held
  return {
    rollBack: async () => {
      release()
      await open
    },
  }
}

// SQLite runs one writer at a time, so a refund and its payment cannot overlap there.
describe.runIf(testDatabaseKind() === 'postgres')('a refund racing its payment (PostgreSQL)', () => {
  const t = useTestApp()

  it('is applied once the payment lands, even when it found no order while the payment was committing', async () => {
    const token = await t.joinedMember('13300009901')
    const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
    const paid = orderEvent('order.paid', 'RACE-1', { memberId }, 20_000)
    const refund = orderEvent('order.refunded', 'RACE-1', { memberId }, 20_000, {
      refundId: 'r1',
      refundAmountFen: 20_000,
    })
    // Another transaction holds the refund's parked-row key: the refund stops at its park insert, after it has
    // found no order, and stays there until that transaction rolls back.
    const blocker = await holdInTransaction(t, (trx) =>
      trx
        .insertInto('parked_order_events')
        .values({ event_id: refund.id, order_id: 'RACE-1', body: '{}', received_at: 'x', applied_at: null })
        .execute(),
    )

    const refundAnswer = sendOrderEvent(t, refund)
    await waitingOnLock(t, 'insert into "parked_order_events"')
    // The payment now runs while the refund is undecided: it either waits for the order's lock or, if nothing
    // made it wait, commits before the refund's park does.
    let paidDone = false
    const paidAnswer = sendOrderEvent(t, paid).then((answer) => {
      paidDone = true
      return answer
    })
    await waitingOnLock(t, 'select "m"."id"', () => paidDone)
    await blocker.rollBack()
    const [refunded, payment] = await Promise.all([refundAnswer, paidAnswer])

    expect(payment.status).toBe(200)
    expect([200, 202]).toContain(refunded.status)
    const order = await t.db
      .selectFrom('orders')
      .select(['refunded_fen'])
      .where('order_id', '=', 'RACE-1')
      .executeTakeFirstOrThrow()
    expect(order.refunded_fen).toBe(20_000)
    const waiting = await t.db
      .selectFrom('parked_order_events')
      .select('event_id')
      .where('order_id', '=', 'RACE-1')
      .where('applied_at', 'is', null)
      .execute()
    expect(waiting).toEqual([])
  })

  it('is applied at once when the payment held the order while the refund looked', async () => {
    const token = await t.joinedMember('13300009902')
    const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
    // An earlier order opens the member's accounts, so there is a growth account row to hold.
    expect((await sendOrderEvent(t, orderEvent('order.paid', 'RACE-0', { memberId }, 5_000))).status).toBe(200)
    const paid = orderEvent('order.paid', 'RACE-2', { memberId }, 30_000)
    const refund = orderEvent('order.refunded', 'RACE-2', { memberId }, 30_000, {
      refundId: 'r1',
      refundAmountFen: 30_000,
    })
    // The payment stops at the member's account in its first read, holding the order's lock, until this
    // transaction rolls back.
    const blocker = await holdInTransaction(t, (trx) =>
      trx
        .selectFrom('ledger_accounts')
        .selectAll()
        .where('member_id', '=', memberId)
        .where('ledger', '=', 'growth')
        .forUpdate()
        .execute(),
    )
    const paidAnswer = sendOrderEvent(t, paid)
    await waitingOnLock(t, 'select "m"."id"')
    // The refund reads its facts while the payment is uncommitted: it waits for the order, then finds it paid.
    const refundAnswer = sendOrderEvent(t, refund)
    await waitingOnLock(t, 'select "m"."id"', undefined, 2)
    await blocker.rollBack()
    const [payment, refunded] = await Promise.all([paidAnswer, refundAnswer])

    expect(payment.status).toBe(200)
    expect(refunded).toMatchObject({ status: 200, body: { status: 'applied' } })
    const order = await t.db
      .selectFrom('orders')
      .select(['refunded_fen'])
      .where('order_id', '=', 'RACE-2')
      .executeTakeFirstOrThrow()
    expect(order.refunded_fen).toBe(30_000)
    expect(
      await t.db.selectFrom('parked_order_events').select('event_id').where('order_id', '=', 'RACE-2').execute(),
    ).toEqual([])
  })

  it("a payment takes its order's lock before the member's growth account, as a refund does", async () => {
    // A refund holds the order's lock and then locks the member's accounts; a payment locking the account first
    // and the order second could deadlock with it. Here the account is held elsewhere: the payment waiting on it
    // must already hold the order's lock.
    const token = await t.joinedMember('13300009903')
    const memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id as string
    expect((await sendOrderEvent(t, orderEvent('order.paid', 'LOCK-0', { memberId }, 1_000))).status).toBe(200)
    const blocker = await holdInTransaction(t, (trx) =>
      sql`select 1 from ledger_accounts where member_id = ${memberId} and ledger = 'growth' for update`.execute(trx),
    )
    const payment = sendOrderEvent(t, orderEvent('order.paid', 'LOCK-1', { memberId }, 1_000))
    await waitingOnLock(t, 'select "m"."id"')
    const orderLockFree = await t.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ free: boolean }>`
        select pg_try_advisory_xact_lock(4301, hashtext('LOCK-1')) as free`.execute(trx)
      return rows[0].free
    })
    await blocker.rollBack()
    expect(orderLockFree).toBe(false)
    expect((await payment).status).toBe(200)
  })
})
