import { AppError } from '@mc/shared'
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema'

/**
 * Takes `quantity` units in one conditional statement (`stock >= quantity`), so concurrent redemptions can never
 * take more than there is: the one that finds too little gets MALL_ITEM_SOLD_OUT and its transaction rolls back.
 */
export async function takeStock(trx: Transaction<Database>, itemId: string, quantity: number): Promise<void> {
  const taken = await trx
    .updateTable('mall_items')
    .set((eb) => ({ stock: eb('stock', '-', quantity) }))
    .where('id', '=', itemId)
    .where('stock', '>=', quantity)
    .executeTakeFirst()
  if (Number(taken.numUpdatedRows) !== 1) throw new AppError('MALL_ITEM_SOLD_OUT', { itemId, requested: quantity })
}

/** Puts units back on sale (a release or a refund), as an increment, never by writing a read value back. */
export async function returnStock(trx: Transaction<Database>, itemId: string, quantity: number): Promise<void> {
  await trx
    .updateTable('mall_items')
    .set((eb) => ({ stock: eb('stock', '+', quantity) }))
    .where('id', '=', itemId)
    .execute()
}
