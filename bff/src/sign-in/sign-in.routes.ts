import { MakeUpBody, SignInBody, SignInCalendarQuery } from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { requireMember } from '../auth/require-member'
import { makeUpSignIn } from './make-up-sign-in'
import { signInCalendar } from './sign-in-calendar'
import { signInToday } from './sign-in-today'

/**
 * Daily sign-in for the member in the session. No idempotency key is needed: the (member, business day) key
 * of a sign-in makes a retry answer ALREADY_SIGNED_IN instead of crediting twice.
 */
export const signInRoutes = new Hono<AppEnv>()
  .post('/sign-in', requireMember, validate('json', SignInBody), async (c) =>
    c.json(await signInToday(c.var.deps, c.var.memberId), 201))
  .get('/sign-in/calendar', requireMember, validate('query', SignInCalendarQuery), async (c) =>
    c.json(await signInCalendar(c.var.deps, c.var.memberId, c.req.valid('query').month), 200))
  .post('/sign-in/make-up', requireMember, validate('json', MakeUpBody), async (c) =>
    c.json(await makeUpSignIn(c.var.deps, c.var.memberId, c.req.valid('json').day), 201))
