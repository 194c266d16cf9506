import { AppError } from '@mc/shared'
import { createHash, timingSafeEqual } from 'node:crypto'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps'
import { bearerToken } from './require-member'

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * Admin routes take the ADMIN_TOKEN credential from config. A member's session token is refused with 403, so a
 * shopper can tell "not allowed" from "not logged in"; with no ADMIN_TOKEN configured every admin call is 403.
 */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearerToken(c.req.header('authorization'))
  const expected = c.var.deps.adminToken
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  if (!expected || !timingSafeEqual(digest(token), digest(expected))) throw new AppError('FORBIDDEN')
  await next()
})
