import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  describeRulesChanges,
  programTemplates,
  type DemotionChoice,
  type ProgramTemplateKey,
  type ProgramVersionSummary,
} from '@mc/shared'
import { ApiError } from '../../../api/client'
import { shanghaiDateTime } from '../../../format'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleModal } from '../../components/console-modal'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { ConsoleTable } from '../../components/console-table'
import { useOperatorStore } from '../../operator.store'
import { programActions, useProgramStore } from '../../program/program.store'
import '../../program/program.css'

const demotionLabels: Record<DemotionChoice, string> = {
  keep_until_validity_end: '保留至有效期结束',
  apply_now: '立即生效',
}

function sourceText(version: ProgramVersionSummary): string {
  if (version.source?.startsWith('rollback:')) return `回滚自版本 ${version.source.slice('rollback:'.length)}`
  if (version.template)
    return `模板 ${programTemplates[version.template as ProgramTemplateKey]?.name ?? version.template}`
  return version.source?.startsWith('drf') ? '草稿' : '初始方案'
}

/** Every published version, a readable diff between any two, and rollback. */
export default function VersionsPage() {
  const ready = useConsoleAccess('program')
  const canEdit = useOperatorStore((s) => s.permissions.includes('program.edit'))
  const versions = useProgramStore((s) => s.versions)
  const failure = useProgramStore((s) => s.failure)
  const [pair, setPair] = useState<[number, number] | null>(null)
  const [rollingBack, setRollingBack] = useState<number | null>(null)

  useEffect(() => {
    if (ready) void programActions.loadVersions()
  }, [ready])
  useEffect(() => {
    if (versions.length >= 2) setPair([versions[1].version, versions[0].version])
  }, [versions])

  return (
    <ConsoleShell
      active='program'
      title='版本历史'
      actions={
        <ConsoleButton size='small' onClick={() => void Taro.redirectTo({ url: routes.merchantProgram })}>
          返回会员规则
        </ConsoleButton>
      }
    >
      {failure ? <View className='console-notice console-notice--error'>{failure.message}</View> : null}
      <View className='versions-layout'>
        <View className='console-card'>
          <ConsoleTable<ProgramVersionSummary>
            rows={versions}
            rowKey={(v) => String(v.version)}
            rowTestId={(v) => `version-${v.version}`}
            empty='还没有发布过版本'
            columns={[
              { key: 'version', title: '版本', main: true, render: (v) => `版本 ${v.version}` },
              { key: 'at', title: '发布时间', render: (v) => shanghaiDateTime(v.publishedAt) },
              { key: 'by', title: '发布人', render: (v) => v.publishedByName },
              { key: 'source', title: '来源', render: (v) => sourceText(v) },
              {
                key: 'demotions',
                title: '降级处理',
                render: (v) => (v.demotions ? demotionLabels[v.demotions] : '无人降级'),
              },
              { key: 'note', title: '说明', render: (v) => v.note ?? '—' },
              {
                key: 'actions',
                title: '操作',
                end: true,
                render: (v) =>
                  canEdit && v.version !== versions[0]?.version ? (
                    <ConsoleButton
                      kind='link'
                      size='small'
                      testId={`rollback-${v.version}`}
                      onClick={() => setRollingBack(v.version)}
                    >
                      回滚到此版本
                    </ConsoleButton>
                  ) : (
                    <Text className='console-muted'>{v.version === versions[0]?.version ? '当前版本' : '—'}</Text>
                  ),
              },
            ]}
          />
        </View>
        {pair ? <VersionDiff versions={versions} pair={pair} onPair={setPair} /> : null}
      </View>
      {rollingBack !== null ? <RollbackDialog version={rollingBack} onClose={() => setRollingBack(null)} /> : null}
    </ConsoleShell>
  )
}

function VersionDiff(props: {
  versions: ProgramVersionSummary[]
  pair: [number, number]
  onPair: (pair: [number, number]) => void
}) {
  const [from, to] = props.pair
  const before = useProgramStore((s) => s.versionRules[from])
  const after = useProgramStore((s) => s.versionRules[to])
  useEffect(() => {
    void programActions.loadVersion(from).catch(() => undefined)
    void programActions.loadVersion(to).catch(() => undefined)
  }, [from, to])
  const lines = before && after ? describeRulesChanges(before.rules, after.rules) : null
  const picker = (label: string, chosen: number, pick: (v: number) => void) => (
    <View className='diff__picker'>
      <Text className='console-field__label'>{label}</Text>
      <View className='console-chips'>
        {props.versions.slice(0, 12).map((v) => (
          <Text
            key={v.version}
            className={`console-chip ${v.version === chosen ? 'console-chip--on' : ''}`}
            onClick={() => pick(v.version)}
          >
            {v.version}
          </Text>
        ))}
      </View>
    </View>
  )
  return (
    <View className='console-card' data-testid='version-diff'>
      <View className='console-card__head'>
        <Text className='console-card__title'>
          版本 {from} → 版本 {to} 的变化
        </Text>
      </View>
      <View className='diff__pickers'>
        {picker('对比版本', from, (v) => props.onPair([v, to]))}
        {picker('目标版本', to, (v) => props.onPair([from, v]))}
      </View>
      {lines === null ? (
        <View className='console-empty'>加载中…</View>
      ) : lines.length === 0 ? (
        <View className='console-empty'>两个版本的规则相同</View>
      ) : (
        <View className='diff__lines'>
          {lines.map((line) => (
            <Text key={line} className='diff__line' data-testid='diff-line'>
              {line}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
}

/** Rollback publishes the older rules again; when that would lower members, the merchant chooses how. */
function RollbackDialog({ version, onClose }: { version: number; onClose: () => void }) {
  const pending = useProgramStore((s) => s.pending === 'rollback')
  const [lowered, setLowered] = useState<number | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const roll = async (demotions?: DemotionChoice) => {
    try {
      const outcome = await programActions.rollback(version, demotions)
      if (outcome)
        setDone(`已回滚：发布为版本 ${outcome.version}，${outcome.upgraded} 人升级，${outcome.lowered} 人降级。`)
    } catch (error) {
      if (error instanceof ApiError) setLowered(Number(error.details?.membersLowered ?? 0))
    }
  }
  return (
    <ConsoleModal
      open
      title={`回滚到版本 ${version}`}
      onClose={onClose}
      testId='rollback-dialog'
      actions={
        done ? (
          <ConsoleButton kind='primary' onClick={onClose}>
            完成
          </ConsoleButton>
        ) : lowered === null ? (
          <>
            <ConsoleButton onClick={onClose}>取消</ConsoleButton>
            <ConsoleButton kind='primary' testId='rollback-confirm' loading={pending} onClick={() => void roll()}>
              确认回滚
            </ConsoleButton>
          </>
        ) : (
          <>
            <ConsoleButton loading={pending} onClick={() => void roll('apply_now')}>
              立即生效
            </ConsoleButton>
            <ConsoleButton kind='primary' loading={pending} onClick={() => void roll('keep_until_validity_end')}>
              保留至有效期结束
            </ConsoleButton>
          </>
        )
      }
    >
      <Text>
        {done ??
          (lowered === null
            ? `将以版本 ${version} 的规则发布一个新版本，当前规则保留在历史中。`
            : `版本 ${version} 的门槛会让 ${lowered} 名会员达不到现有等级的保级门槛。请选择如何处理他们的等级。`)}
      </Text>
    </ConsoleModal>
  )
}
