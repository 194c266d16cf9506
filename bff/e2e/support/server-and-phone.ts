import { afterAll, beforeAll } from 'vitest'
import { openPhone, type Phone } from './browser'
import { startH5Server } from './h5-server'

/** The product as `npm start` runs it, on a fresh database (see `startH5Server`). */
export type H5Server = Awaited<ReturnType<typeof startH5Server>>

/**
 * The server and a phone of one describe block: there before its tests (and before any hook registered after
 * this call), closed after them.
 */
export function useServerAndPhone() {
  const server = {} as H5Server
  const phone = {} as Phone
  beforeAll(async () => {
    Object.assign(server, await startH5Server())
    Object.assign(phone, await openPhone())
  })
  afterAll(async () => {
    await phone.close?.()
    await server.close?.()
  })
  return { server, phone }
}

/** The id of the member holding `phone` on the server's database (specs learn it beside the page, not from it). */
export async function memberIdByPhone(server: H5Server, phone: string): Promise<string> {
  const member = await server.db.selectFrom('members').select('id').where('phone', '=', phone).executeTakeFirstOrThrow()
  return member.id
}
