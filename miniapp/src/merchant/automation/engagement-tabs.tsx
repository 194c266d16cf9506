import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { routes } from '../../routes'

export type EngagementTab = 'rules' | 'segments' | 'campaigns' | 'channels' | 'outbox'

const tabs: { tab: EngagementTab; label: string; url: string }[] = [
  { tab: 'rules', label: '自动化规则', url: routes.merchantAutomation },
  { tab: 'campaigns', label: '营销活动', url: routes.merchantCampaigns },
  { tab: 'segments', label: '人群', url: routes.merchantSegments },
  { tab: 'channels', label: '渠道设置', url: routes.merchantAutomationChannels },
  { tab: 'outbox', label: '发送失败', url: routes.merchantOutbox },
]

/** The pages of 会员触达 under the console's own navigation; the open one is green. */
export function EngagementTabs({ active }: { active: EngagementTab }) {
  return (
    <View className='eng-tabs' data-testid='engagement-tabs'>
      {tabs.map((entry) => (
        <Text
          key={entry.tab}
          className={`eng-tab ${entry.tab === active ? 'eng-tab--on' : ''}`}
          data-testid={`engagement-tab-${entry.tab}`}
          onClick={() => {
            if (entry.tab !== active) void Taro.redirectTo({ url: entry.url })
          }}
        >
          {entry.label}
        </Text>
      ))}
    </View>
  )
}

/** An on/off switch; `disabled` shows the state without letting it change (an operator who may only read). */
export function EngSwitch(props: {
  on: boolean
  disabled?: boolean
  testId?: string
  onChange: (on: boolean) => void
}) {
  const { on, disabled, testId, onChange } = props
  return (
    <View
      className={`eng-switch ${on ? 'eng-switch--on' : ''} ${disabled ? 'eng-switch--off-limits' : ''}`}
      {...({ role: 'switch', 'aria-checked': on ? 'true' : 'false' } as object)}
      data-testid={testId}
      onClick={() => {
        if (!disabled) onChange(!on)
      }}
    />
  )
}
