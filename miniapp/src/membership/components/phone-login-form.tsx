import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { normalizePhoneNumber, PhoneNumber } from '@mc/shared'
import { ActionButton } from '../../components/action-button'
import './phone-login-form.css'

/**
 * Phone-number login: a pasted or typed number with spaces, dashes or +86 is reduced to its 11 digits
 * (`normalizePhoneNumber`) and validated with the shared `PhoneNumber` schema before `onSubmit`.
 */
export interface PhoneLoginFormProps {
  submitting: boolean
  onSubmit: (phone: string) => void
}

export function PhoneLoginForm({ submitting, onSubmit }: PhoneLoginFormProps) {
  const [phone, setPhone] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  const submit = () => {
    const parsed = PhoneNumber.safeParse(normalizePhoneNumber(phone))
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
          // Room for "+86 139 1234 0009" and the like; the 11 digits are taken out of it.
          maxLength={20}
          clearable
          value={phone}
          onChange={(value) => {
            // A complete number shows as its bare digits at once; anything shorter stays as typed.
            const digits = normalizePhoneNumber(value)
            setPhone(PhoneNumber.safeParse(digits).success ? digits : value)
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
