import { useEffect, useRef, useState, type ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { messageCategoryLabels, type AutomationResults, type CampaignView } from '@mc/shared'
import { failureOf } from '../../../api/client'
import { shanghaiDateTime } from '../../../format'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { cancelCampaign, loadCampaign, loadCampaignResults } from '../../automation/automation-api'
import { countText, couponText } from '../../automation/automation-copy'
import { CampaignBadge } from '../../automation/campaign-badge'
import { CampaignDelivery, deliveryRefreshMs } from '../../automation/campaign-delivery'
import { ResultsSection } from '../../automation/results-card'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import { useRefreshWhile } from '../../use-refresh-while'
import '../../console.css'
import '../../insights/insights.css'
import '../../automation/automation.css'

/**
 * One campaign (`?id=`): its status and plan, its delivery (a progress bar while messages wait), the variants, 取消
 * while it waits, and its results with charts.
 */
export default function MerchantCampaignPage() {
  const id = useRouter().params.id ?? ''
  const ready = useConsoleAccess('engagement')
  const mayEdit = useCan('engagement.edit')
  const campaign = useConsoleLoad<CampaignView>(ready, () => loadCampaign(id), id)
  const results = useConsoleLoad<AutomationResults>(ready, () => loadCampaignResults(id), id)
  // While its messages go out the page follows them (the drain moves once a minute): no pull needed to see 全部送达.
  useRefreshWhile(campaign.data?.status === 'sending', () => void campaign.reload(), deliveryRefreshMs)
  // The results (a heavier read) are asked again only when a pass has delivered more, so their 排队投递中 agrees.
  const delivered = campaign.data?.messages.delivered
  const resultsDelivered = useRef(delivered)
  useEffect(() => {
    if (resultsDelivered.current !== undefined && delivered !== resultsDelivered.current) void results.reload()
    resultsDelivered.current = delivered
  }, [delivered, results.reload])
  const [cancelling, setCancelling] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const cancel = async () => {
    const confirmed = await Taro.showModal({ title: '取消活动', content: '取消后不会再发送，确定取消吗？' })
    if (!confirmed.confirm) return
    setCancelling(true)
    setError(null)
    try {
      await cancelCampaign(id)
      await campaign.reload()
    } catch (failure) {
      setError(failureOf(failure).message)
    } finally {
      setCancelling(false)
    }
  }
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.merchantCampaigns }))
  const c = campaign.data
  const actions =
    c && c.status === 'scheduled' && mayEdit ? (
      <ConsoleButton
        kind='danger'
        size='small'
        testId='campaign-cancel'
        loading={cancelling}
        onClick={() => void cancel()}
      >
        取消活动
      </ConsoleButton>
    ) : null
  return (
    <ConsoleShell active='engagement' title={c?.name ?? '活动详情'} actions={actions}>
      <View className='eng-back'>
        <ConsoleButton kind='link' onClick={back}>
          ‹ 返回营销活动
        </ConsoleButton>
      </View>
      {campaign.failure || error ? (
        <View className='console-notice console-notice--error'>{campaign.failure?.message ?? error}</View>
      ) : null}
      {c ? (
        <View data-testid='campaign-detail'>
          <View className='console-stats'>
            <Stat label='状态'>
              <CampaignBadge status={c.status} />
            </Stat>
            <Stat label='已覆盖会员'>{countText(c.targeted)}</Stat>
            <Stat label='已发券 / 预算'>
              {c.budgetCoupons === null ? '不发券' : `${countText(c.couponsIssued)} / ${countText(c.budgetCoupons)}`}
            </Stat>
            <Stat label='对照组'>{`${c.holdoutPercent}%`}</Stat>
          </View>
          {c.status === 'sending' || (c.status === 'done' && c.messages.planned > 0) ? (
            <CampaignDelivery campaign={c} />
          ) : null}
          <View className='eng-layout'>
            <View className='console-card'>
              <Text className='console-card__title eng-section-title'>活动设置</Text>
              <View className='eng-summary'>
                <Row label='人群' value={c.segmentName} />
                <Row label='消息类别' value={messageCategoryLabels[c.category]} />
                <Row label='发送时间' value={shanghaiDateTime(c.scheduledAt)} />
                <Row label='超出预算' value={c.stopAtBudget ? '发到预算为止' : '超出则不创建'} />
                <Row label='创建时间' value={shanghaiDateTime(c.createdAt)} />
                <Row label='完成时间' value={c.finishedAt ? shanghaiDateTime(c.finishedAt) : '—'} />
              </View>
            </View>
            <View className='eng-variants'>
              {c.variants.map((variant, index) => (
                <View key={variant.copy.title + String(index)} className='console-card'>
                  <Text className='eng-variant__title'>{c.variants.length === 2 ? `变体 ${'AB'[index]}` : '消息'}</Text>
                  <View className='eng-preview'>
                    <Text className='eng-preview__title'>{variant.copy.title}</Text>
                    <Text className='eng-preview__body'>{variant.copy.body}</Text>
                  </View>
                  <Text className='console-muted'>
                    {variant.coupon ? `优惠券：${variant.coupon.name}（${couponText(variant.coupon)}）` : '不发券'}
                  </Text>
                </View>
              ))}
            </View>
          </View>
        </View>
      ) : !campaign.failure ? (
        <View className='console-empty'>加载中…</View>
      ) : null}
      <ResultsSection title='活动效果' results={results} />
    </ConsoleShell>
  )
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='console-stat'>
      <Text className='console-stat__label'>{label}</Text>
      <View className='console-stat__value'>{children}</View>
    </View>
  )
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='eng-summary__row'>
      <Text className='eng-summary__label'>{label}</Text>
      <Text className='eng-summary__value'>{value}</Text>
    </View>
  )
}
