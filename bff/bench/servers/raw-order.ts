import {
  businessDayOf,
  evaluateUpgrade,
  fmcgTemplate,
  growthCountsUntil,
  newId,
  orderGrowth,
  orderPoints,
  tierByKey,
  yuan,
} from '@mc/shared'
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import { openSqliteFile } from '../../src/db/database'

/**
 * (b) The practical limit of one transaction per request: bare node:http and better-sqlite3 with the product's
 * pragmas (WAL, synchronous=FULL) on the product's schema, doing the same statements `runIdempotent` +
 * `applyOrderEvent` + `postEntry` do for an `order.paid` under the FMCG rules (growth credited on payment), in
 * one BEGIN IMMEDIATE transaction of cached prepared statements. No framework, no query builder, no signature
 * check, no schema validation, no logging: only the SQL work and the numbers it needs.
 */
const db = openSqliteFile(process.env.DATABASE_URL!)
const rules = fmcgTemplate
const q = {
  begin: db.prepare('begin immediate'),
  commit: db.prepare('commit'),
  rollback: db.prepare('rollback'),
  claim:
    db.prepare(`insert into idempotency_records (scope, key, request_hash, request_body, response_status, response_body,
    created_at)
    values ('order_event', ?, ?, ?, null, null, ?) on conflict (scope, key) do nothing`),
  replay: db.prepare(
    `select response_status, response_body from idempotency_records where scope = 'order_event' and key = ?`,
  ),
  program: db.prepare('select version, rules from program_versions order by version desc limit 1'),
  member: db.prepare('select id, birthday from members where id = ?'),
  order: db.prepare('select * from orders where order_id = ?'),
  tier: db.prepare('select tier_key, valid_until from member_tiers where member_id = ?'),
  insertOrder:
    db.prepare(`insert into orders (order_id, member_id, status, paid_fen, refunded_fen, growth_earned, points_earned,
    growth_credited, points_credited, growth_entry_id, points_entry_id, rule_version, outlet_id, source, paid_at,
    completed_at)
    values (?, ?, 'paid', ?, 0, ?, ?, 0, 0, null, null, ?, null, 'online', ?, null)`),
  account: db.prepare(`select * from ledger_accounts where member_id = ? and ledger = 'growth'`),
  openAccount:
    db.prepare(`insert into ledger_accounts (member_id, ledger, balance, held, version) values (?, 'growth', 0, 0, 0)
    on conflict (member_id, ledger) do nothing`),
  insertEntry:
    db.prepare(`insert into ledger_entries (id, member_id, ledger, amount, kind, reason, actor, actor_id, ref_type,
    ref_id, idempotency_key, reverses_entry_id, corrects_entry_id, lot_id, rule_version, balance_after, account_version,
    business_day, occurred_at, created_at)
    values (?, ?, 'growth', ?, 'order', ?, 'system', null, 'order', ?, ?, null, null, ?, ?, ?, ?, ?, ?, ?)`),
  insertLot:
    db.prepare(`insert into ledger_lots (id, member_id, ledger, entry_id, amount, remaining, expires_at, created_at)
    values (?, ?, 'growth', ?, ?, ?, ?, ?)`),
  updateAccount: db.prepare(
    `update ledger_accounts set balance = ?, version = ? where member_id = ? and ledger = 'growth'`,
  ),
  upsertTier:
    db.prepare(`insert into member_tiers (member_id, tier_key, valid_until, since, rule_version) values (?, ?, ?, ?, ?)
    on conflict (member_id) do update set tier_key = excluded.tier_key, valid_until = excluded.valid_until,
    since = excluded.since, rule_version = excluded.rule_version`),
  tierChange:
    db.prepare(`insert into tier_changes (id, member_id, kind, from_key, to_key, valid_until, growth, business_day,
    rule_version, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  creditOrder: db.prepare('update orders set growth_credited = ?, growth_entry_id = ? where order_id = ?'),
  parked: db.prepare(`select event_id, body from parked_order_events where order_id = ? and applied_at is null
    order by received_at, event_id`),
  respond: db.prepare(
    `update idempotency_records set response_status = ?, response_body = ? where scope = 'order_event' and key = ?`,
  ),
}

interface PaidEvent {
  id: string
  occurredAt: string
  data: { orderId: string; member: { memberId: string }; amountFen: number }
}

function postOrder(raw: string, now: Date): { status: number; body: string } {
  const event = JSON.parse(raw) as PaidEvent
  const nowIso = now.toISOString()
  const claimed = q.claim.run(event.id, createHash('sha256').update(raw).digest('hex'), raw, nowIso).changes
  if (claimed === 0) {
    const record = q.replay.get(event.id) as { response_status: number; response_body: string }
    return { status: record.response_status, body: record.response_body }
  }
  const { version } = q.program.get() as { version: number }
  const member = q.member.get(event.data.member.memberId) as { id: string; birthday: string | null } | undefined
  if (!member) throw new Error('member not found')
  const outcome = {
    eventId: event.id,
    orderId: event.data.orderId,
    status: 'applied',
    memberId: member.id,
    growth: 0,
    points: 0,
    tier: null as unknown,
  }
  if (q.order.get(event.data.orderId)) return respond(event.id, outcome)
  const occurredAt = new Date(event.occurredAt)
  const state = q.tier.get(member.id) as { tier_key: string; valid_until: string | null } | undefined
  const growth = orderGrowth(rules, event.data.amountFen)
  const points = orderPoints(rules, event.data.amountFen, tierByKey(rules, state?.tier_key ?? 'regular'), false)
  q.insertOrder.run(
    event.data.orderId,
    member.id,
    event.data.amountFen,
    growth,
    points,
    version,
    occurredAt.toISOString(),
  )
  if (growth > 0) {
    let account = q.account.get(member.id) as { balance: number; version: number } | undefined
    if (!account) {
      q.openAccount.run(member.id)
      account = q.account.get(member.id) as { balance: number; version: number }
    }
    const balanceAfter = account.balance + growth
    const entryId = newId('gre', now.getTime())
    const lotId = newId('glt', now.getTime())
    const day = businessDayOf(occurredAt, rules.calendar)
    q.insertEntry.run(
      entryId,
      member.id,
      growth,
      `订单 ${event.data.orderId} 实付 ¥${yuan(event.data.amountFen)}`,
      event.data.orderId,
      `order:${event.data.orderId}:growth`,
      lotId,
      version,
      balanceAfter,
      account.version + 1,
      day,
      occurredAt.toISOString(),
      nowIso,
    )
    q.insertLot.run(
      lotId,
      member.id,
      entryId,
      growth,
      growth,
      growthCountsUntil(rules, occurredAt).toISOString(),
      nowIso,
    )
    q.updateAccount.run(balanceAfter, account.version + 1, member.id)
    const current = q.tier.get(member.id) as { tier_key: string; valid_until: string | null } | undefined
    const change = evaluateUpgrade(
      rules,
      { key: current?.tier_key ?? 'regular', validUntil: current?.valid_until ?? null },
      balanceAfter,
      businessDayOf(now, rules.calendar),
    )
    if (change && change.kind === 'upgrade') {
      q.upsertTier.run(member.id, change.state.key, change.state.validUntil, nowIso, version)
      q.tierChange.run(
        newId('tch', now.getTime()),
        member.id,
        change.kind,
        change.from,
        change.state.key,
        change.state.validUntil,
        balanceAfter,
        businessDayOf(now, rules.calendar),
        version,
        nowIso,
      )
      outcome.tier = { from: change.from, to: change.to }
    }
    q.creditOrder.run(growth, entryId, event.data.orderId)
    outcome.growth = growth
  }
  q.parked.all(event.data.orderId)
  return respond(event.id, outcome)
}

function respond(eventId: string, outcome: object) {
  const body = JSON.stringify(outcome)
  q.respond.run(200, body, eventId)
  return { status: 200, body }
}

createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    return
  }
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    let answer: { status: number; body: string }
    q.begin.run()
    try {
      answer = postOrder(Buffer.concat(chunks).toString('utf8'), new Date())
      q.commit.run()
    } catch (error) {
      q.rollback.run()
      answer = { status: 500, body: JSON.stringify({ error: String(error) }) }
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body)
  })
}).listen(Number(process.env.PORT), '127.0.0.1')
process.on('SIGTERM', () => {
  db.close()
  process.exit(0)
})
