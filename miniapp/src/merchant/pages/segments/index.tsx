import { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { SegmentView } from '@mc/shared'
import { shanghaiDateTime } from '../../../format'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { type ConsoleColumn, ConsoleTable } from '../../components/console-table'
import { loadSegments } from '../../automation/automation-api'
import { EngagementTabs } from '../../automation/engagement-tabs'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../automation/automation.css'
import { openPage } from '../../../open-page'

const segmentRoute = (id: string) => `${routes.merchantSegment}?id=${encodeURIComponent(id)}`

/** 人群: the saved segments with their filter in words; each opens in the builder. */
export default function MerchantSegmentsPage() {
  const ready = useConsoleAccess('engagement')
  const mayEdit = useCan('engagement.edit')
  const segments = useConsoleLoad(ready, loadSegments)
  // Back from the builder or the wizard: this page stayed mounted, so it asks again for what was saved there.
  useDidShow(() => {
    if (segments.data) void segments.reload()
  })
  const open = (id: string) => void openPage(segmentRoute(id))
  const columns: ConsoleColumn<SegmentView>[] = [
    {
      key: 'name',
      title: '名称',
      main: true,
      render: (s) => (
        <Text className='eng-link' onClick={() => open(s.id)}>
          {s.name}
        </Text>
      ),
    },
    { key: 'summary', title: '条件', render: (s) => s.summary || '全部会员' },
    { key: 'updated', title: '更新时间', render: (s) => shanghaiDateTime(s.updatedAt) },
    {
      key: 'open',
      title: '操作',
      end: true,
      render: (s) => (
        <ConsoleButton size='small' onClick={() => open(s.id)}>
          {mayEdit ? '编辑' : '查看'}
        </ConsoleButton>
      ),
    },
  ]
  const actions = mayEdit ? (
    <ConsoleButton
      kind='primary'
      size='small'
      testId='segment-new'
      onClick={() => void openPage(routes.merchantSegment)}
    >
      新建人群
    </ConsoleButton>
  ) : null
  return (
    <ConsoleShell active='engagement' title='会员触达' actions={actions}>
      <EngagementTabs active='segments' />
      {segments.failure ? (
        <View className='console-notice console-notice--error'>{segments.failure.message}</View>
      ) : null}
      <View className='console-card' data-testid='segments-list'>
        <View className='console-card__head'>
          <Text className='console-card__title'>人群</Text>
          <Text className='console-card__sub'>活动发送时按当时的会员数据重新圈选</Text>
        </View>
        {segments.data ? (
          <ConsoleTable
            columns={columns}
            rows={segments.data.segments}
            rowKey={(s) => s.id}
            rowTestId={(s) => `segment-row-${s.id}`}
            empty='还没有人群，点击“新建人群”开始'
          />
        ) : (
          <View className='console-empty'>加载中…</View>
        )}
      </View>
    </ConsoleShell>
  )
}
