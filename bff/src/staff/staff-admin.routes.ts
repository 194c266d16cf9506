import { CreateStaffBody, StaffView } from '@mc/shared'
import { Hono } from 'hono'
import { requireAdmin } from '../auth/require-admin'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { createStaff } from './create-staff'
import { documentRoute } from '../openapi/document-route'

/** Merchant console: staff accounts, each bound to one outlet. */
export const staffAdminRoutes = new Hono<AppEnv>().post(
  '/staff',
  documentRoute({
    summary: 'Create a staff account at one store (PIN stored as a scrypt hash); audited',
    auth: 'admin',
    ok: { 201: { description: 'The new account, phone masked, with its store', schema: StaffView } },
    errors: ['OUTLET_NOT_FOUND', 'STAFF_PHONE_TAKEN'],
  }),
  requireAdmin,
  validate('json', CreateStaffBody),
  async (c) => c.json(await createStaff(c.var.deps, c.req.valid('json')), 201),
)
