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
