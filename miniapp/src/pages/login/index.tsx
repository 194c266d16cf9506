import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { Checked, CheckNormal, Weixin } from '@nutui/icons-react-taro'
import type { LoginResponse } from '@mc/shared'
import { ActionButton } from '../../components/action-button'
import { PhoneLoginForm } from '../../membership/components/phone-login-form'
import { sceneFromParams } from '../../membership/join-params'
import { useMembershipStore } from '../../membership/membership.store'
import { legalDocumentRoute, routes } from '../../routes'
import { openPage } from '../../open-page'
import { joinRoute, returnToFromParams } from '../../session/return-to'
import './index.css'

const toastId = 'login-toast'
const isWeapp = process.env.TARO_ENV === 'weapp'

export default function LoginPage() {
  const { params } = useRouter()
  const scene = sceneFromParams(params)
  // The page the shopper was going to; a store QR's join page carries its scene in its own query.
  const returnTo = returnToFromParams(params)
  const goingToJoin = returnTo?.split('?')[0] === routes.join
  const loggingIn = useMembershipStore((s) => s.pending === 'login')
  const loginWithPhone = useMembershipStore((s) => s.loginWithPhone)
  const loginWithWechat = useMembershipStore((s) => s.loginWithWechat)
  // On weapp the phone form is a fallback for development builds where the BFF enables local login.
  const [phoneFormShown, setPhoneFormShown] = useState(!isWeapp)
  const [agreed, setAgreed] = useState(false)

  // Logging in means accepting both documents; nothing is sent until the box is ticked.
  const whenAgreed = (login: () => Promise<void>) => {
    if (!agreed) {
      Toast.show(toastId, { content: '请先阅读并勾选同意《用户协议》和《隐私政策》', icon: 'fail' })
      return
    }
    void login()
  }

  // Only a session already stored on arrival skips the form; a fresh login navigates in finish().
  useEffect(() => {
    if (useMembershipStore.getState().session !== null) void Taro.reLaunch({ url: returnTo ?? routes.home })
  }, [returnTo])

  const finish = (response: LoginResponse | null) => {
    if (response === null) {
      const message = useMembershipStore.getState().error?.message ?? '登录失败，请重试'
      Toast.show(toastId, { content: message, icon: 'fail' })
      return
    }
    const joined = response.member !== null && response.member.joinedAt !== null
    // reLaunch leaves only the destination in history, so no login page waits behind it.
    if (joined) void Taro.reLaunch({ url: returnTo !== undefined && !goingToJoin ? returnTo : routes.home })
    else void Taro.reLaunch({ url: goingToJoin && returnTo !== undefined ? returnTo : joinRoute(scene, returnTo) })
  }

  return (
    <View className='login'>
      <Toast id={toastId} />
      <View className='login__hero'>
        <View className='login__logo'>
          <Text>会</Text>
        </View>
        <Text className='login__title'>欢迎来到会员中心</Text>
        <Text className='login__subtitle'>一站查看会员等级、成长值与专属权益</Text>
      </View>
      <View className='login__panel'>
        {isWeapp && (
          <ActionButton
            className='login__wechat'
            type='primary'
            size='large'
            block
            icon={<Weixin size={20} color='#ffffff' />}
            loading={loggingIn && !phoneFormShown}
            onClick={() => whenAgreed(async () => finish(await loginWithWechat()))}
          >
            微信一键登录
          </ActionButton>
        )}
        {phoneFormShown ? (
          <PhoneLoginForm
            submitting={loggingIn}
            onSubmit={(phone) => whenAgreed(async () => finish(await loginWithPhone(phone)))}
          />
        ) : (
          <Text className='login__switch' onClick={() => setPhoneFormShown(true)}>
            使用手机号登录
          </Text>
        )}
      </View>
      <View
        className={`login__consent${agreed ? ' login__consent--agreed' : ''}`}
        data-testid='login-consent'
        aria-checked={agreed}
        role='checkbox'
      >
        <View className='login__consent-box' onClick={() => setAgreed(!agreed)}>
          {agreed ? <Checked size={16} color='#07a455' /> : <CheckNormal size={16} color='#b0b5bf' />}
        </View>
        <Text className='login__consent-text'>
          <Text onClick={() => setAgreed(!agreed)}>我已阅读并同意</Text>
          <Text className='login__consent-link' onClick={() => void openPage(legalDocumentRoute('terms'))}>
            《用户协议》
          </Text>
          <Text onClick={() => setAgreed(!agreed)}>和</Text>
          <Text className='login__consent-link' onClick={() => void openPage(legalDocumentRoute('privacy'))}>
            《隐私政策》
          </Text>
        </Text>
      </View>
      <Text className='login__terms'>手机号仅用于识别会员身份，不会对外展示</Text>
    </View>
  )
}
