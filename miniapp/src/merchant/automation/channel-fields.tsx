import { Input, Text, Textarea, View } from '@tarojs/components'
import { channelPlaceholders, messageCategories, messageCategoryLabels, type MessageCategory } from '@mc/shared'
import { Field } from '../components/field'
import type { CategoryTemplatesForm, ChannelsErrors, ChannelsForm } from './channels-form'

export interface ChannelFieldsProps {
  form: ChannelsForm
  errors: ChannelsErrors
  disabled: boolean
  onChange: (form: ChannelsForm) => void
}

/** Per category the WeChat template and the SMS template with their mappings; the sign name and the rates. */
export function ChannelFields({ form, errors, disabled, onChange }: ChannelFieldsProps) {
  const setCategory = (category: MessageCategory, patch: Partial<CategoryTemplatesForm>) =>
    onChange({ ...form, categories: { ...form.categories, [category]: { ...form.categories[category], ...patch } } })
  const line = (key: 'smsSignName' | 'wechatPerMinute' | 'smsPerMinute', label: string, error: string | undefined) => (
    <Field label={label} error={error}>
      <Input
        className='console-input'
        name={key}
        disabled={disabled}
        value={form[key]}
        onInput={(e) => onChange({ ...form, [key]: e.detail.value })}
      />
    </Field>
  )
  return (
    <View data-testid='channel-fields'>
      <View className='console-card'>
        <Text className='console-card__title eng-section-title'>通用设置</Text>
        <View className='eng-pair eng-pair--wide'>
          {line('smsSignName', '短信签名', errors['sms.signName'])}
          {line('wechatPerMinute', '微信每分钟最多（条）', errors['wechat.perMinute'])}
          {line('smsPerMinute', '短信每分钟最多（条）', errors['sms.perMinute'])}
        </View>
        <Text className='console-muted'>
          映射中可用的占位符：{channelPlaceholders.map((name) => `{${name}}`).join(' ')}
        </Text>
      </View>
      <View className='console-grid console-grid--2'>
        {messageCategories.map((category) => {
          const typed = form.categories[category]
          const area = (key: 'wechatFields' | 'smsParams', error: string | undefined, label: string, hint: string) => (
            <Field label={label} error={error} hint={hint}>
              <Textarea
                className='console-textarea eng-textarea--short'
                name={`${category}-${key}`}
                disabled={disabled}
                value={typed[key]}
                onInput={(e) => setCategory(category, { [key]: e.detail.value })}
              />
            </Field>
          )
          return (
            <View key={category} className='console-card' data-testid={`channel-category-${category}`}>
              <Text className='console-card__title eng-section-title'>{messageCategoryLabels[category]}</Text>
              <Field label='微信订阅消息模板 ID' error={errors[`wechat.${category}.templateId`]} hint='留空则不发微信'>
                <Input
                  className='console-input'
                  name={`${category}-wechat-template`}
                  disabled={disabled}
                  value={typed.wechatTemplateId}
                  onInput={(e) => setCategory(category, { wechatTemplateId: e.detail.value })}
                />
              </Field>
              {area('wechatFields', errors[`wechat.${category}.fields`], '模板字段', '每行一个，如 thing1: {标题}')}
              <Field label='短信模板 CODE' error={errors[`sms.${category}.templateCode`]} hint='留空则不发短信'>
                <Input
                  className='console-input'
                  name={`${category}-sms-template`}
                  disabled={disabled}
                  value={typed.smsTemplateCode}
                  onInput={(e) => setCategory(category, { smsTemplateCode: e.detail.value })}
                />
              </Field>
              {area('smsParams', errors[`sms.${category}.params`], '模板变量', '每行一个，如 name: {会员昵称}')}
            </View>
          )
        })}
      </View>
    </View>
  )
}
