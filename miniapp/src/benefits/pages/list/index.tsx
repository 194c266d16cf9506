import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import type { MemberBenefit } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { IconTile } from '../../../components/icon'
import { PagePlaceholder } from '../../../components/page-shell'
import { tierPalette } from '../../../membership/tier-display'
import { routes } from '../../../routes'
import { useMemberSession } from '../../../session/use-member-session'
import { benefitKindLooks, benefitValueText } from '../../benefit-face'
import { useBenefitsStore } from '../../benefits.store'
import './index.css'
import { openPage } from '../../../open-page'

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
      <View className='page-card benefits__head' style={{ background: tierPalette(data.tier.color).card }}>
        <Text className='benefits__tier'>{data.tier.name}</Text>
        <Text className='benefits__count'>已解锁 {unlocked.length} 项权益</Text>
      </View>
      <View className='benefits__section'>
        <Text className='benefits__title'>我的权益</Text>
        <View className='benefits__grid'>
          {unlocked.map((b) => (
            <BenefitTile key={b.key} benefit={b} />
          ))}
        </View>
      </View>
      {locked.length > 0 && (
        <View className='benefits__section'>
          <Text className='benefits__title'>升级可享</Text>
          <View className='benefits__grid'>
            {locked.map((b) => (
              <BenefitTile key={b.key} benefit={b} />
            ))}
          </View>
        </View>
      )}
      <View className='benefits__wallet' onClick={() => void openPage(routes.coupons)}>
        <Text className='benefits__wallet-title'>我的优惠券</Text>
        <Text className='benefits__wallet-count'>
          {coupons.length === 0 ? '暂无可用优惠券' : `${coupons.length} 张可用`} ›
        </Text>
      </View>
    </View>
  )
}

/**
 * One benefit as a tile: its kind's icon, name and value (生日礼 ¥10, 会员价 9.5折), and the claim; a locked one is
 * greyed with the tier that unlocks it, in that tier's colour.
 */
function BenefitTile({ benefit }: { benefit: MemberBenefit }) {
  const claiming = useBenefitsStore((s) => s.claiming === benefit.key)
  const look = benefitKindLooks[benefit.kind]
  const value = benefitValueText(benefit)
  const unlockPalette = benefit.unlockTier ? tierPalette(benefit.unlockTier.color) : null
  const claim = async () => {
    const response = await useBenefitsStore.getState().claim(benefit.key)
    if (response) Toast.show(toastId, { content: `领取成功，获得 ${response.coupons.length} 张券`, icon: 'success' })
    else
      Toast.show(toastId, { content: useBenefitsStore.getState().error?.message ?? '领取失败，请重试', icon: 'fail' })
  }
  return (
    <View className={`benefit${benefit.unlocked ? '' : ' benefit--locked'}`} data-testid={`benefit-${benefit.key}`}>
      <View className='benefit__top'>
        <IconTile glyph={look.glyph} tone={benefit.unlocked ? look.tone : 'grey'} />
        {value && <Text className='benefit__value'>{value}</Text>}
      </View>
      <Text className='benefit__name'>{benefit.name}</Text>
      {benefit.unlocked ? (
        benefit.description !== '' && <Text className='benefit__desc clamp-2'>{benefit.description}</Text>
      ) : (
        <Text
          className='benefit__unlock'
          style={unlockPalette ? { color: unlockPalette.badgeText, background: unlockPalette.badgeBackground } : {}}
        >
          {benefit.unlockLabel ?? '暂未开放'}
        </Text>
      )}
      {benefit.unlocked && benefit.claim && (
        <View className='benefit__foot'>
          <ClaimAction claim={benefit.claim} claiming={claiming} onClaim={() => void claim()} />
        </View>
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
