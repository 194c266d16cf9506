import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps'
import { bearerToken } from './require-member'
import { staffForToken, type StaffIdentity } from './staff-sessions'

/** The app's variables plus the staff member a staff route acts as. */
export interface StaffEnv {
  Variables: AppEnv['Variables'] & { staff: StaffIdentity }
}

/** Sets `staff` from a staff session token; member and operator credentials are refused with 403. */
export const requireStaff = createMiddleware<StaffEnv>(async (c, next) => {
  const { db, clock } = c.var.deps
  c.set('staff', await staffForToken(db, bearerToken(c.req.header('authorization')), clock.now()))
  await next()
})
