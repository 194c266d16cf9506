import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { programTemplates, type CreateDraftBody, type ProgramRules } from '@mc/shared'
import { shanghaiDateTime } from '../../../format'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { ConsoleTable } from '../../components/console-table'
import { useOperatorStore } from '../../operator.store'
import { programActions, useProgramStore } from '../../program/program.store'
import '../../program/program.css'
import { openPage } from '../../../open-page'

type Tier = ProgramRules['tiers'][number]

/** The program in force, the industry templates with their reasoning, and where a new draft starts. */
export default function ProgramPage() {
  const ready = useConsoleAccess('program')
  const canEdit = useOperatorStore((s) => s.permissions.includes('program.edit'))
  const templates = useProgramStore((s) => s.templates)
  const latest = useProgramStore((s) => s.versions[0])
  const current = useProgramStore((s) => (latest ? s.versionRules[latest.version] : undefined))
  const pending = useProgramStore((s) => s.pending)
  const failure = useProgramStore((s) => s.failure)

  useEffect(() => {
    if (ready) void programActions.loadOverview()
  }, [ready])

  const start = async (body: CreateDraftBody) => {
    const id = await programActions.startDraft(body)
    if (id) void openPage(`${routes.merchantDraft}?id=${encodeURIComponent(id)}`)
  }
  return (
    <ConsoleShell
      active='program'
      title='会员规则'
      actions={
        <>
          <ConsoleButton size='small' testId='open-legal' onClick={() => void openPage(routes.merchantLegal)}>
            协议管理
          </ConsoleButton>
          <ConsoleButton size='small' testId='open-versions' onClick={() => void openPage(routes.merchantVersions)}>
            版本历史
          </ConsoleButton>
        </>
      }
    >
      {failure ? <View className='console-notice console-notice--error'>{failure.message}</View> : null}
      <View className='console-card' data-testid='current-program'>
        <View className='console-card__head'>
          <View className='console-form'>
            <Text className='console-card__title'>当前方案{latest ? ` · 版本 ${latest.version}` : ''}</Text>
            {latest ? (
              <Text className='console-card__sub'>
                {shanghaiDateTime(latest.publishedAt)} 由 {latest.publishedByName} 发布
                {latest.note ? ` · ${latest.note}` : ''}
              </Text>
            ) : null}
          </View>
          {canEdit ? (
            <ConsoleButton
              size='small'
              kind='primary'
              testId='draft-from-current'
              loading={pending === 'draft'}
              onClick={() => void start({})}
            >
              基于当前规则修改
            </ConsoleButton>
          ) : null}
        </View>
        {current ? <TierLadder rules={current.rules} /> : <View className='console-empty'>加载中…</View>}
      </View>

      <Text className='program__heading'>从行业模板开始</Text>
      <View className='console-grid console-grid--2 console-grid--3'>
        {templates.map((template) => (
          <View key={template.key} className='console-card template-card' data-testid={`template-${template.key}`}>
            <Text className='console-card__title'>{template.name}</Text>
            <Text className='template-card__ladder'>
              {template.rules.tiers.map((t) => `${t.name} ${t.threshold.toLocaleString('en-US')}`).join(' · ')}
            </Text>
            <Text className='template-card__reasoning'>{programTemplates[template.key].reasoning}</Text>
            {canEdit ? (
              <ConsoleButton
                size='small'
                testId={`template-use-${template.key}`}
                disabled={pending === 'draft'}
                onClick={() => void start({ template: template.key })}
              >
                用此模板新建草稿
              </ConsoleButton>
            ) : null}
          </View>
        ))}
      </View>
    </ConsoleShell>
  )
}

function TierLadder({ rules }: { rules: ProgramRules }) {
  return (
    <ConsoleTable<Tier>
      rows={rules.tiers}
      rowKey={(tier) => tier.key}
      columns={[
        {
          key: 'name',
          title: '等级',
          main: true,
          render: (tier) => (
            <View className='tier-name'>
              <View className='tier-card__swatch' style={{ background: tier.color }} />
              <Text>{tier.name}</Text>
            </View>
          ),
        },
        { key: 'threshold', title: '升级门槛', render: (tier) => tier.threshold.toLocaleString('en-US') },
        { key: 'retain', title: '保级门槛', render: (tier) => tier.retainThreshold.toLocaleString('en-US') },
        { key: 'validity', title: '有效期', render: (tier) => `${tier.validityDays} 天` },
        { key: 'multiplier', title: '积分倍率', render: (tier) => `${tier.pointsMultiplierPercent / 100} 倍` },
        {
          key: 'benefits',
          title: '权益',
          render: (tier) => tier.benefits.map((key) => rules.benefits[key]?.name ?? key).join('、') || '—',
        },
      ]}
    />
  )
}
