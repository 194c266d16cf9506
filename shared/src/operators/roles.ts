import { z } from 'zod'

/**
 * What an operator or an API key may do. Every `/api/admin` route declares exactly one of these; the role
 * matrix below is the only place that says who holds which.
 */
export const permissions = [
  'dashboard.read',
  'insights.read',
  'engagement.read',
  'engagement.edit',
  'program.read',
  'program.edit',
  'mall.read',
  'mall.edit',
  'outlets.read',
  'outlets.edit',
  'staff.read',
  'staff.edit',
  'members.read',
  'members.phone',
  'members.adjust',
  'audit.read',
  'operators.manage',
] as const
export const Permission = z.enum(permissions)
export type Permission = z.infer<typeof Permission>

export const roles = ['owner', 'operator', 'analyst', 'store_manager'] as const
export const OperatorRole = z.enum(roles)
export type OperatorRole = z.infer<typeof OperatorRole>

const everything: readonly Permission[] = permissions

/**
 * The role matrix. An owner does everything, and alone manages operators and API keys and reads the audit log; an
 * operator runs the program day to day; an analyst reads, with phones masked; a store manager looks after the
 * staff of their own store (the BFF narrows every staff and outlet answer to it).
 */
export const rolePermissions: Record<OperatorRole, readonly Permission[]> = {
  owner: everything,
  operator: everything.filter((p) => p !== 'operators.manage' && p !== 'audit.read'),
  analyst: [
    'dashboard.read',
    'insights.read',
    'engagement.read',
    'program.read',
    'mall.read',
    'outlets.read',
    'staff.read',
    'members.read',
  ],
  store_manager: ['dashboard.read', 'outlets.read', 'staff.read', 'staff.edit'],
}

export const roleLabels: Record<OperatorRole, string> = {
  owner: '店主',
  operator: '运营',
  analyst: '分析员',
  store_manager: '店长',
}

export const permissionLabels: Record<Permission, string> = {
  'dashboard.read': '查看概览',
  'insights.read': '查看经营分析报表',
  'engagement.read': '查看自动化、人群与活动效果',
  'engagement.edit': '配置自动化、人群与营销活动',
  'program.read': '查看会员规则',
  'program.edit': '修改与发布会员规则',
  'mall.read': '查看积分商城',
  'mall.edit': '管理商品、发货与退款',
  'outlets.read': '查看门店',
  'outlets.edit': '新建门店',
  'staff.read': '查看店员',
  'staff.edit': '管理店员',
  'members.read': '查询会员',
  'members.phone': '查看完整手机号',
  'members.adjust': '调整积分与成长值',
  'audit.read': '查看操作日志',
  'operators.manage': '管理账号与 API 密钥',
}

export const roleCan = (role: OperatorRole, permission: Permission): boolean =>
  rolePermissions[role].includes(permission)
