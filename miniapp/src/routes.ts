/** Page paths, so navigation calls never repeat them as strings. */
export const routes = {
  home: '/pages/home/index',
  login: '/pages/login/index',
  legalDocument: '/legal/pages/document/index',
  join: '/membership/pages/join/index',
  tiers: '/membership/pages/tiers/index',
  profile: '/membership/pages/profile/index',
  accountClosing: '/data-rights/pages/closing/index',
  history: '/points/pages/history/index',
  expiringPoints: '/points/pages/expiring/index',
  memberData: '/data-rights/pages/export/index',
  signIn: '/sign-in/pages/calendar/index',
  tasks: '/tasks/pages/list/index',
  memberCode: '/member-code/pages/code/index',
  benefits: '/benefits/pages/list/index',
  coupons: '/coupons/pages/wallet/index',
  inbox: '/inbox/pages/list/index',
  inboxSettings: '/inbox/pages/settings/index',
  staffLogin: '/staff/pages/login/index',
  staffTill: '/staff/pages/till/index',
  staffPickup: '/staff/pages/pickup/index',
  mall: '/mall/pages/list/index',
  mallItem: '/mall/pages/item/index',
  mallCheckout: '/mall/pages/checkout/index',
  mallPay: '/mall/pages/pay/index',
  myRedemptions: '/mall/pages/redemptions/index',
  redemption: '/mall/pages/redemption/index',
  merchantLogin: '/merchant/pages/login/index',
  merchantHome: '/merchant/pages/home/index',
  merchantProgram: '/merchant/pages/program/index',
  merchantDraft: '/merchant/pages/draft/index',
  merchantVersions: '/merchant/pages/versions/index',
  merchantOperators: '/merchant/pages/operators/index',
  merchantAudit: '/merchant/pages/audit/index',
  merchantMall: '/merchant/pages/mall/index',
  merchantMallItem: '/merchant/pages/mall-item/index',
  merchantStores: '/merchant/pages/stores/index',
  merchantMembers: '/merchant/pages/members/index',
  merchantMember: '/merchant/pages/member/index',
  merchantStaff: '/merchant/pages/staff/index',
  merchantTillApprovals: '/merchant/pages/till-approvals/index',
  merchantInsights: '/merchant/pages/insights/index',
  merchantInsightReport: '/merchant/pages/insights-report/index',
  merchantInsightSettings: '/merchant/pages/insights-settings/index',
  merchantInsightMembers: '/merchant/pages/insights-members/index',
  merchantAutomation: '/merchant/pages/automation/index',
  merchantAutomationRule: '/merchant/pages/automation-rule/index',
  merchantAutomationChannels: '/merchant/pages/automation-channels/index',
  merchantSegments: '/merchant/pages/segments/index',
  merchantSegment: '/merchant/pages/segment/index',
  merchantCampaigns: '/merchant/pages/campaigns/index',
  merchantCampaignNew: '/merchant/pages/campaign-new/index',
  merchantCampaign: '/merchant/pages/campaign/index',
  merchantOutbox: '/merchant/pages/outbox/index',
  merchantLegal: '/merchant/pages/legal/index',
} as const

/** The growth or points history, opened on that tab. */
export function historyRoute(type: 'growth' | 'points'): string {
  return `${routes.history}?type=${type}`
}

/** 《用户协议》 (`terms`) or 《隐私政策》 (`privacy`). */
export function legalDocumentRoute(kind: 'terms' | 'privacy'): string {
  return `${routes.legalDocument}?kind=${kind}`
}

/** A points mall item's detail page. */
export function mallItemRoute(itemId: string): string {
  return `${routes.mallItem}?id=${encodeURIComponent(itemId)}`
}

/** Checkout for one item. */
export function mallCheckoutRoute(itemId: string): string {
  return `${routes.mallCheckout}?id=${encodeURIComponent(itemId)}`
}

/** The local (development and H5 demo) cashier for a redemption awaiting payment. */
export function mallPayRoute(redemptionId: string): string {
  return `${routes.mallPay}?id=${encodeURIComponent(redemptionId)}`
}

/** A redemption's detail; `watch` makes the page poll while the payment notice is on its way. */
export function redemptionRoute(redemptionId: string, watch = false): string {
  return `${routes.redemption}?id=${encodeURIComponent(redemptionId)}${watch ? '&watch=1' : ''}`
}

/** The console's item form: a new item without an id, else that item's edit. */
export function merchantMallItemRoute(itemId?: string): string {
  return itemId ? `${routes.merchantMallItem}?id=${encodeURIComponent(itemId)}` : routes.merchantMallItem
}

/** The console's page of one member. */
export function merchantMemberRoute(memberId: string): string {
  return `${routes.merchantMember}?id=${encodeURIComponent(memberId)}`
}
