import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { PhoneNumber } from '@mc/shared'
import { ActionButton } from '../../components/action-button'
import './phone-login-form.css'

/** Phone-number login: validates with the shared `PhoneNumber` schema before calling `onSubmit`. */
export interface PhoneLoginFormProps {
  submitting: boolean
  onSubmit: (phone: string) => void
}

export function PhoneLoginForm({ submitting, onSubmit }: PhoneLoginFormProps) {
  const [phone, setPhone] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  const submit = () => {
    const parsed = PhoneNumber.safeParse(phone)
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? '请输入正确的 11 位手机号')
      return
    }
    setProblem(null)
    onSubmit(parsed.data)
  }

  return (
    <View className='phone-form'>
      <View className={`phone-form__field${problem ? ' phone-form__field--invalid' : ''}`}>
        <Text className='phone-form__prefix'>+86</Text>
        <Input
          className='phone-form__input'
          type='tel'
          name='phone'
          placeholder='请输入手机号'
          maxLength={11}
          clearable
          value={phone}
          onChange={(value) => {
            setPhone(value)
            if (problem) setProblem(null)
          }}
          onConfirm={submit}
        />
      </View>
      <Text className='phone-form__problem'>{problem ?? ' '}</Text>
      <ActionButton
        className='phone-form__submit'
        type='primary'
        size='large'
        block
        loading={submitting}
        onClick={submit}
      >
        登录
      </ActionButton>
    </View>
  )
}
