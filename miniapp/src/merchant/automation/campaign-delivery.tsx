import { Text, View } from '@tarojs/components'
import { deliveredPercent, type CampaignView } from '@mc/shared'
import { countText, deliveryNote } from './automation-copy'

/** How often a console page showing a sending campaign asks again: a few looks per pass of the drain. */
export const deliveryRefreshMs = 10_000

/**
 * 投递进度: how many of a campaign's messages have reached their members' inboxes (WeChat and SMS queued with them),
 * as a bar and figures, with the minutes left. Shown once the campaign has begun; a finished one reads 全部送达.
 */
export function CampaignDelivery({ campaign }: { campaign: CampaignView }) {
  const { messages } = campaign
  const percent = deliveredPercent(messages.planned, messages.delivered)
  const done = campaign.status === 'done'
  return (
    <View className='console-card eng-delivery' data-testid='campaign-delivery'>
      <View className='console-card__head'>
        <Text className='console-card__title'>投递进度</Text>
        <Text className='eng-delivery__percent' data-testid='campaign-delivery-percent'>
          {`${percent}%`}
        </Text>
      </View>
      <View
        className='eng-delivery__bar'
        role='progressbar'
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label='已送达比例'
      >
        <View
          className={`eng-delivery__fill ${done ? 'eng-delivery__fill--done' : ''}`}
          style={{ width: `${percent}%` }}
        />
      </View>
      <Text className='eng-delivery__figures' data-testid='campaign-delivery-figures'>
        {`已送达 ${countText(messages.delivered)} / ${countText(messages.planned)} 条`}
      </Text>
      <Text className='console-muted' data-testid='campaign-delivery-note'>
        {deliveryNote(messages, campaign.targeted)}
      </Text>
    </View>
  )
}
