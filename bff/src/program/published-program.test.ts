import type { ProgramRules } from '@mc/shared'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type OpenDatabase } from '../db/database'
import { orderEvent, sendOrderEvent } from '../test/order-events'
import { useTestApp } from '../test/test-app'
import { publishedProgram, publishProgramVersion } from './published-program'

/**
 * The published program is kept in memory by version (published-program.ts); each posting reads only the latest
 * version number. So a version published through another handle on the same database (another instance) applies
 * from the next posting, and a version number a rolled-back publish read through its transaction never stands
 * for the rules another publish commits under that number.
 */
describe('the published program cached by version', () => {
  const t = useTestApp()
  let other: OpenDatabase
  let memberId: string
  beforeAll(async () => {
    const searchPath =
      t.kind === 'postgres'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0].s
        : undefined
    other = openDatabase(t.url, { searchPath })
    const token = await t.joinedMember('13960000001')
    memberId = (await t.json('GET', '/api/me', undefined, token)).body.member.id
  })
  afterAll(() => other.close())

  /** The current rules with growth per order yuan weighted by `weightPercent`. */
  const weighted = async (weightPercent: number): Promise<ProgramRules> => {
    const { rules } = await publishedProgram(t.db)
    const sources = { ...rules.growth.sources, order: { ...rules.growth.sources.order, weightPercent } }
    return { ...rules, growth: { ...rules.growth, sources } }
  }
  const publish = (db: OpenDatabase['db'], rules: ProgramRules) =>
    publishProgramVersion(db, { rules, template: null, note: null, publishedBy: 'spec', now: t.clock.now() })
  const pay = async (orderId: string) => {
    const response = await sendOrderEvent(t, orderEvent('order.paid', orderId, { memberId }, 10_000))
    expect(response.status).toBe(200)
    const order = await t.db
      .selectFrom('orders')
      .select(['rule_version', 'growth_earned'])
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow()
    return { version: order.rule_version, growth: order.growth_earned }
  }

  it('applies a version published by another handle on the same database from the next posting on', async () => {
    const before = await pay('C-1')
    expect(before.growth).toBe(100)
    const version = await publish(other.db, await weighted(200))
    expect(version).toBe(before.version + 1)
    expect(await pay('C-2')).toEqual({ version, growth: 200 })
    expect((await publishedProgram(t.db)).version).toBe(version)
    // And back: the handle that published sees a publish by this one at once too.
    const next = await publish(t.db, await weighted(300))
    expect((await publishedProgram(other.db)).version).toBe(next)
    expect(await pay('C-3')).toEqual({ version: next, growth: 300 })
  })

  it('never applies the rules of a publish that rolled back, even when another publish reuses its number', async () => {
    const { version: current } = await publishedProgram(t.db)
    const rules = await weighted(500)
    const rolledBack = t.db.transaction().execute(async (trx) => {
      const version = await publish(trx, rules)
      // Read inside the publishing transaction, as a publish's own tier moves do.
      expect(await publishedProgram(trx)).toMatchObject({
        version,
        rules: { growth: { sources: { order: { weightPercent: 500 } } } },
      })
      throw new Error('rolled back')
    })
    await expect(rolledBack).rejects.toThrow('rolled back')
    expect((await publishedProgram(t.db)).version).toBe(current)
    const reused = await publish(other.db, await weighted(400))
    expect(reused).toBe(current + 1)
    expect(await pay('C-4')).toEqual({ version: reused, growth: 400 })
  })
})
