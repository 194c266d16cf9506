import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input, Toast } from '@nutui/nutui-react-taro'
import { PhoneNumber } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { routes } from '../../../routes'
import { useStaffStore } from '../../staff.store'
import '../../../components/page-shell/index.css'
import '../../staff-pages.css'

const toastId = 'staff-login-toast'

export default function StaffLoginPage() {
  const loggingIn = useStaffStore((s) => s.pending === 'login')
  const [phone, setPhone] = useState('')
  const [pin, setPin] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    if (useStaffStore.getState().session !== null) void Taro.redirectTo({ url: routes.staffTill })
  }, [])

  const submit = async () => {
    if (!PhoneNumber.safeParse(phone).success) return setProblem('请输入正确的 11 位手机号')
    if (!/^\d{6}$/.test(pin)) return setProblem('请输入 6 位数字密码')
    setProblem(null)
    const response = await useStaffStore.getState().login(phone, pin)
    if (response) void Taro.redirectTo({ url: routes.staffTill })
    else Toast.show(toastId, { content: useStaffStore.getState().error?.message ?? '登录失败，请重试', icon: 'fail' })
  }

  return (
    <View className='page-shell staff'>
      <Toast id={toastId} />
      <View className='staff__hero'>
        <Text className='staff__title'>店员登录</Text>
        <Text className='staff__subtitle'>扫描会员码、登记门店消费</Text>
      </View>
      <View className='staff__panel'>
        <View className='staff__field'>
          <Text className='staff__label'>手机号</Text>
          <Input
            className='staff__input'
            type='tel'
            name='staff-phone'
            placeholder='店员手机号'
            maxLength={11}
            value={phone}
            onChange={setPhone}
          />
        </View>
        <View className='staff__field'>
          <Text className='staff__label'>密码</Text>
          <Input
            className='staff__input'
            type='password'
            name='staff-pin'
            placeholder='6 位数字密码'
            maxLength={6}
            value={pin}
            onChange={setPin}
            onConfirm={() => void submit()}
          />
        </View>
        <Text className='staff__problem'>{problem ?? ' '}</Text>
        <ActionButton
          className='staff__submit'
          type='primary'
          size='large'
          block
          loading={loggingIn}
          onClick={() => void submit()}
        >
          登录收银台
        </ActionButton>
      </View>
    </View>
  )
}
