import {
  AppError,
  NotificationSettings,
  NotificationSettingsView,
  SubscribePrompt,
  SubscribePromptQuery,
  SubscribeResult,
  SubscribeResultBody,
} from '@mc/shared'
import { Hono } from 'hono'
import { requireMember, requireShopper } from '../auth/require-member'
import type { AppEnv } from '../deps'
import { validate } from '../http/validate'
import { documentRoute } from '../openapi/document-route'
import { readEngagementSettings } from './engagement-settings'
import { notificationSettingsView, saveMemberPrefs } from './notification-prefs'
import { recordSubscribeResult, subscriptionPrompt } from './subscription-prompt'

/** The member's own notification choices and WeChat subscriptions; the member id comes only from the session. */
export const memberOutreachRoutes = new Hono<AppEnv>()
  .get(
    '/me/notification-settings',
    documentRoute({
      summary: 'Muted message categories and SMS consent',
      auth: 'member',
      ok: { 200: { description: 'The settings, and whether a phone is on file', schema: NotificationSettingsView } },
    }),
    requireMember,
    async (c) => c.json(await notificationSettingsView(c.var.deps.db, c.var.memberId), 200),
  )
  .put(
    '/me/notification-settings',
    documentRoute({
      summary: 'Mute categories (WeChat and SMS stop, the inbox keeps them) and turn SMS on or off',
      auth: 'member',
      ok: { 200: { description: 'The settings as saved', schema: NotificationSettingsView } },
      errors: ['SMS_CONSENT_NEEDS_PHONE'],
    }),
    requireMember,
    validate('json', NotificationSettings),
    async (c) => {
      const { db, clock } = c.var.deps
      const body = c.req.valid('json')
      const current = await notificationSettingsView(db, c.var.memberId)
      if (body.smsConsent && !current.hasPhone) throw new AppError('SMS_CONSENT_NEEDS_PHONE')
      await saveMemberPrefs(db, c.var.memberId, body, clock.now())
      return c.json(await notificationSettingsView(db, c.var.memberId), 200)
    },
  )
  .get(
    '/me/subscriptions/prompt',
    documentRoute({
      summary:
        'Up to 3 WeChat template ids to ask for at a tap (sign-in, redemption, payment, joining, expiring points)',
      auth: 'member',
      ok: {
        200: { description: 'The templates to pass to requestSubscribeMessage; none to skip', schema: SubscribePrompt },
      },
    }),
    // The join page asks at the join tap, before the visitor is a member: the prompt is theirs to fetch too.
    requireShopper,
    validate('query', SubscribePromptQuery),
    async (c) => {
      const { db } = c.var.deps
      const settings = await readEngagementSettings(db)
      const memberId = c.var.shopper.kind === 'member' ? c.var.shopper.memberId : null
      return c.json(await subscriptionPrompt(db, memberId, c.req.valid('query').moment, settings), 200)
    },
  )
  .post(
    '/me/subscriptions',
    documentRoute({
      summary: "Record requestSubscribeMessage's answer: one one-time subscription per accepted template",
      auth: 'member',
      ok: { 201: { description: 'Subscriptions recorded and those now held per template', schema: SubscribeResult } },
      errors: ['SUBSCRIPTION_TEMPLATE_UNKNOWN'],
    }),
    requireMember,
    validate('json', SubscribeResultBody),
    async (c) => {
      const { db, clock } = c.var.deps
      const settings = await readEngagementSettings(db)
      const result = await recordSubscribeResult(db, c.var.memberId, c.req.valid('json'), settings, clock.now())
      return c.json(result, 201)
    },
  )
