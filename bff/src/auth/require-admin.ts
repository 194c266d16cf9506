import { AppError } from '@mc/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps'
import { sameSecret } from './bearer-tokens'
import { bearerToken } from './require-member'

/**
 * Admin routes take the ADMIN_TOKEN credential from config. A member's session token is refused with 403, so a
 * shopper can tell "not allowed" from "not logged in"; with no ADMIN_TOKEN configured every admin call is 403.
 */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('authorization'))
  const expected = c.var.deps.adminToken
  if (!expected || !sameSecret(token, expected)) throw new AppError('FORBIDDEN')
  await next()
})
