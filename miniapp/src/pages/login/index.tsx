import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { Checked, CheckNormal, Phone, Weixin } from '@nutui/icons-react-taro'
import type { LoginResponse } from '@mc/shared'
import { ActionButton } from '../../components/action-button'
import { useLegalStore } from '../../legal/legal.store'
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
  const loginWithWechatPhone = useMembershipStore((s) => s.loginWithWechatPhone)
  // On weapp the phone form is a fallback for development builds where the BFF enables local login.
  const [phoneFormShown, setPhoneFormShown] = useState(!isWeapp)
  const [agreed, setAgreed] = useState(false)

  const askForConsent = () =>
    Toast.show(toastId, { content: '请先阅读并勾选同意《用户协议》和《隐私政策》', icon: 'fail' })

  // Logging in means accepting both documents; nothing is sent until the box is ticked. The versions in force
  // are what the links show, and are recorded as accepted once there is a member (now, or after joining).
  const whenAgreed = (login: () => Promise<void>) => {
    if (!agreed) {
      askForConsent()
      return
    }
    void (async () => {
      const legal = useLegalStore.getState()
      legal.consented(await legal.versionsInForce())
      await login()
    })()
  }

  // The versions in force are fetched on arrival (the merchant may have published one since the last visit), so
  // the tap on 登录 does not wait for them.
  useEffect(() => {
    void useLegalStore.getState().versionsInForce(true)
  }, [])

  // Only a session already stored on arrival skips the form; a fresh login navigates in finish().
  useEffect(() => {
    if (useMembershipStore.getState().session !== null) void Taro.reLaunch({ url: returnTo ?? routes.home })
  }, [returnTo])

  const finish = async (response: LoginResponse | null) => {
    if (response === null) {
      useLegalStore.getState().consented(null)
      const message = useMembershipStore.getState().error?.message ?? '登录失败，请重试'
      Toast.show(toastId, { content: message, icon: 'fail' })
      return
    }
    const joined = response.member !== null && response.member.joinedAt !== null
    // A visitor's consent waits for the join (membership store); a member's is recorded before leaving.
    if (joined) await useLegalStore.getState().recordConsent()
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
          <>
            {/* WeChat opens its phone sheet on any tap of a getPhoneNumber button, so the button only becomes one
                once the consent is ticked; before that a tap asks for the consent like the other logins. */}
            <ActionButton
              className='login__wechat'
              type='primary'
              size='large'
              block
              icon={<Phone size={20} color='#ffffff' />}
              loading={loggingIn && !phoneFormShown}
              openType={agreed ? 'getPhoneNumber' : undefined}
              onGetPhoneNumber={(event) => {
                const code = event.detail.code
                if (!code) {
                  Toast.show(toastId, { content: '未获取到手机号，可改用其他方式登录', icon: 'fail' })
                  return
                }
                whenAgreed(async () => finish(await loginWithWechatPhone(code)))
              }}
              onClick={() => {
                if (!agreed) askForConsent()
              }}
            >
              微信手机号快捷登录
            </ActionButton>
            <ActionButton
              className='login__wechat'
              size='large'
              block
              icon={<Weixin size={20} color='#07c160' />}
              onClick={() => whenAgreed(async () => finish(await loginWithWechat()))}
            >
              微信一键登录
            </ActionButton>
          </>
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
