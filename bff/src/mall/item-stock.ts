import { AppError } from '@mc/shared'
import type { Transaction } from 'kysely'
import { preparedQuery } from '../db/prepared-query'
import type { Database } from '../db/schema'

/**
 * Takes `quantity` units in one conditional statement (`stock >= quantity`), so concurrent redemptions can never
 * take more than there is: the one that finds too little gets MALL_ITEM_SOLD_OUT and its transaction rolls back.
 */
export async function takeStock(trx: Transaction<Database>, itemId: string, quantity: number): Promise<void> {
  const taken = await stockTaken.affected(trx, { itemId, quantity })
  if (Number(taken) !== 1) throw new AppError('MALL_ITEM_SOLD_OUT', { itemId, requested: quantity })
}

/** Every redemption runs it, so it is built and compiled once (db/prepared-query.ts). */
const stockTaken = preparedQuery<{ itemId: string; quantity: number }>()((db, p) =>
  db
    .updateTable('mall_items')
    .set((eb) => ({ stock: eb('stock', '-', p.quantity) }))
    .where('id', '=', p.itemId)
    .where('stock', '>=', p.quantity),
)

/** Puts units back on sale (a release or a refund), as an increment, never by writing a read value back. */
export async function returnStock(trx: Transaction<Database>, itemId: string, quantity: number): Promise<void> {
  await trx
    .updateTable('mall_items')
    .set((eb) => ({ stock: eb('stock', '+', quantity) }))
    .where('id', '=', itemId)
    .execute()
}
