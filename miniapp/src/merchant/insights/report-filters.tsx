import type { ReactNode } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { chineseDate } from '../../format'
import { rangePresets, type RangePreset } from './insights-copy'

/** What the report page asks for beyond the range: chips shown only for the reports that honour them. */
export interface ReportFilterState {
  preset: RangePreset
  /** The custom range, used when `preset` is 'custom'. */
  from: string | null
  to: string | null
  tier: string | null
  outletId: string | null
  periodDays: '30' | '90' | '365'
}

export interface FilterChoice {
  key: string
  label: string
}

export interface ReportFiltersProps {
  state: ReportFilterState
  onChange: (next: ReportFilterState) => void
  /** Bounds of the date pickers: the first and last day with a snapshot. */
  dataFrom: string | null
  dataTo: string | null
  /** Tier choices (tier health, RFM, tags); null hides the tier switch. */
  tiers: FilterChoice[] | null
  /** Store choices (store funnel); null hides the store switch. */
  outlets: FilterChoice[] | null
  /** Shows the migration matrix period switch (tier health). */
  period: boolean
}

const periods = [
  { key: '30', label: '30 天' },
  { key: '90', label: '90 天' },
  { key: '365', label: '365 天' },
] as const

/** The range presets, the custom range's two date pickers, and the tier, store and period switches. */
export function ReportFilters(props: ReportFiltersProps) {
  const { state, onChange, dataFrom, dataTo, tiers, outlets, period } = props
  const set = (patch: Partial<ReportFilterState>) => onChange({ ...state, ...patch })
  return (
    <View className='console-card insights-filters' data-testid='report-filters'>
      <ChipRow label='时间范围' testId='range'>
        {rangePresets.map((preset) => (
          <Chip
            key={preset.key}
            on={state.preset === preset.key}
            testId={`range-${preset.key}`}
            onClick={() => set({ preset: preset.key, from: state.from ?? dataFrom, to: state.to ?? dataTo })}
          >
            {preset.label}
          </Chip>
        ))}
      </ChipRow>
      {state.preset === 'custom' ? (
        <View className='insights-filters__dates'>
          <DatePicker label='开始' value={state.from} start={dataFrom} end={dataTo} onPick={(from) => set({ from })} />
          <Text className='console-muted'>至</Text>
          <DatePicker label='结束' value={state.to} start={dataFrom} end={dataTo} onPick={(to) => set({ to })} />
        </View>
      ) : null}
      {tiers ? (
        <ChipRow label='等级' testId='tier'>
          <Chip on={state.tier === null} testId='tier-all' onClick={() => set({ tier: null })}>
            全部等级
          </Chip>
          {tiers.map((tier) => (
            <Chip
              key={tier.key}
              on={state.tier === tier.key}
              testId={`tier-${tier.key}`}
              onClick={() => set({ tier: tier.key })}
            >
              {tier.label}
            </Chip>
          ))}
        </ChipRow>
      ) : null}
      {outlets ? (
        <ChipRow label='门店' testId='outlet'>
          <Chip on={state.outletId === null} testId='outlet-all' onClick={() => set({ outletId: null })}>
            全部门店
          </Chip>
          {outlets.map((outlet) => (
            <Chip
              key={outlet.key}
              on={state.outletId === outlet.key}
              testId={`outlet-${outlet.key}`}
              onClick={() => set({ outletId: outlet.key })}
            >
              {outlet.label}
            </Chip>
          ))}
        </ChipRow>
      ) : null}
      {period ? (
        <ChipRow label='迁移周期' testId='period'>
          {periods.map((p) => (
            <Chip
              key={p.key}
              on={state.periodDays === p.key}
              testId={`period-${p.key}`}
              onClick={() => set({ periodDays: p.key })}
            >
              {p.label}
            </Chip>
          ))}
        </ChipRow>
      ) : null}
    </View>
  )
}

function ChipRow({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <View className='insights-filters__row' data-testid={`filter-${testId}`}>
      <Text className='insights-filters__label'>{label}</Text>
      <View className='console-chips insights-filters__chips'>{children}</View>
    </View>
  )
}

function Chip(props: { on: boolean; testId: string; onClick: () => void; children: ReactNode }) {
  return (
    <Text
      className={`console-chip insights-chip ${props.on ? 'console-chip--on' : ''}`}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      {props.children}
    </Text>
  )
}

function DatePicker(props: {
  label: string
  value: string | null
  start: string | null
  end: string | null
  onPick: (day: string) => void
}) {
  return (
    <Picker
      mode='date'
      value={props.value ?? props.end ?? ''}
      start={props.start ?? undefined}
      end={props.end ?? undefined}
      onChange={(e) => props.onPick(String(e.detail.value))}
    >
      <View
        className='console-input insights-filters__date'
        data-testid={`range-${props.label === '开始' ? 'from' : 'to'}`}
      >
        {props.value ? chineseDate(props.value) : `${props.label}日期`}
      </View>
    </Picker>
  )
}
