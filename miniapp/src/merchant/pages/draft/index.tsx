import { useEffect } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { useOperatorStore } from '../../operator.store'
import {
  BenefitLibrarySection,
  GrowthSection,
  JoinGiftSection,
  PointsSection,
  SignInSection,
  TiersSection,
} from '../../program/draft-sections'
import { programActions, useProgramStore } from '../../program/program.store'
import { DraftActionBar, SimulationPanel } from '../../program/simulation-panel'
import '../../program/program.css'

/** The draft editor: every setting of the rules on the left, simulation and publishing beside it. */
export default function DraftPage() {
  const { params } = useRouter()
  const draftId = params.id ?? ''
  const ready = useConsoleAccess('program')
  const canEdit = useOperatorStore((s) => s.permissions.includes('program.edit'))
  const draft = useProgramStore((s) => (s.draft?.id === draftId ? s.draft : null))
  const hasRules = useProgramStore((s) => s.rules !== null)
  const failure = useProgramStore((s) => s.failure)

  useEffect(() => {
    if (ready && draftId) void programActions.openDraft(draftId)
  }, [ready, draftId])

  const source = draft?.template ? `模板草稿` : draft?.baseVersion ? `基于版本 ${draft.baseVersion}` : '新草稿'
  return (
    <ConsoleShell
      active='program'
      title='编辑草稿'
      actions={
        <ConsoleButton size='small' onClick={() => void Taro.redirectTo({ url: routes.merchantProgram })}>
          返回会员规则
        </ConsoleButton>
      }
    >
      {failure && failure.code !== 'INVALID_REQUEST' && failure.code !== 'DRAFT_INVALID' ? (
        <View className='console-notice console-notice--error'>{failure.message}</View>
      ) : null}
      {draft && hasRules ? (
        <View className='draft-layout'>
          <View className='draft-layout__editor'>
            <Text className='console-muted draft-layout__meta' data-testid='draft-meta'>
              {source} · {draft.status === 'open' ? '未发布' : `已发布为版本 ${draft.publishedVersion ?? ''}`}
            </Text>
            <PublishedNotice />
            <TiersSection />
            <GrowthSection />
            <PointsSection />
            <SignInSection />
            <JoinGiftSection />
            <BenefitLibrarySection />
          </View>
          <View className='draft-layout__side'>
            <SimulationPanel canEdit={canEdit} />
          </View>
          {canEdit && draft.status === 'open' ? <DraftActionBar /> : null}
        </View>
      ) : (
        <View className='console-empty'>加载中…</View>
      )}
    </ConsoleShell>
  )
}

function PublishedNotice() {
  const published = useProgramStore((s) => s.published)
  if (!published) return null
  const choice = published.demotions === 'apply_now' ? '立即生效' : '保留至有效期结束'
  return (
    <View className='console-notice console-notice--success' data-testid='publish-outcome'>
      <Text>
        已发布版本 {published.version}：{published.upgraded} 人升级，{published.lowered} 人降级
        {published.demotions ? `（降级处理：${choice}）` : ''}。
      </Text>
      <ConsoleButton
        kind='link'
        testId='open-versions'
        onClick={() => void Taro.redirectTo({ url: routes.merchantVersions })}
      >
        查看版本历史
      </ConsoleButton>
    </View>
  )
}
