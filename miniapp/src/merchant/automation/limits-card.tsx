import { useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { EngagementSettings } from '@mc/shared'
import { ConsoleButton } from '../components/console-button'
import { Field } from '../components/field'
import { useAutomationStore } from './automation.store'
import { formOfLimits, limitsOfForm, type LimitsErrors, type LimitsForm } from './limits-form'

/** 发送限制: the weekly cap per member across every rule and campaign, and the quiet hours. */
export function LimitsCard({ settings, mayEdit }: { settings: EngagementSettings; mayEdit: boolean }) {
  const [form, setForm] = useState<LimitsForm>(() => formOfLimits(settings))
  const [errors, setErrors] = useState<LimitsErrors>({})
  const [saved, setSaved] = useState(false)
  const saving = useAutomationStore((s) => s.saving === 'limits')
  useEffect(() => setForm(formOfLimits(settings)), [settings])
  const save = async () => {
    setSaved(false)
    const answer = limitsOfForm(form, settings)
    if ('errors' in answer) {
      setErrors(answer.errors)
      return
    }
    setErrors({})
    const stored = await useAutomationStore.getState().save('limits', (latest) => ({
      ...latest,
      frequencyCapPerWeek: answer.settings.frequencyCapPerWeek,
      quietHours: answer.settings.quietHours,
    }))
    setSaved(stored !== null)
  }
  const input = (key: keyof LimitsForm, placeholder: string) => (
    <Input
      className='console-input'
      name={key}
      placeholder={placeholder}
      disabled={!mayEdit}
      value={form[key]}
      onInput={(e) => setForm({ ...form, [key]: e.detail.value })}
    />
  )
  return (
    <View className='console-card' data-testid='engagement-limits'>
      <View className='console-card__head'>
        <Text className='console-card__title'>发送限制</Text>
        <Text className='console-card__sub'>对所有规则和活动生效；对照组不计入</Text>
      </View>
      <View className='eng-pair eng-pair--wide'>
        <Field label='每位会员每周最多' error={errors.frequencyCapPerWeek}>
          <View className='eng-input-unit'>
            {input('frequencyCapPerWeek', '3')}
            <Text className='console-muted'>条</Text>
          </View>
        </Field>
        <Field label='免打扰开始' error={errors.quietStart}>
          {input('quietStart', '21:00')}
        </Field>
        <Field label='免打扰结束' error={errors.quietEnd}>
          {input('quietEnd', '09:00')}
        </Field>
        {mayEdit ? (
          <View className='eng-save eng-save--end'>
            <ConsoleButton kind='primary' testId='limits-save' loading={saving} onClick={() => void save()}>
              保存限制
            </ConsoleButton>
            {saved ? <Text className='console-muted'>已保存</Text> : null}
          </View>
        ) : null}
      </View>
      <Text className='console-muted'>免打扰时段内微信和短信延后到结束时发送，站内信照常写入。</Text>
    </View>
  )
}
