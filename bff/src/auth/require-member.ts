import { AppError } from '@mc/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps'
import { memberIdForToken } from './member-sessions'

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
