import { Hono } from 'hono'
import type { AppEnv, Deps } from './deps'
import { adminRoutes } from './admin/admin.routes'
import { auditLogRoutes } from './analytics/audit-log.routes'
import { dashboardRoutes } from './analytics/dashboard.routes'
import { insightsRoutes } from './analytics/reports/insights.routes'
import { campaignRoutes } from './automation/campaigns/campaigns.routes'
import { journeyRoutes } from './automation/journeys/journeys.routes'
import { segmentRoutes } from './automation/segments/segments.routes'
import { memberAdminRoutes } from './member-admin/member-admin.routes'
import { memberBirthdayRoutes } from './member-admin/member-birthday.routes'
import { memberClosingAdminRoutes, memberClosingRoutes } from './data-rights/closing.routes'
import { operatorRoutes } from './operators/operator.routes'
import { operatorsAdminRoutes } from './operators/operators-admin.routes'
import { memberBenefitRoutes, shopRoutes } from './benefits/benefits.routes'
import { limitBody } from './http/body-limit'
import { handleError } from './http/errors'
import { answerUnrouted } from './http/method-not-allowed'
import { secureHeaders } from './http/secure-headers'
import { requestLog } from './http/request-log'
import { healthRoutes } from './health/health.routes'
import { inboxRoutes } from './inbox/inbox.routes'
import { legalAdminRoutes, legalRoutes } from './legal/legal.routes'
import { memberLedgerRoutes } from './ledger/ledger.routes'
import { lotExtensionRoutes } from './ledger/lot-extension.routes'
import { memberExportRoutes } from './data-rights/export.routes'
import { demoImageRoutes } from './mall/demo-images.routes'
import { localCashierRoutes, mallRoutes, mallStaffRoutes, paymentNoticeRoutes } from './mall/mall.routes'
import { mallAdminRoutes } from './mall/mall-admin.routes'
import { mallOpsRoutes } from './mall/mall-ops.routes'
import { memberCodeRoutes } from './member-code/member-code.routes'
import { authRoutes, memberRoutes } from './membership/membership.routes'
import { avatarUploadPath, memberProfileRoutes } from './membership/profile.routes'
import { orderWebhookRoutes } from './orders/orders.routes'
import { reviewWebhookRoutes } from './orders/review-webhook.routes'
import { memberOutreachRoutes } from './outreach/member-outreach.routes'
import { outboxAdminRoutes } from './outreach/outbox-admin.routes'
import { smsInboundRoutes } from './outreach/sms-inbound.routes'
import { openApiRoutes } from './openapi/openapi.routes'
import { outletRoutes } from './outlets/outlets.routes'
import { outletAdminRoutes } from './outlets/outlets-admin.routes'
import { programDraftRoutes } from './program-drafts/program-drafts.routes'
import { tierRoutes } from './tiers/tiers.routes'
import { uploadAdminRoutes, uploadFileRoutes, uploadRequestPath } from './uploads/uploads.routes'
import { outletQrRoutes } from './outlets/outlet-qr.routes'
import { signInRoutes } from './sign-in/sign-in.routes'
import { memberTaskRoutes } from './tasks/tasks.routes'
import { staffAdminRoutes } from './staff/staff-admin.routes'
import { tillAdminRoutes } from './staff/till-admin.routes'
import { tillRoutes } from './staff/till.routes'
import { staffRoutes } from './staff/staff.routes'

const api = new Hono<AppEnv>()
  .route('/', healthRoutes)
  .route('/auth', authRoutes)
  .route('/', memberRoutes)
  .route('/', memberProfileRoutes)
  .route('/', memberClosingRoutes)
  .route('/', memberLedgerRoutes)
  .route('/', lotExtensionRoutes)
  .route('/', memberExportRoutes)
  .route('/', memberCodeRoutes)
  .route('/', memberBenefitRoutes)
  .route('/', inboxRoutes)
  .route('/', memberOutreachRoutes)
  .route('/shop', shopRoutes)
  .route('/', tierRoutes)
  .route('/', outletRoutes)
  .route('/', legalRoutes)
  .route('/', signInRoutes)
  .route('/', memberTaskRoutes)
  .route('/', mallRoutes)
  .route('/operator', operatorRoutes)
  .route('/admin', adminRoutes)
  .route('/admin', operatorsAdminRoutes)
  .route('/admin', programDraftRoutes)
  .route('/admin', outletAdminRoutes)
  .route('/admin', outletQrRoutes)
  .route('/admin', uploadAdminRoutes)
  .route('/admin', staffAdminRoutes)
  .route('/admin', tillAdminRoutes)
  .route('/admin', mallAdminRoutes)
  .route('/admin', memberAdminRoutes)
  .route('/admin', memberBirthdayRoutes)
  .route('/admin', memberClosingAdminRoutes)
  .route('/admin', dashboardRoutes)
  .route('/admin', insightsRoutes)
  .route('/admin', segmentRoutes)
  .route('/admin', campaignRoutes)
  .route('/admin', journeyRoutes)
  .route('/admin', auditLogRoutes)
  .route('/admin', mallOpsRoutes)
  .route('/admin', outboxAdminRoutes)
  .route('/admin', legalAdminRoutes)
  .route('/staff', staffRoutes)
  .route('/staff', tillRoutes)
  .route('/staff', mallStaffRoutes)

const apiBodyLimit = limitBody(64 * 1024)
const webhookBodyLimit = limitBody(256 * 1024)

/** The routes that take an image body, each under its own larger limit. */
const imageUploadPaths = [uploadRequestPath, avatarUploadPath]

/** No routes at all, typed as the local cashier so the app's type (and the miniapp's client) stays one shape. */
const withoutLocalCashier = new Hono<AppEnv>() as unknown as typeof localCashierRoutes

/** Builds the whole HTTP app from its dependencies; nothing here reads the environment or the clock directly. */
export function createApp(deps: Deps) {
  // The OpenAPI document is generated from this app's own routes, so the docs routes get the finished app.
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('deps', deps)
      await next()
    })
    .use(requestLog)
    .use(secureHeaders)
    // Image uploads have their own, larger limit on their route; every other API body stays within 64 KB. GET and
    // HEAD have no body, and limitBody lets them by without reading anything (see http/body-limit.ts).
    .use('/api/*', (c, next) =>
      c.req.method === 'POST' && imageUploadPaths.includes(c.req.path) ? next() : apiBodyLimit(c, next),
    )
    .use('/webhooks/*', webhookBodyLimit)
    .route('/api', api)
    // The local cashier marks orders paid without money: it exists only when the local provider is the one in use.
    .route('/api', deps.payments?.kind === 'local' ? localCashierRoutes : withoutLocalCashier)
    .route(
      '/api',
      openApiRoutes((): Hono<any, any, any> => app),
    )
    .route('/webhooks', orderWebhookRoutes)
    .route('/webhooks', reviewWebhookRoutes)
    .route('/webhooks', paymentNoticeRoutes)
    .route('/webhooks', smsInboundRoutes)
    .route('/', uploadFileRoutes)
    .route('/', demoImageRoutes)
    .notFound(answerUnrouted((): readonly { method: string; path: string }[] => app.routes))
    .onError(handleError)
  return app
}

export type AppType = ReturnType<typeof createApp>
