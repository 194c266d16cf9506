import { Text, View } from '@tarojs/components'
import { reportKeys, reportTitles, type ReportKey } from '@mc/shared'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell } from '../../components/console-shell'
import { insightReportRoute } from '../../insights/insights-routes'
import { useCan } from '../../operator.store'
import '../../console.css'
import '../../insights/insights.css'
import { openPage } from '../../../open-page'

/** What each report answers, under its title on the index. */
const reportHints: Record<ReportKey, string> = {
  'tier-health': '各等级人数走势、等级迁移、升降级率与目标金字塔',
  'points-economy': '积分发放、兑换、过期与负债（折合人民币）',
  'benefit-effect': '权益领取与使用，以及使用者与未使用者的消费对比',
  'store-funnel': '各门店扫码、入会、首单与 30 天复购',
  'sign-in': '每日签到、连签分布、补签与签到会员的消费',
  rfm: '按最近消费、频次与金额分组，与等级交叉',
  tags: '品类偏好、生命周期与手动标签的人数',
}

/** The insights index: one card per report, and the settings and member list for those allowed. */
export default function MerchantInsightsPage() {
  const mayEdit = useCan('program.edit')
  const mayListMembers = useCan('members.read')
  const actions = (
    <>
      {mayListMembers ? (
        <ConsoleButton testId='insights-open-members' onClick={() => void openPage(routes.merchantInsightMembers)}>
          会员名单
        </ConsoleButton>
      ) : null}
      {mayEdit ? (
        <ConsoleButton testId='insights-open-settings' onClick={() => void openPage(routes.merchantInsightSettings)}>
          分析设置
        </ConsoleButton>
      ) : null}
    </>
  )
  return (
    <ConsoleShell active='insights' title='经营分析' actions={actions}>
      <View className='insights-index' data-testid='insights-index'>
        {reportKeys.map((key) => (
          <View
            key={key}
            className='console-card insights-index__card'
            data-testid={`insights-report-${key}`}
            onClick={() => void openPage(insightReportRoute(key))}
          >
            <Text className='insights-index__title'>{reportTitles[key]} ›</Text>
            <Text className='console-muted'>{reportHints[key]}</Text>
          </View>
        ))}
      </View>
      <Text className='console-muted insights-index__foot'>报表读取每晚生成的统计快照，数据截至昨日。</Text>
    </ConsoleShell>
  )
}
