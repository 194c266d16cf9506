import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ClosingPendingRedemption, ClosingPreview } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { PagePlaceholder } from '../../../components/page-shell'
import { shanghaiDay } from '../../../format'
import { useMembershipStore } from '../../../membership/membership.store'
import { redemptionRoute, routes } from '../../../routes'
import { useMemberSession } from '../../../session/use-member-session'
import { accountClosingSelectors, useAccountClosingStore } from '../../account-closing.store'
import '../../../components/page-shell/index.css'
import './index.css'
import { openPage } from '../../../open-page'

const loadPreview = () => void useAccountClosingStore.getState().loadPreview()
const eraseText =
  '注销后，你的手机号、微信身份、昵称、头像、生日、地区和收货地址将被删除，登录状态、会员码和消息订阅随之失效。' +
  '积分与成长值流水仅以匿名编号保留，用于商家对账，不再与你关联。之后用同一手机号登录将成为新会员。'
const pendingRule =
  '剩余积分、优惠券和会员等级在你确认后作废；未完成的兑换（待支付、待发货、待自提）需先完成或取消，才能注销。'
const waitingLabels: Record<ClosingPendingRedemption['waitingFor'], string> = {
  payment: '待支付',
  shipping: '待发货',
  pickup: '待自提',
}

/** 注销账号: what is lost (points, coupons, tier), how pending redemptions are handled, and the confirmation. */
export default function AccountClosingPage() {
  const preview = useAccountClosingStore((s) => s.preview)
  const closed = useAccountClosingStore((s) => s.closed)
  const failure = useAccountClosingStore((s) => s.error?.message ?? null)
  const pending = useAccountClosingStore((s) => s.pending)
  useMemberSession(closed ? undefined : loadPreview)

  if (closed) return <ClosedCard />
  if (preview === null)
    return (
      <PagePlaceholder
        className='account-closing'
        loadingClassName='account-closing__loading'
        failure={pending ? null : failure}
        retrying={pending === 'preview'}
        onRetry={loadPreview}
      />
    )
  return (
    <View className='page-shell account-closing'>
      <View className='account-closing__intro'>
        <Text className='account-closing__heading'>注销后无法恢复</Text>
        <Text className='account-closing__text'>{eraseText}</Text>
        <Text className='account-closing__text'>{pendingRule}</Text>
      </View>
      <LossCard preview={preview} />
      {preview.pendingRedemptions.length > 0 ? (
        <PendingCard redemptions={preview.pendingRedemptions} />
      ) : (
        <ConfirmCard />
      )}
      {failure && pending === null ? (
        <Text className='account-closing__error' data-testid='closing-error'>
          {failure}
        </Text>
      ) : null}
    </View>
  )
}

/** The points, growth, tier and coupons the member gives up by closing. */
function LossCard({ preview }: { preview: ClosingPreview }) {
  return (
    <View className='page-card account-closing__card' data-testid='closing-losses'>
      <Text className='account-closing__title'>注销将放弃</Text>
      <View className='account-closing__row'>
        <Text>积分</Text>
        <Text className='account-closing__value'>{preview.points}</Text>
      </View>
      <View className='account-closing__row'>
        <Text>成长值</Text>
        <Text className='account-closing__value'>{preview.growth}</Text>
      </View>
      <View className='account-closing__row'>
        <Text>会员等级</Text>
        <Text className='account-closing__value'>{preview.tier?.name ?? '未入会'}</Text>
      </View>
      <View className='account-closing__row'>
        <Text>可用优惠券</Text>
        <Text className='account-closing__value'>{preview.coupons.length} 张</Text>
      </View>
      {preview.coupons.map((coupon) => (
        <Text key={coupon.id} className='account-closing__coupon'>
          {coupon.name}（{shanghaiDay(coupon.validUntil)} 前有效）
        </Text>
      ))}
    </View>
  )
}

/** Redemptions still in progress: they refuse the closing until finished or cancelled. */
function PendingCard({ redemptions }: { redemptions: ClosingPendingRedemption[] }) {
  return (
    <View className='page-card account-closing__card' data-testid='closing-pending'>
      <Text className='account-closing__title'>暂时不能注销</Text>
      <Text className='account-closing__text-dark'>
        你还有未完成的兑换。为保证商品送达或退款，请在兑换完成或取消后再注销。
      </Text>
      {redemptions.map((r) => (
        <View
          key={r.id}
          className='account-closing__row account-closing__link'
          onClick={() => void openPage(redemptionRoute(r.id))}
        >
          <Text>{r.itemTitle}</Text>
          <Text className='account-closing__value'>{waitingLabels[r.waitingFor]} ›</Text>
        </View>
      ))}
    </View>
  )
}

/** The explicit acknowledgement, then the closing itself. */
function ConfirmCard() {
  const acknowledged = useAccountClosingStore((s) => s.acknowledged)
  const canSubmit = useAccountClosingStore(accountClosingSelectors.canSubmit)
  const closing = useAccountClosingStore((s) => s.pending === 'close')
  return (
    <View className='page-card account-closing__card'>
      <View
        className='account-closing__ack'
        role='checkbox'
        aria-checked={acknowledged}
        data-testid='closing-acknowledge'
        onClick={() => useAccountClosingStore.getState().acknowledgementToggled()}
      >
        <Text className={`account-closing__box${acknowledged ? ' account-closing__box--on' : ''}`}>
          {acknowledged ? '✓' : ''}
        </Text>
        <Text className='account-closing__text-dark'>
          我已知晓：剩余积分、优惠券和会员等级将作废且无法恢复，我同意放弃并注销账号。
        </Text>
      </View>
      <ActionButton
        block
        type='primary'
        className='account-closing__submit'
        disabled={!canSubmit}
        loading={closing}
        onClick={() => void useAccountClosingStore.getState().closeAccount()}
      >
        确认注销
      </ActionButton>
    </View>
  )
}

/** After closing: the session is gone on the server; leaving forgets it here too and starts at login. */
function ClosedCard() {
  return (
    <View className='page-shell account-closing'>
      <View className='page-card account-closing__card' data-testid='closing-done'>
        <Text className='account-closing__title'>账号已注销</Text>
        <Text className='account-closing__text-dark'>你的个人信息已删除。感谢你一直以来的支持。</Text>
        <ActionButton
          block
          type='primary'
          className='account-closing__finish'
          onClick={() => {
            useMembershipStore.getState().loggedOut()
            void Taro.reLaunch({ url: routes.login })
          }}
        >
          完成
        </ActionButton>
      </View>
    </View>
  )
}
