import { Input, Text, View } from '@tarojs/components'
import type { JourneyKey } from '@mc/shared'
import { Chip } from '../mall/chip'
import { Field } from '../components/field'
import { EngSwitch } from './engagement-tabs'
import type { RuleErrors, RuleField, RuleForm } from './rule-form'

export interface RuleThresholdsProps {
  ruleKey: JourneyKey
  form: RuleForm
  errors: RuleErrors
  tiers: { id: string; name: string }[]
  disabled: boolean
  onChange: (form: RuleForm) => void
}

/** What makes a rule due, for the rules that have a setting beyond on/off: shares, days, tiers and the coupon. */
export function RuleThresholds({ ruleKey, form, errors, tiers, disabled, onChange }: RuleThresholdsProps) {
  const number = (key: RuleField, label: string, unit: string, hint?: string) => (
    <Field label={label} error={errors[key]} hint={hint}>
      <View className='eng-input-unit'>
        <Input
          className='console-input'
          name={key}
          type='digit'
          disabled={disabled}
          value={String(form[key] ?? '')}
          onInput={(e) => onChange({ ...form, [key]: e.detail.value })}
        />
        <Text className='console-muted'>{unit}</Text>
      </View>
    </Field>
  )
  switch (ruleKey) {
    case 'near_next':
      return (
        <>
          {number('withinSharePercent', '差距不超过下一等级门槛的', '%')}
          <Field label='或差距不超过一笔常规订单的成长值'>
            <EngSwitch
              on={form.withinOneTypicalOrder}
              disabled={disabled}
              onChange={(on) => onChange({ ...form, withinOneTypicalOrder: on })}
            />
          </Field>
          {number('cooldownDays', '同一会员最多每', '天一次')}
        </>
      )
    case 'win_back':
      return (
        <>
          <Field label='适用等级（及以上）' error={errors.minTierKey}>
            <View className='console-chips'>
              <Chip on={form.minTierKey === null} onClick={() => !disabled && onChange({ ...form, minTierKey: null })}>
                全部等级
              </Chip>
              {tiers.map((tier) => (
                <Chip
                  key={tier.id}
                  on={form.minTierKey === tier.id}
                  onClick={() => !disabled && onChange({ ...form, minTierKey: tier.id })}
                >
                  {tier.name}
                </Chip>
              ))}
            </View>
          </Field>
          {number('dormantDays', '未下单超过', '天')}
          <Field label='券名' error={errors.couponName}>
            <Input
              className='console-input'
              name='couponName'
              disabled={disabled}
              value={form.couponName}
              onInput={(e) => onChange({ ...form, couponName: e.detail.value })}
            />
          </Field>
          <View className='eng-pair'>
            {number('couponThresholdYuan', '使用门槛', '元', '0 为无门槛')}
            {number('couponDiscountYuan', '优惠金额', '元')}
          </View>
          {number('couponValidDays', '券有效期', '天')}
        </>
      )
    case 'retention_risk':
      return (
        <Field label='等级到期前几天提醒' error={errors.daysBefore} hint='最多 4 个，用逗号分隔，如 30, 7, 1'>
          <Input
            className='console-input'
            name='daysBefore'
            disabled={disabled}
            value={form.daysBefore}
            onInput={(e) => onChange({ ...form, daysBefore: e.detail.value })}
          />
        </Field>
      )
    case 'points_expiring':
      return number('daysAhead', '积分到期前', '天提醒')
    default:
      return <Text className='console-muted'>此规则在事件发生时发送，没有其他条件。</Text>
  }
}
