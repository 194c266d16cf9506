import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { AdminMemberDetail, AdjustmentResponse, BenefitView, IssueMemberCouponResponse } from '@mc/shared'
import { groupThousands } from '../../../format'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { consoleCall } from '../../console-call'
import { MemberInsightCard } from '../../insights/member-insight-card'
import { AdjustDialog } from '../../members/adjust-dialog'
import { CouponDialog } from '../../members/coupon-dialog'
import { LedgerCard } from '../../members/ledger-card'
import { CouponsCard, LotsCard, RedemptionsCard, SignInsCard } from '../../members/member-activity-cards'
import { ProfileCard, StandingCard, TierTrajectoryCard } from '../../members/member-profile-cards'
import { ledgerLabels, signedAmount, type LedgerName } from '../../members/members-copy'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../members/members.css'

/**
 * One member for the console: profile, tier and its trajectory, growth and balances, both ledgers, lots and holds,
 * coupons, redemptions and sign-ins; with `members.adjust`, a manual adjustment and a hand-issued coupon.
 * Two columns on a desktop (who they are on the left, what happened on the right), one on a phone.
 */
export default function MerchantMemberPage() {
  const memberId = useRouter().params.id ?? ''
  const allowed = useConsoleAccess('members')
  const mayAdjust = useCan('members.adjust')
  const [ledger, setLedger] = useState<LedgerName>('points')
  const [ledgerReload, setLedgerReload] = useState(0)
  const [dialog, setDialog] = useState<'adjust' | 'coupon' | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const {
    data: detail,
    failure,
    reload,
  } = useConsoleLoad(
    allowed && memberId !== '',
    () => consoleCall((api) => api.admin.members[':memberId'].$get({ param: { memberId } })),
    memberId,
  )
  const error = failure?.message ?? null
  const changed = () => {
    setDialog(null)
    setLedgerReload((n) => n + 1)
    void reload()
  }

  const adjusted = (answer: AdjustmentResponse) => {
    changed()
    setLedger(answer.ledger)
    const upgrade = answer.tierChange ? `，等级升至 ${tierName(detail, answer.tierChange.to)}` : ''
    setNotice(
      `已调整${ledgerLabels[answer.ledger]} ${signedAmount(answer.amount)}，` +
        `余额 ${groupThousands(answer.balanceAfter)}${upgrade}`,
    )
  }
  const issued = (answer: IssueMemberCouponResponse) => {
    changed()
    setNotice(`已发放 ${answer.coupons.length} 张优惠券：${answer.coupons.map((c) => c.name).join('、')}`)
  }
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.merchantMembers }))

  const actions =
    detail && mayAdjust ? (
      <>
        <ConsoleButton kind='primary' testId='member-adjust' onClick={() => setDialog('adjust')}>
          调整积分/成长值
        </ConsoleButton>
        <ConsoleButton testId='member-issue-coupon' onClick={() => setDialog('coupon')}>
          发放优惠券
        </ConsoleButton>
      </>
    ) : null

  return (
    <ConsoleShell active='members' title={detail ? detail.member.nickname : '会员详情'} actions={actions}>
      <View className='member-back'>
        <ConsoleButton kind='link' onClick={back}>
          ‹ 返回会员列表
        </ConsoleButton>
      </View>
      {notice ? (
        <View className='console-notice console-notice--success' data-testid='member-notice'>
          {notice}
        </View>
      ) : null}
      {error ? <View className='console-notice console-notice--error'>{error}</View> : null}
      {detail === null ? (
        <View className='console-empty'>{error ? '' : '加载中…'}</View>
      ) : (
        <View className='member-detail' data-testid='member-detail'>
          <View className='member-detail__side'>
            <ProfileCard member={detail.member} />
            <StandingCard detail={detail} />
            <View className='member-detail__insight'>
              <MemberInsightCard
                memberId={memberId}
                insight={detail.insight}
                mayTag={mayAdjust}
                onChanged={() => void reload()}
              />
            </View>
            <View className='member-detail__trajectory'>
              <TierTrajectoryCard changes={detail.tierChanges} />
            </View>
            <View className='member-detail__lots'>
              <LotsCard lots={detail.lots} holds={detail.holds} />
            </View>
          </View>
          <View className='member-detail__main'>
            <View className='member-detail__ledger'>
              <LedgerCard memberId={memberId} ledger={ledger} onLedgerChange={setLedger} reloadKey={ledgerReload} />
            </View>
            <View className='member-detail__coupons'>
              <CouponsCard coupons={detail.coupons} />
            </View>
            <View className='member-detail__redemptions'>
              <RedemptionsCard redemptions={detail.redemptions} />
            </View>
            <View className='member-detail__signins'>
              <SignInsCard signIns={detail.signIns} />
            </View>
          </View>
        </View>
      )}
      {dialog === 'adjust' ? (
        <AdjustDialog memberId={memberId} onClose={() => setDialog(null)} onAdjusted={adjusted} />
      ) : null}
      {dialog === 'coupon' && detail ? (
        <CouponDialog
          memberId={memberId}
          benefits={ladderBenefits(detail)}
          onClose={() => setDialog(null)}
          onIssued={issued}
        />
      ) : null}
    </ConsoleShell>
  )
}

/** Every benefit the ladder names, once each, in ladder order. */
function ladderBenefits(detail: AdminMemberDetail): BenefitView[] {
  const seen = new Map<string, BenefitView>()
  for (const tier of detail.tiers) for (const benefit of tier.benefits) seen.set(benefit.key, benefit)
  return [...seen.values()]
}

function tierName(detail: AdminMemberDetail | null, key: string): string {
  return detail?.tiers.find((tier) => tier.id === key)?.name ?? key
}
