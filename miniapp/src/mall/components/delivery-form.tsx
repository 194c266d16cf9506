import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { DeliveryForm as DeliveryFormValue } from '../mall-copy'
import './delivery-form.css'

/** 收货人, 手机号 and 详细地址, each with its problem under it once the shopper has tried to submit. */
export interface DeliveryFormProps {
  value: DeliveryFormValue
  problems: Partial<Record<keyof DeliveryFormValue, string>>
  onChange(next: DeliveryFormValue): void
}

const fields = [
  { key: 'name', label: '收货人', placeholder: '收货人姓名', type: 'text', maxLength: 20 },
  { key: 'phone', label: '手机号', placeholder: '11 位手机号', type: 'tel', maxLength: 11 },
  { key: 'address', label: '详细地址', placeholder: '省市区、街道、门牌号', type: 'text', maxLength: 120 },
] as const

export function DeliveryForm({ value, problems, onChange }: DeliveryFormProps) {
  return (
    <View className='delivery-form'>
      {fields.map((field) => (
        <View key={field.key} className='delivery-form__item'>
          <View className={`delivery-form__field${problems[field.key] ? ' delivery-form__field--bad' : ''}`}>
            <Text className='delivery-form__label'>{field.label}</Text>
            <Input
              className='delivery-form__input'
              type={field.type}
              name={`delivery-${field.key}`}
              data-testid={`delivery-${field.key}`}
              placeholder={field.placeholder}
              maxLength={field.maxLength}
              value={value[field.key]}
              onChange={(text) => onChange({ ...value, [field.key]: text })}
            />
          </View>
          {problems[field.key] && <Text className='delivery-form__problem'>{problems[field.key]}</Text>}
        </View>
      ))}
    </View>
  )
}
