import {
  AdminStaffQuery,
  AdminStaffResponse,
  CreateStaffBody,
  ResetStaffPinBody,
  StaffIdParam,
  StaffView,
  UpdateStaffBody,
} from '@mc/shared'
import { Hono } from 'hono'
import { requirePermission } from '../auth/require-permission'
import { scopedOutletId } from '../auth/outlet-scope'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { createStaff } from './create-staff'
import { listStaff } from './list-staff'
import { resetStaffPin } from './reset-staff-pin'
import { updateStaff } from './update-staff'
import { documentRoute } from '../openapi/document-route'

/**
 * Merchant console: staff accounts, each bound to one outlet. A store manager sees and changes only the staff of
 * their own store (403 OUTLET_FORBIDDEN for any other); every change is audited with who made it.
 */
export const staffAdminRoutes = new Hono<AppEnv>()
  .post(
    '/staff',
    documentRoute({
      summary: 'Create a staff account at one store (PIN stored as a scrypt hash); audited',
      auth: 'admin',
      permission: 'staff.edit',
      ok: { 201: { description: 'The new account, phone masked, with its store', schema: StaffView } },
      errors: ['OUTLET_NOT_FOUND', 'STAFF_PHONE_TAKEN', 'OUTLET_FORBIDDEN'],
    }),
    requirePermission('staff.edit'),
    validate('json', CreateStaffBody),
    async (c) => c.json(await createStaff(c.var.deps, c.var.principal, c.req.valid('json')), 201),
  )
  .get(
    '/staff',
    documentRoute({
      summary: "Staff accounts with their store and status, or one store's; a store manager sees only their own",
      auth: 'admin',
      permission: 'staff.read',
      ok: { 200: { description: 'Staff by store, then oldest first; phones masked', schema: AdminStaffResponse } },
      errors: ['OUTLET_FORBIDDEN'],
    }),
    requirePermission('staff.read'),
    validate('query', AdminStaffQuery),
    async (c) => {
      const outletId = scopedOutletId(c.var.principal, c.req.valid('query').outletId)
      return c.json(await listStaff(c.var.deps.db, outletId), 200)
    },
  )
  .patch(
    '/staff/:staffId',
    documentRoute({
      summary: 'Disable a staff account (it cannot log in and its sessions end) or enable it again; audited',
      auth: 'admin',
      permission: 'staff.edit',
      ok: { 200: { description: 'The account with its new status', schema: StaffView } },
      errors: ['STAFF_NOT_FOUND', 'OUTLET_FORBIDDEN'],
    }),
    requirePermission('staff.edit'),
    validate('param', StaffIdParam),
    validate('json', UpdateStaffBody),
    async (c) =>
      c.json(await updateStaff(c.var.deps, c.var.principal, c.req.valid('param').staffId, c.req.valid('json')), 200),
  )
  .post(
    '/staff/:staffId/pin',
    documentRoute({
      summary: 'Give a staff account a new PIN; its open sessions end; audited without the PIN',
      auth: 'admin',
      permission: 'staff.edit',
      ok: { 200: { description: 'The account', schema: StaffView } },
      errors: ['STAFF_NOT_FOUND', 'OUTLET_FORBIDDEN'],
    }),
    requirePermission('staff.edit'),
    validate('param', StaffIdParam),
    validate('json', ResetStaffPinBody),
    async (c) =>
      c.json(await resetStaffPin(c.var.deps, c.var.principal, c.req.valid('param').staffId, c.req.valid('json')), 200),
  )
