import { Text, View } from '@tarojs/components'
import { Switch, Toast } from '@nutui/nutui-react-taro'
import { messageCategories, messageCategoryLabels, type MessageCategory } from '@mc/shared'
import { PagePlaceholder } from '../../../components/page-shell'
import { shanghaiDateTime } from '../../../format'
import { useMemberSession } from '../../../session/use-member-session'
import { outreachSelectors, useOutreachStore } from '../../../outreach/outreach.store'
import './index.css'

const toastId = 'notification-settings-toast'
const loadSettings = () => void useOutreachStore.getState().loadSettings()

/** Shows 已保存 or why the save failed (the switch has already gone back then); nothing when nothing was sent. */
function saved(ok: boolean | null) {
  if (ok === null) return
  const failure = useOutreachStore.getState().settingsError
  if (ok) Toast.show(toastId, { content: '已保存', icon: 'success', duration: 1.5 })
  else Toast.show(toastId, { content: failure?.message ?? '保存失败，请重试', icon: 'fail' })
}

/** 通知设置: which kinds of message may reach the member outside the app, and whether SMS may be one of the ways. */
export default function NotificationSettingsPage() {
  const settings = useOutreachStore((s) => s.settings)
  const firstFailed = useOutreachStore(outreachSelectors.firstLoadFailed)
  const failure = useOutreachStore((s) => s.settingsError?.message ?? null)
  useMemberSession(loadSettings)

  if (settings === null)
    return (
      <PagePlaceholder
        className='notify-settings'
        loadingClassName='notify-settings__loading'
        failure={firstFailed ? (failure ?? '加载失败') : null}
        onRetry={loadSettings}
      />
    )
  return (
    <View className='page-shell notify-settings'>
      <Toast id={toastId} />
      <Text className='notify-settings__caption'>消息提醒</Text>
      <View className='notify-settings__card'>
        {messageCategories.map((category) => (
          <CategoryRow key={category} category={category} />
        ))}
      </View>
      <Text className='notify-settings__note'>关闭后不再通过微信或短信提醒，消息仍会保存在消息中心。</Text>
      <Text className='notify-settings__caption'>短信</Text>
      <View className='notify-settings__card'>
        <SmsRow />
      </View>
    </View>
  )
}

function CategoryRow({ category }: { category: MessageCategory }) {
  const muted = useOutreachStore((s) => outreachSelectors.isMuted(s, category))
  return (
    <View className='notify-settings__row' data-testid={`notify-category-${category}`}>
      <Text className='notify-settings__label'>{messageCategoryLabels[category]}</Text>
      <Switch
        checked={!muted}
        ariaLabel={messageCategoryLabels[category]}
        onChange={(on) => void useOutreachStore.getState().muteToggled(category, !on).then(saved)}
      />
    </View>
  )
}

/** The SMS consent: off without a phone (saying why), and saying so when a 退订 reply turned it off. */
function SmsRow() {
  const consent = useOutreachStore((s) => s.settings?.smsConsent ?? false)
  const optedOutAt = useOutreachStore((s) => s.settings?.smsOptedOutAt ?? null)
  const blocked = useOutreachStore(outreachSelectors.smsBlockedReason)
  return (
    <View className='notify-settings__sms' data-testid='notify-sms'>
      <View className='notify-settings__row notify-settings__row--last'>
        <Text className='notify-settings__label'>接收短信通知</Text>
        <Switch
          checked={consent}
          disabled={blocked !== null}
          ariaLabel='接收短信通知'
          onChange={(on) => void useOutreachStore.getState().smsConsentToggled(on).then(saved)}
        />
      </View>
      {blocked !== null ? (
        <Text className='notify-settings__hint'>{blocked}</Text>
      ) : !consent && optedOutAt !== null ? (
        <Text className='notify-settings__hint' data-testid='notify-sms-opted-out'>
          你于 {shanghaiDateTime(optedOutAt)} 回复“退订”关闭了短信通知，可在此重新开启。
        </Text>
      ) : (
        <Text className='notify-settings__hint'>
          开启后，等级、积分到期等提醒也可能通过短信发送，回复“退订”即可关闭。
        </Text>
      )}
    </View>
  )
}
