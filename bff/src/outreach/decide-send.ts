import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { decideSends, type SendDecision, type SendDecisionInput } from './decide-sends'

export { sendDedupeKey, type SendDecision, type SendDecisionInput } from './decide-sends'

/**
 * Records what happens to one member for one rule and period, once: the insert on the unique dedupe key is the
 * only guard, so however many runners or retries reach the same (source, member, period), one row wins and every
 * other call gets null and does nothing. Holdouts are decided by `armFor` (the same arm on every run); the weekly
 * cap counts messages actually sent to the member in the last 7×24 hours, whatever rule or campaign sent them.
 */
export async function decideSend(trx: Transaction<Database>, input: SendDecisionInput): Promise<SendDecision | null> {
  const [decision] = await decideSends(trx, [input])
  return decision
}
