import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { EmptyState } from '../../../components/empty-state'
import { ErrorState } from '../../../components/error-state'
import { groupThousands } from '../../../format'
import { askForSubscriptions, useSubscribePrompts } from '../../../outreach/subscribe'
import { historyRoute, routes } from '../../../routes'
import { useMemberSession } from '../../../session/use-member-session'
import type { ExpiringLot } from '@mc/shared'
import { ExpiringList } from '../../components/expiring-list'
import { confirmExtension, LotExtensions } from '../../components/lot-extensions'
import {
  expiringDays,
  expirySummary,
  expiryRuleText,
  extensionConfirmText,
  extensionLots,
  lastUsableDay,
  spendOrderText,
  type ExpiringDay,
} from '../../expiry-copy'
import { chineseDate } from '../../../format'
import { pointsSelectors, usePointsStore } from '../../points.store'
import '../../../components/page-shell/index.css'
import './index.css'
import { openPage } from '../../../open-page'

const toastId = 'expiring-toast'

/**
 * Points about to lapse: an alarm only for what lapses within the warning window (else a calm schedule), one line
 * per day they lapse, a way to spend them, and the program's expiry rule.
 */
export default function ExpiringPage() {
  const expiring = usePointsStore(pointsSelectors.expiring)
  const pending = usePointsStore((s) => s.expiringPending)
  const errorMessage = usePointsStore(pointsSelectors.expiringErrorMessage)
  const loadExpiring = usePointsStore((s) => s.loadExpiring)
  const extendingLotId = usePointsStore((s) => s.extendingLotId)

  useMemberSession(() => void loadExpiring(), [loadExpiring])
  useSubscribePrompts('points_expiring')
  usePullDownRefresh(() => {
    void loadExpiring().then((ok) => {
      Taro.stopPullDownRefresh()
      const message = pointsSelectors.expiringErrorMessage(usePointsStore.getState())
      if (!ok && message && usePointsStore.getState().expiring) Toast.show(toastId, { content: message })
    })
  })

  if (expiring === null) {
    return (
      <View className='page-shell expiring'>
        {errorMessage && !pending ? (
          <ErrorState message={errorMessage} retrying={pending} onRetry={() => void loadExpiring()} />
        ) : (
          <View className='expiring__loading' aria-busy='true'>
            <View className='expiring__ghost' />
            <Text className='expiring__loading-text'>加载中…</Text>
          </View>
        )}
      </View>
    )
  }

  const days = expiringDays(expiring.lots)
  const extendable = extensionLots(expiring.lots)
  const summary = expirySummary(days, new Date())
  return (
    <View className='page-shell expiring'>
      <Toast id={toastId} />
      <View className={`expiring__summary expiring__summary--${summary.alarm ? 'alarm' : 'calm'}`}>
        <Text className='expiring__label'>{summary.label}</Text>
        <Text className='expiring__total'>{groupThousands(summary.total)}</Text>
        <Text className='expiring__note'>{summary.note}</Text>
        <View className='expiring__actions'>
          {/* Always a way out: points are best spent before they lapse, whenever that is. */}
          <Text className='expiring__redeem' onClick={() => void openPage(routes.mall)}>
            去兑换
          </Text>
          {days.length > 0 && (
            <Text className='expiring__remind' onClick={() => void remindMe()}>
              到期前提醒我
            </Text>
          )}
        </View>
      </View>
      {days.length > 0 ? (
        <View className='page-card expiring__card'>
          <Text className='expiring__title'>到期明细</Text>
          <ExpiringList days={days} now={new Date()} />
        </View>
      ) : (
        <View className='page-card expiring__card expiring__card--empty'>
          <EmptyState description='近期没有即将过期的积分' />
        </View>
      )}
      {extendable.length > 0 && (
        <View className='page-card expiring__card' data-testid='lot-extensions'>
          <Text className='expiring__title'>积分延期</Text>
          <Text className='expiring__hint'>每笔积分可花积分延期一次，延期所花积分优先从最早过期的积分中扣除。</Text>
          <LotExtensions lots={extendable} extendingLotId={extendingLotId} onExtend={(lot) => void extend(lot)} />
        </View>
      )}
      <ExpiryRules days={days} />
      <View className='expiring__more' onClick={() => void openPage(historyRoute('points'))}>
        <Text>查看积分明细 ›</Text>
      </View>
    </View>
  )
}

/** Asks, then spends the points; says the new date, or why the BFF refused. */
async function extend(lot: ExpiringLot) {
  if (!lot.extension || !(await confirmExtension(extensionConfirmText(lot, lot.extension)))) return
  const extension = await usePointsStore.getState().extendLot(lot.lotId)
  const refusal = pointsSelectors.extensionErrorMessage(usePointsStore.getState())
  if (extension) {
    const day = chineseDate(lastUsableDay(extension.expiresAtAfter))
    Toast.show(toastId, { content: `已延期至 ${day}`, icon: 'success' })
  } else if (refusal) Toast.show(toastId, { content: refusal, icon: 'fail' })
}

/** 到期前提醒我: asks for the expiry reminder by WeChat, then says where the reminder will come. */
async function remindMe() {
  const recorded = await askForSubscriptions('points_expiring')
  const subscribed = recorded !== null && recorded.accepted > 0
  Toast.show(toastId, { content: subscribed ? '已订阅，积分到期前会提醒你' : '积分到期前会在消息中心提醒你' })
}

/** The program's two expiry rules: when points lapse, and which points a spend uses first. */
function ExpiryRules({ days }: { days: ExpiringDay[] }) {
  return (
    <View className='page-card expiring__card'>
      <Text className='expiring__title'>积分有效期规则</Text>
      <View className='expiring__rule'>
        <Text className='expiring__bullet'>1</Text>
        <Text className='expiring__rule-text'>{expiryRuleText(days)}</Text>
      </View>
      <View className='expiring__rule'>
        <Text className='expiring__bullet'>2</Text>
        <Text className='expiring__rule-text'>{spendOrderText}</Text>
      </View>
    </View>
  )
}
