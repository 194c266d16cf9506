import { AppError, type Permission } from '@mc/shared'
import { createMiddleware } from 'hono/factory'
import type { AppEnv, Deps } from '../deps'
import { credentialKind } from './credential-kind'
import { principalForToken, type Principal } from './operator-principal'
import { bearerToken } from './require-member'

/**
 * Every `/api/admin` route sits behind exactly one of these, naming the permission its `documentRoute` declares.
 * A token that is an operator session or an API key without the permission is 403 with the permission named; an
 * operator still on a one-time password is 403 PASSWORD_CHANGE_REQUIRED; a member's or staff token is 403; none 401.
 */
export const requirePermission = (permission: Permission) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const principal = await callerOf(c.var.deps, c.req.header('authorization'))
    if (principal.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED')
    if (!principal.can(permission)) throw new AppError('FORBIDDEN', { permission })
    c.set('principal', principal)
    await next()
  })

/**
 * An operator's own account routes (me, logout, password): any operator session, still on a one-time password
 * or not; an API key is a script, not a person, so it is 403 here.
 */
export const requireOperator = createMiddleware<AppEnv>(async (c, next) => {
  const principal = await callerOf(c.var.deps, c.req.header('authorization'))
  if (principal.kind !== 'operator') throw new AppError('FORBIDDEN')
  c.set('principal', principal)
  await next()
})

/** The operator or API key behind the header; another side's credential is 403, anything else 401. */
async function callerOf({ db, clock }: Deps, authorization: string | undefined): Promise<Principal> {
  const token = bearerToken(authorization)
  const principal = await principalForToken(db, token, clock.now())
  if (!principal) throw new AppError((await credentialKind(db, token)) ? 'FORBIDDEN' : 'UNAUTHENTICATED')
  return principal
}
