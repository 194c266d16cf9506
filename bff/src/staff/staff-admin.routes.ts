import { CreateStaffBody } from '@mc/shared'
import { Hono } from 'hono'
import { requireAdmin } from '../auth/require-admin'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { createStaff } from './create-staff'

/** Merchant console: staff accounts, each bound to one outlet. */
export const staffAdminRoutes = new Hono<AppEnv>()
  .post('/staff', requireAdmin, validate('json', CreateStaffBody), async (c) => c.json(await createStaff(c.var.deps, c.req.valid('json')), 201))
