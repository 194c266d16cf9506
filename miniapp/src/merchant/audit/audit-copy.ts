/** Audit actions as the console names them; an action not listed shows as written. */
export const auditActionLabels: Record<string, string> = {
  'operator.created': '新建后台账号',
  'operator.updated': '修改后台账号',
  'operator.password_reset': '重置账号密码',
  'operator.password_changed': '修改自己的密码',
  'api_key.created': '创建 API 密钥',
  'api_key.revoked': '吊销 API 密钥',
  'program.draft.create': '新建规则草稿',
  'program.draft.edit': '修改规则草稿',
  'program.publish': '发布会员规则',
  'program.rollback': '回滚会员规则',
  'ledger.adjust': '调整积分或成长值',
  'ledger.reverse': '冲正流水',
  'member.phone_revealed': '查看完整手机号',
  'member.coupon_issued': '发放优惠券',
  'mall_item.create': '新建商品',
  'mall_item.update': '修改商品',
  'mall_item.stock': '调整库存',
  'mall_redemption.ship': '兑换发货',
  'mall_redemption.pickup': '核销自提',
  'mall_redemption.refund': '兑换退款',
  'mall_reconciliation.resolve': '处理对账',
  'outlet.create': '新建门店',
  'staff.create': '新建店员',
  'staff.pin_reset': '重置店员密码',
  'staff.disable': '停用店员',
  'upload.create': '上传图片',
}

export const auditActionLabel = (action: string): string => auditActionLabels[action] ?? action

const targetLabels: Record<string, string> = {
  operator: '账号',
  api_key: 'API 密钥',
  member: '会员',
  program: '会员规则',
  program_draft: '规则草稿',
  mall_item: '商品',
  redemption: '兑换',
  mall_redemption: '兑换',
  outlet: '门店',
  staff: '店员',
  upload: '图片',
}

export const auditTargetLabel = (type: string): string => targetLabels[type] ?? type

/** An entry's details as short `key: value` lines; nested values are cut to a readable length. */
export function auditDetailLines(detail: unknown, max = 4): string[] {
  if (detail === null || detail === undefined || detail === '') return []
  if (typeof detail !== 'object') return [clip(String(detail))]
  const lines = Object.entries(detail as Record<string, unknown>).map(
    ([key, value]) => `${key}: ${clip(typeof value === 'string' ? value : JSON.stringify(value))}`,
  )
  return lines.length > max ? [...lines.slice(0, max), `…另有 ${lines.length - max} 项`] : lines
}

function clip(text: string, length = 48): string {
  return text.length > length ? `${text.slice(0, length)}…` : text
}
