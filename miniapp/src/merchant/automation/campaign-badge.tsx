import { Text } from '@tarojs/components'
import type { CampaignStatus } from '@mc/shared'
import { campaignStatusBadges } from './automation-copy'

/** A campaign's status: 待发送 blue, 发送中 orange, 已完成 green, 已取消 grey. */
export function CampaignBadge({ status }: { status: CampaignStatus }) {
  const badge = campaignStatusBadges[status]
  return (
    <Text className={`console-badge ${badge.tone ? `console-badge--${badge.tone}` : ''}`} data-testid='campaign-status'>
      {badge.label}
    </Text>
  )
}
