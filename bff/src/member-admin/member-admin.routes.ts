import {
  AdminMemberDetail,
  AdminMemberParam,
  IdempotencyHeader,
  IssueMemberCouponBody,
  IssueMemberCouponResponse,
  ManualTagBody,
  MemberInsight,
  MemberTagParam,
  MemberSearchPage,
  MemberSearchQuery,
  PhoneRevealResponse,
} from '@mc/shared'
import { Hono } from 'hono'
import { idempotentAdminWrite } from '../admin/idempotent-admin-write'
import { requirePermission } from '../auth/require-permission'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { revealPhone, searchMembers } from '../membership/member-lookup'
import { documentRoute } from '../openapi/document-route'
import { issueMemberCoupon } from './issue-member-coupon'
import { memberDetail } from './member-detail'
import { addManualTag, removeManualTag } from './member-tags'

/** The console's members: search, one member's page, the audited phone reveal and hand-issued coupons. */
export const memberAdminRoutes = new Hono<AppEnv>()
  .get(
    '/members',
    documentRoute({
      summary: 'Find members by phone, card number or the start of a nickname; phones masked unless allowed',
      auth: 'admin',
      permission: 'members.read',
      ok: { 200: { description: 'A page of members, newest first', schema: MemberSearchPage } },
    }),
    requirePermission('members.read'),
    validate('query', MemberSearchQuery),
    async (c) => c.json(await searchMembers(c.var.deps.db, c.req.valid('query')), 200),
  )
  .get(
    '/members/:memberId',
    documentRoute({
      summary: 'One member: profile, tier and its history, growth, balances, lots, holds, coupons, redemptions',
      auth: 'admin',
      permission: 'members.read',
      ok: { 200: { description: 'The member as the console shows them', schema: AdminMemberDetail } },
      errors: ['MEMBER_NOT_FOUND'],
    }),
    requirePermission('members.read'),
    validate('param', AdminMemberParam),
    async (c) => c.json(await memberDetail(c.var.deps.db, c.req.valid('param').memberId, c.var.deps.clock.now()), 200),
  )
  .post(
    '/members/:memberId/phone-reveal',
    documentRoute({
      summary: "The member's full phone; every reveal is audited",
      auth: 'admin',
      permission: 'members.phone',
      ok: { 200: { description: 'The full phone (null when the member gave none)', schema: PhoneRevealResponse } },
      errors: ['MEMBER_NOT_FOUND'],
    }),
    requirePermission('members.phone'),
    validate('param', AdminMemberParam),
    async (c) =>
      c.json(
        await revealPhone(c.var.deps.db, {
          memberId: c.req.valid('param').memberId,
          actor: c.var.principal.actor,
          now: c.var.deps.clock.now(),
        }),
        200,
      ),
  )
  .post(
    '/members/:memberId/coupons',
    documentRoute({
      summary: 'Issue a library benefit’s coupons or a coupon defined here to one member; audited',
      auth: 'admin',
      permission: 'members.adjust',
      ok: {
        201: { description: 'The coupons issued', schema: IssueMemberCouponResponse },
        200: {
          description: 'The first answer, replayed for the same Idempotency-Key',
          schema: IssueMemberCouponResponse,
        },
      },
      errors: [
        'MEMBER_NOT_FOUND',
        'MEMBER_NOT_JOINED',
        'ACCOUNT_CLOSED',
        'BENEFIT_NOT_FOUND',
        'BENEFIT_NOT_CLAIMABLE',
        'IDEMPOTENCY_KEY_REUSED',
      ],
    }),
    requirePermission('members.adjust'),
    validate('param', AdminMemberParam),
    validate('header', IdempotencyHeader),
    validate('json', IssueMemberCouponBody),
    async (c) => {
      const { memberId } = c.req.valid('param')
      const body = c.req.valid('json')
      const answer = await idempotentAdminWrite(
        c.var.deps,
        {
          scope: 'admin_member_coupon',
          key: c.req.valid('header')['idempotency-key'],
          body: { memberId, ...body },
          actor: c.var.principal.actor,
        },
        (write) => issueMemberCoupon(write, { memberId, body }),
      )
      return c.json(answer.body, answer.status)
    },
  )
  .post(
    '/members/:memberId/tags',
    documentRoute({
      summary: 'Add an operator’s tag to a member (a tag the member has already is left as it is); audited',
      auth: 'admin',
      permission: 'members.adjust',
      ok: {
        201: { description: 'Tagged: the member’s insight with its tags', schema: MemberInsight },
        200: { description: 'The member had the tag already: nothing changed', schema: MemberInsight },
      },
      errors: ['MEMBER_NOT_FOUND'],
    }),
    requirePermission('members.adjust'),
    validate('param', AdminMemberParam),
    validate('json', ManualTagBody),
    async (c) => {
      const { created, insight } = await addManualTag(c.var.deps.db, {
        memberId: c.req.valid('param').memberId,
        tag: c.req.valid('json').tag,
        actor: c.var.principal.actor,
        now: c.var.deps.clock.now(),
      })
      return created ? c.json(insight, 201) : c.json(insight, 200)
    },
  )
  .delete(
    '/members/:memberId/tags/:tag',
    documentRoute({
      summary: 'Remove an operator’s tag from a member (category tags belong to the nightly job); audited',
      auth: 'admin',
      permission: 'members.adjust',
      ok: { 200: { description: 'The member’s insight with the remaining tags', schema: MemberInsight } },
      errors: ['MEMBER_NOT_FOUND', 'TAG_NOT_FOUND', 'TAG_NOT_MANUAL'],
    }),
    requirePermission('members.adjust'),
    validate('param', MemberTagParam),
    async (c) => {
      const { memberId, tag } = c.req.valid('param')
      const insight = await removeManualTag(c.var.deps.db, {
        memberId,
        tag,
        actor: c.var.principal.actor,
        now: c.var.deps.clock.now(),
      })
      return c.json(insight, 200)
    },
  )
