/**
 * Stable error codes shared by the BFF and the mini-program. Clients branch on `code`, never on the message,
 * so a code once published is never renamed. Only the BFF's http layer maps codes to HTTP statuses.
 */
export const errorMessages = {
  INVALID_REQUEST: '请求参数有误',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '没有权限执行此操作',
  NOT_FOUND: '找不到请求的内容',
  ROUTE_NOT_FOUND: '接口不存在',
  METHOD_NOT_ALLOWED: '请求方式不被支持',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  LOCAL_LOGIN_DISABLED: '本地登录未开启',
  WECHAT_LOGIN_DISABLED: '微信登录未配置',
  WECHAT_CODE_INVALID: '微信登录凭证无效或已使用，请重试',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  WECHAT_PHONE_CODE_INVALID: '微信手机号授权已失效，请重新点击获取',
  WECHAT_PHONE_UNSUPPORTED: '暂只支持中国大陆手机号，请改用手机号登录',
  MEMBER_NOT_JOINED: '请先开通会员',
  OUTLET_NOT_FOUND: '门店不存在',
  MEMBER_NOT_FOUND: '会员不存在',
  POINTS_INSUFFICIENT: '积分不足',
  GROWTH_INSUFFICIENT: '成长值不足',
  IDEMPOTENCY_KEY_REUSED: '该请求编号已用于不同的内容',
  ALREADY_REVERSED: '该记录已冲正',
  ENTRY_NOT_FOUND: '记录不存在',
  WEBHOOK_SIGNATURE_INVALID: '签名无效',
  WEBHOOK_TIMESTAMP_STALE: '请求时间戳已过期',
  WEBHOOK_NOT_CONFIGURED: '订单回调未配置密钥',
  DRAFT_NOT_FOUND: '草稿不存在',
  DRAFT_NOT_OPEN: '草稿已发布或已废弃，不能再修改',
  DRAFT_INVALID: '方案校验未通过，请修正后再发布',
  DEMOTION_CHOICE_REQUIRED: '新方案会降低部分会员等级，请选择保留至有效期结束或立即生效',
  VERSION_NOT_FOUND: '方案版本不存在',
  BENEFIT_NOT_FOUND: '权益不存在',
  LEGAL_DOCUMENT_NOT_FOUND: '没有这份协议',
  LEGAL_VERSION_NOT_CURRENT: '协议已更新，请阅读最新版本后再同意',
  BENEFIT_LOCKED: '当前等级尚未解锁该权益',
  BENEFIT_NOT_CLAIMABLE: '该权益无需领取，已自动生效',
  BENEFIT_ALREADY_CLAIMED: '本期权益已领取',
  BIRTHDAY_UNKNOWN: '请先完善生日信息',
  NOT_BIRTHDAY_MONTH: '生日礼仅限生日当月领取',
  BENEFIT_NOT_IN_SEASON: '不在该礼包的领取时间内',
  COUPON_NOT_FOUND: '优惠券不存在',
  COUPON_ALREADY_USED: '优惠券已使用',
  COUPON_EXPIRED: '优惠券已过期',
  COUPON_THRESHOLD_NOT_MET: '订单金额未达到优惠券使用门槛',
  NOTIFICATION_NOT_FOUND: '消息不存在',
  ALREADY_SIGNED_IN: '今天已签到',
  MAKE_UP_DISABLED: '当前未开放补签',
  MAKE_UP_DAY_NOT_PAST: '只能补签今天之前漏签的日期',
  MAKE_UP_DAY_NOT_THIS_MONTH: '只能补签本月的日期',
  MAKE_UP_DAY_BEFORE_JOIN: '入会之前的日期不能补签',
  MAKE_UP_LIMIT_REACHED: '本月补签次数已用完',
  MEMBER_CODE_INVALID: '会员码无效或已过期，请让会员刷新后再扫',
  MEMBER_CODE_THROTTLED: '会员码错误次数过多，请稍后再试',
  MEMBER_CODE_REQUIRED: '请先扫描该会员的会员码',
  OUTLET_SCENE_INVALID: '门店码已失效，请向店员索取新码',
  STAFF_LOGIN_FAILED: '手机号或密码错误',
  STAFF_LOGIN_THROTTLED: '登录失败次数过多，请稍后再试',
  STAFF_PHONE_TAKEN: '该手机号已开通店员账号',
  OPERATOR_LOGIN_FAILED: '登录名或密码错误',
  OPERATOR_LOGIN_THROTTLED: '登录失败次数过多，请稍后再试',
  OPERATOR_LOGIN_TAKEN: '该登录名已被使用',
  OPERATOR_NOT_FOUND: '账号不存在',
  OPERATOR_PASSWORD_WRONG: '当前密码不正确',
  PASSWORD_CHANGE_REQUIRED: '请先修改初始密码',
  LAST_OWNER: '至少需要保留一个可用的店主账号',
  API_KEY_NOT_FOUND: 'API 密钥不存在',
  OUTLET_FORBIDDEN: '只能管理自己门店的内容',
  UPLOAD_FILE_REQUIRED: '请选择要上传的图片文件（表单字段 file）',
  UPLOAD_NOT_IMAGE: '只能上传 JPEG、PNG 或 WebP 格式的图片',
  UPLOAD_TOO_LARGE: '图片不能超过 2 MB',
  UPLOAD_DIMENSIONS_INVALID: '图片尺寸应在 1 到 8000 像素之间',
  UPLOAD_NOT_FOUND: '图片不存在',
  QR_SCENE_NOT_CONFIGURED: '未配置门店二维码签名密钥（QR_SCENE_SECRET），无法生成二维码',
  WECHAT_QR_FAILED: '微信小程序码生成失败，请稍后再试',
  STAFF_NOT_FOUND: '店员不存在',
  STAFF_DISABLED: '该店员账号已停用，请联系店长',
  REDEMPTION_NOT_SHIPPABLE: '该兑换单不是待发货的快递商品',
  REDEMPTION_ALREADY_SHIPPED: '该兑换单已发货，物流信息不能更改',
  RECONCILIATION_NOT_FOUND: '待对账记录不存在或已处理',
  MALL_ITEM_NOT_FOUND: '商品不存在',
  MALL_ITEM_OFF_SALE: '该商品已下架',
  MALL_ITEM_NOT_STARTED: '兑换尚未开始',
  MALL_ITEM_ENDED: '兑换已结束',
  MALL_ITEM_SOLD_OUT: '商品已兑完',
  MALL_ITEM_TIER_LOCKED: '当前等级不能兑换该商品',
  MALL_LIMIT_REACHED: '已达到每人限兑数量',
  MALL_TIER_UNKNOWN: '会员等级不存在',
  MALL_STOCK_NEGATIVE: '库存不足以扣减',
  DELIVERY_ADDRESS_REQUIRED: '请填写收货地址',
  REDEMPTION_NOT_FOUND: '兑换记录不存在',
  REDEMPTION_NOT_PENDING: '该兑换单已不在待支付状态',
  REDEMPTION_NOT_REFUNDABLE: '该兑换单不能退款',
  PAYMENT_UNAVAILABLE: '支付服务暂时不可用，请稍后再试',
  PAYMENT_NOTICE_INVALID: '支付通知验签失败',
  PAYMENT_NOTICE_MISMATCH: '支付通知与订单不符',
  PICKUP_CODE_INVALID: '取货码无效',
  PICKUP_CODE_USED: '该取货码已核销',
  PICKUP_THROTTLED: '取货码错误次数过多，请稍后再试',
  PICKUP_OUTLET_REQUIRED: '请选择自提门店',
  PICKUP_OUTLET_CLOSED: '该门店暂停自提，请选择其他门店',
  PICKUP_OUTLET_NOT_ALLOWED: '该商品无需选择自提门店',
  PICKUP_WRONG_OUTLET: '该订单不在本店自提，请引导会员前往下单时选择的门店',
  PICKUP_CODE_EXPIRED: '该订单已超过自提期限，不能核销，请联系商家处理',
  RANGE_BACKWARDS: '开始日期不能晚于结束日期',
  RANGE_TOO_LONG: '查询时间范围过长',
  RANGE_OUTSIDE_DATA: '所选时间范围内还没有统计数据',
  TAG_NOT_FOUND: '该会员没有这个标签',
  TAG_NOT_MANUAL: '系统标签由夜间统计自动维护，不能手动删除',
  SEGMENT_NOT_FOUND: '人群不存在',
  CAMPAIGN_NOT_FOUND: '活动不存在',
  CAMPAIGN_SEGMENT_MISSING: '请选择活动要发送的人群',
  CAMPAIGN_SCHEDULE_PAST: '计划发送时间不能早于现在',
  CAMPAIGN_OVER_BUDGET: '预计发券数量超出预算',
  CAMPAIGN_NOT_CANCELLABLE: '活动已开始发送，不能取消',
  OUTBOX_MESSAGE_NOT_FOUND: '消息不存在',
  OUTBOX_NOT_FAILED: '只有发送失败的消息可以重试',
  SUBSCRIPTION_TEMPLATE_UNKNOWN: '订阅消息模板未配置',
  SMS_CONSENT_NEEDS_PHONE: '请先绑定手机号再开启短信通知',
  SMS_INBOUND_FORBIDDEN: '短信回执校验失败',
  JOURNEY_NOT_FOUND: '自动化规则不存在',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  BIRTHDAY_LOCKED: '生日设置后不能自行修改，如需更改请联系门店或客服',
  EXTENSION_DISABLED: '当前规则未开放积分延期',
  LOT_NOT_FOUND: '这批积分不存在',
  LOT_NOT_EXTENDABLE: '这批积分不能延期',
  ACCOUNT_CLOSED: '该会员账号已注销',
  CLOSE_NOT_CONFIRMED: '请先确认注销后将失去的积分、优惠券和等级',
  CLOSE_PENDING_REDEMPTIONS: '还有未完成的兑换订单，请完成或取消后再注销',
  COUPON_NOT_HOLDER: '该优惠券不属于此会员',
  PURCHASE_NOT_FOUND: '消费记录不存在',
  PURCHASE_NOT_PENDING: '该消费记录不在待审批状态',
  INTERNAL: '服务器开小差了，请稍后再试',
} as const

/** One of the stable codes above; the union is the contract. */
export type ErrorCode = keyof typeof errorMessages

export const errorCodes = Object.keys(errorMessages) as ErrorCode[]

/** The JSON body of every error response (DESIGN.md §6). */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> }
}

/** A failure the domain expects; the http layer turns it into `ErrorBody` with the code's status. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: Record<string, unknown>

  constructor(code: ErrorCode, details?: Record<string, unknown>, message?: string) {
    super(message ?? errorMessages[code])
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
}

export const isErrorBody = (value: unknown): value is ErrorBody =>
  typeof value === 'object' &&
  value !== null &&
  'error' in value &&
  typeof (value as ErrorBody).error?.code === 'string'
