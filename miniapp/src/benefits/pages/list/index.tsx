import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import type { CouponView, MemberBenefit } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { PagePlaceholder } from '../../../components/page-shell'
import { shanghaiDay, yuanFromFen } from '../../../format'
import { useMemberSession } from '../../../session/use-member-session'
import { useBenefitsStore } from '../../benefits.store'
import './index.css'

const toastId = 'benefits-toast'
const loadBenefits = () => void useBenefitsStore.getState().loadBenefits()

export default function BenefitsPage() {
  const data = useBenefitsStore((s) => s.benefits)
  const coupons = useBenefitsStore((s) => s.coupons)
  const pending = useBenefitsStore((s) => s.pending)
  const error = useBenefitsStore((s) => s.error)

  useMemberSession(loadBenefits)

  if (data === null) {
    return (
      <PagePlaceholder
        className='benefits'
        loadingClassName='benefits__loading'
        failure={error?.message ?? null}
        retrying={pending}
        onRetry={loadBenefits}
      />
    )
  }
  const unlocked = data.benefits.filter((b) => b.unlocked)
  const locked = data.benefits.filter((b) => !b.unlocked)
  return (
    <View className='page-shell benefits'>
      <Toast id={toastId} />
      <View className='page-card benefits__head'>
        <Text className='benefits__tier'>{data.tier.name}</Text>
        <Text className='benefits__count'>已解锁 {unlocked.length} 项权益</Text>
      </View>
      <View className='benefits__section'>
        <Text className='benefits__title'>我的权益</Text>
        {unlocked.map((b) => (
          <BenefitRow key={b.key} benefit={b} />
        ))}
      </View>
      {locked.length > 0 && (
        <View className='benefits__section'>
          <Text className='benefits__title'>升级可享</Text>
          {locked.map((b) => (
            <BenefitRow key={b.key} benefit={b} />
          ))}
        </View>
      )}
      <View className='benefits__section'>
        <Text className='benefits__title'>我的优惠券</Text>
        {coupons.length === 0 ? (
          <Text className='benefits__empty'>暂无可用优惠券</Text>
        ) : (
          coupons.map((c) => <CouponRow key={c.id} coupon={c} />)
        )}
      </View>
    </View>
  )
}

function BenefitRow({ benefit }: { benefit: MemberBenefit }) {
  const claiming = useBenefitsStore((s) => s.claiming === benefit.key)
  const claim = async () => {
    const response = await useBenefitsStore.getState().claim(benefit.key)
    if (response) Toast.show(toastId, { content: `领取成功，获得 ${response.coupons.length} 张券`, icon: 'success' })
    else
      Toast.show(toastId, { content: useBenefitsStore.getState().error?.message ?? '领取失败，请重试', icon: 'fail' })
  }
  return (
    <View className={`benefit${benefit.unlocked ? '' : ' benefit--locked'}`}>
      <View className='benefit__icon'>
        <Text>{benefit.name.slice(0, 1)}</Text>
      </View>
      <View className='benefit__body'>
        <Text className='benefit__name'>{benefit.name}</Text>
        <Text className='benefit__desc'>
          {benefit.unlocked ? benefit.description : (benefit.unlockLabel ?? '暂未开放')}
        </Text>
      </View>
      {benefit.unlocked && benefit.claim && (
        <ClaimAction claim={benefit.claim} claiming={claiming} onClaim={() => void claim()} />
      )}
    </View>
  )
}

function ClaimAction({
  claim,
  claiming,
  onClaim,
}: {
  claim: NonNullable<MemberBenefit['claim']>
  claiming: boolean
  onClaim(): void
}) {
  if (claim.claimable) {
    return (
      <ActionButton className='benefit__claim' type='primary' size='small' loading={claiming} onClick={onClaim}>
        领取
      </ActionButton>
    )
  }
  const label = claim.claimedAt
    ? '已领取'
    : claim.blockedBy === 'NOT_BIRTHDAY_MONTH'
      ? '生日月可领'
      : claim.blockedBy === 'BIRTHDAY_UNKNOWN'
        ? '未填生日'
        : '未到领取时间'
  return <Text className='benefit__state'>{label}</Text>
}

function CouponRow({ coupon }: { coupon: CouponView }) {
  const value = coupon.kind === 'free_shipping' ? '包邮' : yuanFromFen(coupon.discountFen)
  const rule =
    coupon.kind === 'free_shipping'
      ? '全场包邮'
      : coupon.thresholdFen > 0
        ? `满 ${yuanFromFen(coupon.thresholdFen)} 可用`
        : '无门槛'
  return (
    <View className='coupon'>
      <View className='coupon__value'>
        <Text>{value}</Text>
      </View>
      <View className='coupon__body'>
        <Text className='coupon__name'>{coupon.name}</Text>
        <Text className='coupon__rule'>
          {rule} · 有效期至 {shanghaiDay(coupon.validUntil)}
        </Text>
      </View>
    </View>
  )
}
