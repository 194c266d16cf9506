import { z } from 'zod'
import { pageLimit } from '../api/page-query'

const day = z.iso.date({ error: '日期格式应为 YYYY-MM-DD / must be YYYY-MM-DD' })

/**
 * GET /api/admin/audit-log: newest first. `actor` is an audit actor (`operator:<id>`, `api_key:<id>`, `system`…),
 * `action` an exact action (e.g. `member.adjusted`); `from` and `to` are business days, both included.
 */
export const AuditLogQuery = z
  .strictObject({
    actor: z.string().trim().min(1).max(80).optional(),
    action: z.string().trim().min(1).max(64).optional(),
    from: day.optional(),
    to: day.optional(),
    cursor: z
      .string()
      .regex(/^aud_[0-9A-Z]{26}$/, { error: '无效的分页游标 / invalid cursor' })
      .optional(),
    limit: pageLimit(100, 50),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    error: '结束日期不能早于开始日期 / to must not be before from',
  })
export type AuditLogQuery = z.infer<typeof AuditLogQuery>

/** One audit line: who (with a name people read), what, to which thing, with its details, and when. */
export const AuditLogEntry = z
  .strictObject({
    id: z.string(),
    actor: z.string(),
    actorKind: z.enum(['operator', 'api_key', 'staff', 'system', 'member', 'other']),
    /** The operator's, API key's or staff member's name; 系统 / 会员 otherwise. */
    actorName: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    detail: z.unknown(),
    createdAt: z.string(),
  })
  .meta({ id: 'AuditLogEntry' })
export type AuditLogEntry = z.infer<typeof AuditLogEntry>

export const AuditLogPage = z.strictObject({ entries: z.array(AuditLogEntry), nextCursor: z.string().nullable() })
export type AuditLogPage = z.infer<typeof AuditLogPage>
