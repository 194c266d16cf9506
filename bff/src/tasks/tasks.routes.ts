import { MemberTasksResponse, ShareTaskResponse } from '@mc/shared'
import { Hono } from 'hono'
import { requireMember } from '../auth/require-member'
import type { AppEnv } from '../deps'
import { documentRoute } from '../openapi/document-route'
import { creditShare } from './credit-share'
import { memberTasks } from './member-tasks'

/** The member's tasks: what each is worth and whether it is done, and the share callback's credit. */
export const memberTaskRoutes = new Hono<AppEnv>()
  .get(
    '/me/tasks',
    documentRoute({
      summary: 'My tasks: each task, its reward, once or daily, and whether it is done (today for daily ones)',
      auth: 'member',
      ok: { 200: { description: 'The tasks in page order', schema: MemberTasksResponse } },
      errors: ['MEMBER_NOT_JOINED'],
    }),
    requireMember,
    async (c) => c.json(await memberTasks(c.var.deps, c.var.memberId), 200),
  )
  .post(
    '/me/tasks/share',
    documentRoute({
      summary: 'Credit a share (weapp share callback), up to the rules’ daily cap; no body',
      description:
        'WeChat does not confirm that a share happened, so the daily cap is the only guard: past it a share ' +
        'credits 0 and still answers 201. Without a cap in the rules, one share a day is credited.',
      auth: 'member',
      ok: { 201: { description: 'What this share credited', schema: ShareTaskResponse } },
      errors: ['MEMBER_NOT_JOINED'],
    }),
    requireMember,
    async (c) => c.json(await creditShare(c.var.deps, c.var.memberId), 201),
  )
