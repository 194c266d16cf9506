import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The address a login attempt is counted against per client: the socket's peer. Forwarded headers are not
 * trusted (anyone can set them), so behind a proxy every client counts as the proxy; requests made in-process
 * (tests) have no socket and count as one client.
 */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'in-process'
  }
}
