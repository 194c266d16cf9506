import { AppError } from '@mc/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps'
import { memberIdForToken, type Shopper, shopperForToken } from './shopper-token'

export function bearerToken(header: string | undefined): string {
  const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header ?? '')
  if (!match) throw new AppError('UNAUTHENTICATED')
  return match[1]
}

/**
 * Sets `memberId` from the bearer token; every member route sits behind it, so a member only reaches their own data.
 */
export const requireMember = createMiddleware<AppEnv>(async (c, next) => {
  const { db, clock } = c.var.deps
  c.set('memberId', await memberIdForToken(db, bearerToken(c.req.header('authorization')), clock.now()))
  await next()
})

/**
 * Sets `shopper` from the bearer token: a member, or a visitor who logged in and has not joined. Only the routes a
 * visitor may use (joining, logging out) sit behind it instead of requireMember.
 */
export const requireShopper = createMiddleware<AppEnv & { Variables: { shopper: Shopper } }>(async (c, next) => {
  const { db, clock } = c.var.deps
  c.set('shopper', await shopperForToken(db, bearerToken(c.req.header('authorization')), clock.now()))
  await next()
})
