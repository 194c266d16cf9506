import { Input, Text, View } from '@tarojs/components'
import { Field } from '../components/field'
import type { SettingsErrors, SettingsForm } from './settings-form'

export interface SettingsFieldsProps {
  form: SettingsForm
  errors: SettingsErrors
  /** The tiers of the program in force, lowest first: one target share each. */
  tiers: { id: string; name: string }[]
  disabled: boolean
  onChange: (form: SettingsForm) => void
}

/** The insight settings' inputs in two cards: points and tiers; member groups (RFM, lifecycle, category tags). */
export function SettingsFields({ form, errors, tiers, disabled, onChange }: SettingsFieldsProps) {
  const field = (key: Exclude<keyof SettingsForm, 'targetShape'>, label: string, hint: string, unit: string) => (
    <Field label={label} hint={hint} error={errors[key]}>
      <View className='insights-settings__input'>
        <Input
          className='console-input'
          name={key}
          type='digit'
          disabled={disabled}
          value={form[key]}
          onInput={(e) => onChange({ ...form, [key]: e.detail.value })}
        />
        <Text className='console-muted'>{unit}</Text>
      </View>
    </Field>
  )
  const shareChanged = (index: number, value: string) => {
    const targetShape = tiers.map((_, i) => form.targetShape[i] ?? '')
    targetShape[index] = value
    onChange({ ...form, targetShape })
  }
  return (
    <View className='console-grid console-grid--2' data-testid='insight-settings'>
      <View className='console-card'>
        <Text className='console-card__title insights-settings__title'>积分与等级</Text>
        {field('pointValueYuan', '100 积分价值', '用于把积分负债、即将过期积分折算成人民币', '元')}
        <Field
          label='目标金字塔（由低到高，合计 100%）'
          hint='等级健康度报表按此比较各等级占比'
          error={errors.targetShape}
        >
          <View className='insights-settings__shape'>
            {tiers.map((tier, index) => (
              <View key={tier.id} className='insights-settings__shape-item'>
                <Text className='console-muted'>{tier.name}</Text>
                <Input
                  className='console-input'
                  name={`shape-${tier.id}`}
                  type='number'
                  disabled={disabled}
                  value={form.targetShape[index] ?? ''}
                  onInput={(e) => shareChanged(index, e.detail.value)}
                />
              </View>
            ))}
          </View>
        </Field>
        {field('clvExpectedYears', '预计会员生命周期', 'CLV = 年消费额 × 预计年数', '年')}
      </View>
      <View className='console-card'>
        <Text className='console-card__title insights-settings__title'>会员分群</Text>
        {field('rfmWindowDays', 'RFM 统计窗口', '按这段时间内的订单计算最近消费、频次与金额', '天')}
        {field('newDays', '新会员', '入会不超过这些天为新会员', '天内')}
        {field('activeDays', '活跃', '最近一单在这些天内为活跃', '天内')}
        {field('dormantDays', '沉睡', '超过活跃天数、未超过此天数为沉睡；再久为流失', '天内')}
        {field('categoryWindowDays', '品类偏好窗口', '按这段时间内的订单明细计算品类占比', '天')}
        {field('categoryMinShare', '品类偏好门槛', '某品类消费占比达到此值即打上“偏好”标签', '%')}
      </View>
    </View>
  )
}
