import { businessDayOf, defaultCalendar } from '@mc/shared'
import { openDatabase } from '../db/database'
import { postEntry } from './post-entry'

// Test helper process: `post-many-command.ts <db-url> <member-id> <count> <tag>` posts <count> growth credits of
// 1 to one member, each in its own transaction, as a separate OS process would (used by the multi-process spec).
const [url, memberId, countText, tag] = process.argv.slice(2)
const { db, close } = openDatabase(url)
let busy = 0
for (let i = 0; i < Number(countText); i += 1) {
  try {
    const now = new Date()
    await db.transaction().execute((trx) =>
      postEntry(trx, {
        memberId,
        ledger: 'growth',
        amount: 1,
        kind: 'task',
        reason: '并发测试',
        actor: 'system',
        idempotencyKey: `multi:${tag}:${i}`,
        ruleVersion: 1,
        businessDay: businessDayOf(now, defaultCalendar),
        occurredAt: now,
        now,
        credit: { expiresAt: null },
      }),
    )
  } catch (error) {
    if (String(error).includes('SQLITE_BUSY') || String(error).includes('database is locked')) busy += 1
    else throw error
  }
}
await close()
console.log(JSON.stringify({ tag, busy }))
