import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { DemotionChoice, DraftSimulation } from '@mc/shared'
import { yuanFromFen } from '../../format'
import { BarChart, type BarRow } from '../components/chart'
import '../components/chart/index.css'
import { ConsoleButton } from '../components/console-button'
import { ConsoleModal } from '../components/console-modal'
import { chineseMessage } from './draft-edit'
import { programActions, useProgramStore } from './program.store'

const seriesColors = ['#a9b4c2', '#1d6fd8', '#07c160']

/** The three distributions as chart rows: today, where members settle under the draft, and publish day (keep). */
export function distributionRows(simulation: DraftSimulation): BarRow[] {
  const rows: BarRow[] = []
  const add = (series: string, list: DraftSimulation['today']) => {
    // "会员" ends nearly every tier name; without it six categories still fit side by side on a phone.
    for (const tier of list)
      rows.push({ category: tier.name.replace(/会员$/, '') || tier.name, series, value: tier.members })
  }
  add('当前', simulation.today)
  add('预测', simulation.predicted)
  add('发布当天', simulation.keep)
  return rows
}

export function SimulationPanel({ canEdit }: { canEdit: boolean }) {
  const simulation = useProgramStore((s) => s.simulation)
  const pending = useProgramStore((s) => s.pending)
  const problems = useProgramStore((s) => Object.keys(s.errors).length)
  const status = useProgramStore((s) => s.draft?.status)
  const [publishing, setPublishing] = useState(false)
  const open = status === 'open'
  return (
    <View className='console-card simulation' id='simulation-panel' data-testid='simulation-panel'>
      <View className='console-card__head'>
        <Text className='console-card__title'>模拟与发布</Text>
        {problems > 0 ? (
          <Text className='console-badge console-badge--red' data-testid='draft-problems'>
            {problems} 处待修正
          </Text>
        ) : (
          <Text className='console-badge console-badge--green'>校验通过</Text>
        )}
      </View>
      {open && canEdit ? (
        <View className='simulation__actions'>
          <ConsoleButton
            testId='draft-save'
            loading={pending === 'save'}
            onClick={() => void programActions.saveDraft()}
          >
            保存草稿
          </ConsoleButton>
          <ConsoleButton
            testId='draft-simulate'
            kind='primary'
            disabled={problems > 0}
            loading={pending === 'simulate'}
            onClick={() => void programActions.simulate()}
          >
            模拟
          </ConsoleButton>
          <ConsoleButton
            testId='draft-publish'
            disabled={problems > 0 || !simulation}
            onClick={() => setPublishing(true)}
          >
            发布…
          </ConsoleButton>
        </View>
      ) : null}
      {!simulation ? (
        <Text className='console-muted simulation__hint'>
          {problems > 0 ? '请先修正标红的字段，再模拟。' : '点“模拟”用现有会员的账本回放新规则，发布前先看结果。'}
        </Text>
      ) : (
        <SimulationResult simulation={simulation} />
      )}
      {simulation ? (
        <PublishDialog open={publishing} simulation={simulation} onClose={() => setPublishing(false)} />
      ) : null}
    </View>
  )
}

/**
 * On a phone the simulation sits below a long editor, so a bar along the bottom keeps saving and simulating in
 * reach and brings the result into view; on a desktop the panel is beside the editor and the bar is hidden.
 */
export function DraftActionBar() {
  const problems = useProgramStore((s) => Object.keys(s.errors).length)
  const pending = useProgramStore((s) => s.pending)
  const simulate = async () => {
    await programActions.simulate()
    if (useProgramStore.getState().simulation) void Taro.pageScrollTo({ selector: '#simulation-panel', duration: 300 })
  }
  return (
    <View className='draft-bar'>
      <Text className={`draft-bar__status ${problems > 0 ? 'draft-bar__status--bad' : ''}`}>
        {problems > 0 ? `${problems} 处待修正` : '校验通过'}
      </Text>
      <ConsoleButton size='small' loading={pending === 'save'} onClick={() => void programActions.saveDraft()}>
        保存
      </ConsoleButton>
      <ConsoleButton
        size='small'
        kind='primary'
        disabled={problems > 0}
        loading={pending === 'simulate'}
        onClick={() => void simulate()}
      >
        模拟
      </ConsoleButton>
    </View>
  )
}

function SimulationResult({ simulation }: { simulation: DraftSimulation }) {
  const rows = useMemo(() => distributionRows(simulation), [simulation])
  const cost = simulation.monthlyBenefitCostFen
  return (
    <View className='simulation__result' data-testid='simulation-result'>
      <View className='console-stats simulation__stats'>
        <Stat label='会员总数' value={simulation.members.toLocaleString('en-US')} />
        <Stat label='发布当天升级' value={`${simulation.movesUp} 人`} />
        <Stat label='若立即生效将降级' value={`${simulation.movesDownIfApplied} 人`} note='选择“保留”则不降级' />
        <Stat label='距下一级 20% 以内' value={`${simulation.nearNextTierPercent}%`} />
      </View>
      <Text className='simulation__chart-title'>等级分布(人)</Text>
      <BarChart id='simulation-chart' rows={rows} colors={seriesColors} height={240} testId='simulation-chart' />
      <View className='console-table simulation__table'>
        <View className='simulation__table-row simulation__table-row--head'>
          <Text>等级</Text>
          <Text>预测</Text>
          <Text>发布当天</Text>
          <Text>立即生效</Text>
        </View>
        {simulation.predicted.map((tier, i) => (
          <View key={tier.key} className='simulation__table-row'>
            <Text>{tier.name}</Text>
            <Text>
              {tier.members} ({tier.percent}%)
            </Text>
            <Text>{simulation.keep[i]?.members ?? 0}</Text>
            <Text>{simulation.applyNow[i]?.members ?? 0}</Text>
          </View>
        ))}
      </View>
      <View className='simulation__cost'>
        <Text className='simulation__cost-line'>
          每月权益成本：当前 {yuanFromFen(cost.current)} → 新方案 {yuanFromFen(cost.draft)}
        </Text>
        <Text className='console-muted'>估算依据：{chineseMessage(simulation.costBasis)}</Text>
      </View>
      {simulation.warnings.length > 0 ? (
        <View className='console-notice console-notice--error simulation__warnings' data-testid='simulation-warnings'>
          {simulation.warnings.map((warning) => (
            <Text key={`${warning.code}-${warning.tier}`} className='simulation__warning'>
              {chineseMessage(warning.message)}
            </Text>
          ))}
        </View>
      ) : (
        <Text className='console-muted'>分布合理，没有提醒。</Text>
      )}
    </View>
  )
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <View className='console-stat'>
      <Text className='console-stat__label'>{label}</Text>
      <Text className='console-stat__value'>{value}</Text>
      {note ? <Text className='console-stat__note'>{note}</Text> : null}
    </View>
  )
}

/** Publishing asks what happens to members the new thresholds would lower, with how many that is. */
function PublishDialog(props: { open: boolean; simulation: DraftSimulation; onClose: () => void }) {
  const [choice, setChoice] = useState<DemotionChoice>('keep_until_validity_end')
  const pending = useProgramStore((s) => s.pending === 'publish')
  const failure = useProgramStore((s) => s.failure)
  const lowered = props.simulation.movesDownIfApplied
  const publish = async () => {
    if (await programActions.publish(choice)) props.onClose()
  }
  const options: [DemotionChoice, string, string][] = [
    ['keep_until_validity_end', '保留现有等级至有效期结束', '不会有人因此降级；到期时按新保级门槛判断'],
    ['apply_now', '立即按新规则生效', `${lowered} 名会员今天就会降级`],
  ]
  return (
    <ConsoleModal
      open={props.open}
      title='发布新方案'
      onClose={props.onClose}
      testId='publish-dialog'
      actions={
        <>
          <ConsoleButton onClick={props.onClose}>取消</ConsoleButton>
          <ConsoleButton kind='primary' testId='publish-confirm' loading={pending} onClick={() => void publish()}>
            确认发布
          </ConsoleButton>
        </>
      }
    >
      <Text className='publish__summary'>
        发布当天 {props.simulation.movesUp} 名会员升级；按新门槛，{lowered} 名会员达不到现有等级的保级门槛。
      </Text>
      {options.map(([value, label, note]) => (
        <View
          key={value}
          className={`console-check publish__choice ${choice === value ? 'console-check--on' : ''}`}
          data-testid={`publish-${value}`}
          onClick={() => setChoice(value)}
        >
          <Text className='console-check__box'>{choice === value ? '✓' : ''}</Text>
          <View className='console-form'>
            <Text>{label}</Text>
            <Text className='console-muted'>{note}</Text>
          </View>
        </View>
      ))}
      {failure && !pending ? <Text className='console-field__error'>{failure.message}</Text> : null}
    </ConsoleModal>
  )
}
