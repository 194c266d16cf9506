import type { Channel } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { enqueueMessages, type MessageInput } from './enqueue-messages'

export type { MessageInput } from './enqueue-messages'

/**
 * Writes the message to the inbox at once and queues at most one push: a WeChat subscribe message when the member
 * holds an unspoken-for one-time subscription to the category's template, else an SMS when they consented. Muted
 * categories get the inbox only. Pushes wait for the end of quiet hours. A push channel the merchant uses but has
 * no template for this category gets a 'skipped' row saying so, so the console shows the gap. The rules live in
 * `enqueueMessages`, the batch door; this is that door for one message.
 */
export async function enqueueMessage(
  trx: Transaction<Database>,
  input: MessageInput,
): Promise<{ channels: Channel[] }> {
  const [result] = await enqueueMessages(trx, [input])
  return result
}
