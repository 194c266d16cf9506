import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { lifecycleLabels, lifecycleStages, rfmGroups } from '@mc/shared'
import { ConsoleButton } from '../components/console-button'
import { Field } from '../components/field'
import { Chip } from '../mall/chip'
import { monthLabels } from './automation-copy'
import { toggled, type SegmentDraft, type SegmentErrors } from './segment-form'

export interface SegmentFieldsProps {
  draft: SegmentDraft
  errors: SegmentErrors
  tiers: { id: string; name: string }[]
  /** The stores to pick from; null when the operator may not list stores. */
  outlets: { id: string; name: string }[] | null
  disabled: boolean
  onChange: (draft: SegmentDraft) => void
}

/** Every condition of a segment filter; conditions left empty match everybody. */
export function SegmentFields({ draft, errors, tiers, outlets, disabled, onChange }: SegmentFieldsProps) {
  const set = (patch: Partial<SegmentDraft>) => !disabled && onChange({ ...draft, ...patch })
  const text = (key: keyof SegmentDraft, placeholder: string, type: 'number' | 'text' = 'number') => (
    <Input
      className='console-input'
      name={key}
      type={type === 'number' ? 'digit' : 'text'}
      placeholder={placeholder}
      disabled={disabled}
      value={String(draft[key])}
      onInput={(e) => set({ [key]: e.detail.value })}
    />
  )
  return (
    <View data-testid='segment-fields'>
      <Field label='会员等级' error={errors.tiers}>
        <View className='console-chips'>
          {tiers.map((tier) => (
            <Chip
              key={tier.id}
              on={draft.tiers.includes(tier.id)}
              testId={`segment-tier-${tier.id}`}
              onClick={() => set({ tiers: toggled(draft.tiers, tier.id) })}
            >
              {tier.name}
            </Chip>
          ))}
        </View>
      </Field>
      <Field label='RFM 分组' error={errors.rfmGroups}>
        <View className='console-chips'>
          {rfmGroups.map((group) => (
            <Chip
              key={group.key}
              on={draft.rfmGroups.includes(group.key)}
              testId={`segment-rfm-${group.key}`}
              onClick={() => set({ rfmGroups: toggled(draft.rfmGroups, group.key) })}
            >
              {group.label}
            </Chip>
          ))}
        </View>
      </Field>
      <Field label='生命周期' error={errors.lifecycles}>
        <View className='console-chips'>
          {lifecycleStages.map((stage) => (
            <Chip
              key={stage}
              on={draft.lifecycles.includes(stage)}
              testId={`segment-lifecycle-${stage}`}
              onClick={() => set({ lifecycles: toggled(draft.lifecycles, stage) })}
            >
              {lifecycleLabels[stage]}
            </Chip>
          ))}
        </View>
      </Field>
      <TagsField draft={draft} error={errors.tagsAny} disabled={disabled} onChange={(tagsAny) => set({ tagsAny })} />
      <Field label='最近下单' error={errors.lastOrder}>
        <View className='console-chips'>
          <Chip on={draft.lastOrder === 'any'} onClick={() => set({ lastOrder: 'any' })}>
            不限
          </Chip>
          <Chip
            on={draft.lastOrder === 'range'}
            testId='segment-last-order-range'
            onClick={() => set({ lastOrder: 'range' })}
          >
            距上次下单天数
          </Chip>
          <Chip
            on={draft.lastOrder === 'never'}
            testId='segment-never-ordered'
            onClick={() => set({ lastOrder: 'never' })}
          >
            从未下单
          </Chip>
        </View>
      </Field>
      {draft.lastOrder === 'range' ? (
        <View className='eng-pair'>
          <Field label='至少（天）' error={errors.daysSinceMin}>
            {text('daysSinceMin', '如 30')}
          </Field>
          <Field label='至多（天）' error={errors.daysSinceMax}>
            {text('daysSinceMax', '不限')}
          </Field>
        </View>
      ) : null}
      {outlets ? (
        <Field label='入会门店' error={errors.outletIds}>
          <View className='console-chips'>
            {outlets.map((outlet) => (
              <Chip
                key={outlet.id}
                on={draft.outletIds.includes(outlet.id)}
                onClick={() => set({ outletIds: toggled(draft.outletIds, outlet.id) })}
              >
                {outlet.name}
              </Chip>
            ))}
          </View>
        </Field>
      ) : null}
      <Field label='生日月份' error={errors.birthdayMonths}>
        <View className='console-chips'>
          {monthLabels.map(({ month, label }) => (
            <Chip
              key={month}
              on={draft.birthdayMonths.includes(month)}
              testId={`segment-month-${month}`}
              onClick={() => set({ birthdayMonths: toggled(draft.birthdayMonths, month) })}
            >
              {label}
            </Chip>
          ))}
        </View>
      </Field>
      <View className='eng-pair'>
        <Field label='积分余额 ≥' error={errors.pointsMin}>
          {text('pointsMin', '不限')}
        </Field>
        <Field label='积分余额 ≤' error={errors.pointsMax}>
          {text('pointsMax', '不限')}
        </Field>
      </View>
      <View className='eng-pair'>
        <Field label='入会日期从' error={errors.joinedFrom}>
          {text('joinedFrom', 'YYYY-MM-DD', 'text')}
        </Field>
        <Field label='入会日期到' error={errors.joinedTo}>
          {text('joinedTo', 'YYYY-MM-DD', 'text')}
        </Field>
      </View>
      <Field label='最近签到（天内）' error={errors.signedInWithinDays}>
        {text('signedInWithinDays', '不限，如 7')}
      </Field>
    </View>
  )
}

/** Tags typed one at a time (category preferences such as 偏好:咖啡, or operators' own tags); a tap removes one. */
function TagsField(props: {
  draft: SegmentDraft
  error?: string
  disabled: boolean
  onChange: (tags: string[]) => void
}) {
  const { draft, error, disabled, onChange } = props
  const [typed, setTyped] = useState('')
  const add = () => {
    const tag = typed.trim()
    if (tag && !draft.tagsAny.includes(tag)) onChange([...draft.tagsAny, tag])
    setTyped('')
  }
  return (
    <Field label='标签（含任一）' error={error} hint='如 偏好:咖啡，或手动打的标签'>
      {!disabled ? (
        <View className='eng-tag-input'>
          <Input
            className='console-input'
            name='segment-tag'
            placeholder='输入标签后添加'
            value={typed}
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={add}
          />
          <ConsoleButton size='small' testId='segment-tag-add' onClick={add}>
            添加
          </ConsoleButton>
        </View>
      ) : null}
      {draft.tagsAny.length > 0 ? (
        <View className='console-chips eng-chips'>
          {draft.tagsAny.map((tag) => (
            <Chip key={tag} on onClick={() => !disabled && onChange(draft.tagsAny.filter((t) => t !== tag))}>
              {`${tag} ×`}
            </Chip>
          ))}
        </View>
      ) : null}
      {draft.tagsAny.length === 0 && disabled ? <Text className='console-muted'>不限</Text> : null}
    </Field>
  )
}
