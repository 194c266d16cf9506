import { AppError, type Permission } from '@mc/shared'
import { createMiddleware } from 'hono/factory'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { AppEnv } from '../deps'
import { tokenHash } from './bearer-tokens'
import { principalForToken } from './operator-principal'
import { bearerToken } from './require-member'

/**
 * Every `/api/admin` route sits behind exactly one of these, naming the permission its `documentRoute` declares.
 * A token that is an operator session or an API key without the permission is 403 with the permission named; an
 * operator still on a one-time password is 403 PASSWORD_CHANGE_REQUIRED; a member's or staff token is 403; none 401.
 */
export const requirePermission = (permission: Permission) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { db, clock } = c.var.deps
    const token = bearerToken(c.req.header('authorization'))
    const principal = await principalForToken(db, token, clock.now())
    if (!principal) throw new AppError((await isKnownToken(db, token)) ? 'FORBIDDEN' : 'UNAUTHENTICATED')
    if (principal.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED')
    if (!principal.can(permission)) throw new AppError('FORBIDDEN', { permission })
    c.set('principal', principal)
    await next()
  })

/** A member's or a staff session: a real credential, for another side of the product. */
async function isKnownToken(db: Kysely<Database>, token: string): Promise<boolean> {
  const hash = tokenHash(token)
  const [member, staff] = await Promise.all([
    db.selectFrom('sessions').select('member_id').where('token_hash', '=', hash).executeTakeFirst(),
    db.selectFrom('staff_sessions').select('staff_id').where('token_hash', '=', hash).executeTakeFirst(),
  ])
  return member !== undefined || staff !== undefined
}

/**
 * An operator's own account routes (me, logout, password): any operator session, still on a one-time password
 * or not; an API key is a script, not a person, so it is 403 here.
 */
export const requireOperator = createMiddleware<AppEnv>(async (c, next) => {
  const { db, clock } = c.var.deps
  const token = bearerToken(c.req.header('authorization'))
  const principal = await principalForToken(db, token, clock.now())
  if (!principal) throw new AppError((await isKnownToken(db, token)) ? 'FORBIDDEN' : 'UNAUTHENTICATED')
  if (principal.kind !== 'operator') throw new AppError('FORBIDDEN')
  c.set('principal', principal)
  await next()
})
