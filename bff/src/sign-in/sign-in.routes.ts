import {
  MakeUpBody,
  MakeUpResponse,
  SignInBody,
  SignInCalendarQuery,
  SignInCalendarResponse,
  SignInResponse,
} from '@mc/shared'
import { Hono } from 'hono'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { requireMember } from '../auth/require-member'
import { makeUpSignIn } from './make-up-sign-in'
import { signInCalendar } from './sign-in-calendar'
import { signInToday } from './sign-in-today'
import { documentRoute } from '../openapi/document-route'
import { rateLimit } from '../auth/rate-limit'

/**
 * Daily sign-in for the member in the session. No idempotency key is needed: the (member, business day) key
 * of a sign-in makes a retry answer ALREADY_SIGNED_IN instead of crediting twice.
 */
export const signInRoutes = new Hono<AppEnv>()
  .post(
    '/sign-in',
    documentRoute({
      summary: 'Sign in for today (merchant business day); no body or {}; 409 when today is already signed',
      auth: 'member',
      ok: { 201: { description: 'Signed in: the day, streak, rewards and any bonus', schema: SignInResponse } },
      errors: ['MEMBER_NOT_JOINED', 'ALREADY_SIGNED_IN', 'RATE_LIMITED'],
    }),
    requireMember,
    validate('json', SignInBody),
    async (c) => {
      await rateLimit(c, 'signIn', c.var.memberId)
      return c.json(await signInToday(c.var.deps, c.var.memberId), 201)
    },
  )
  .get(
    '/sign-in/calendar',
    documentRoute({
      summary: 'Month calendar (default this month): day statuses, streak, today, next bonus, make-ups left',
      auth: 'member',
      ok: { 200: { description: 'The month as the sign-in page shows it', schema: SignInCalendarResponse } },
      errors: ['MEMBER_NOT_JOINED'],
    }),
    requireMember,
    validate('query', SignInCalendarQuery),
    async (c) => c.json(await signInCalendar(c.var.deps, c.var.memberId, c.req.valid('query').month), 200),
  )
  .post(
    '/sign-in/make-up',
    documentRoute({
      summary: 'Make up (补签) a missed day of this month for points, within the monthly limit',
      auth: 'member',
      ok: { 201: { description: 'The day made up, its cost and the streak after', schema: MakeUpResponse } },
      errors: [
        'MAKE_UP_DAY_NOT_PAST',
        'MAKE_UP_DAY_NOT_THIS_MONTH',
        'MAKE_UP_DAY_BEFORE_JOIN',
        'MEMBER_NOT_JOINED',
        'ALREADY_SIGNED_IN',
        'MAKE_UP_LIMIT_REACHED',
        'MAKE_UP_DISABLED',
        'POINTS_INSUFFICIENT',
        'RATE_LIMITED',
      ],
    }),
    requireMember,
    validate('json', MakeUpBody),
    async (c) => {
      await rateLimit(c, 'signIn', c.var.memberId)
      return c.json(await makeUpSignIn(c.var.deps, c.var.memberId, c.req.valid('json').day), 201)
    },
  )
