import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { OperatorLoginBody } from '@mc/shared'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { usePhoneScaleRoot } from '../../components/console-shell'
import { Field, fieldErrors } from '../../components/field'
import { PasswordForm } from '../../components/password-form'
import { operatorSelectors, retryAfterText, useOperatorStore } from '../../operator.store'
import '../../console.css'
import './index.css'

const openHome = () => void Taro.redirectTo({ url: routes.merchantHome })

export default function MerchantLoginPage() {
  usePhoneScaleRoot()
  const loggedIn = useOperatorStore(operatorSelectors.isLoggedIn)
  const mustChange = useOperatorStore(operatorSelectors.mustChangePassword)
  const loggingIn = useOperatorStore((s) => s.pending === 'login')
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [problem, setProblem] = useState<string | null>(null)
  // The password just typed, so the forced change asks only for the new one.
  const [usedPassword, setUsedPassword] = useState<string | undefined>(undefined)

  useEffect(() => {
    if (loggedIn && !mustChange) openHome()
  }, [loggedIn, mustChange])

  const submit = async () => {
    const parsed = OperatorLoginBody.safeParse({ login, password })
    if (!parsed.success) return setErrors(fieldErrors(parsed.error))
    setErrors({})
    setProblem(null)
    // Kept before the answer, which may show the forced change at once: it asks only for the new password.
    setUsedPassword(password)
    const response = await useOperatorStore.getState().login(parsed.data.login, parsed.data.password)
    if (response) {
      if (!response.operator.mustChangePassword) setUsedPassword(undefined)
      setPassword('')
      return
    }
    setUsedPassword(undefined)
    const failure = useOperatorStore.getState().error
    if (!failure) return
    if (failure.code === 'OPERATOR_LOGIN_THROTTLED')
      setProblem(`登录失败次数过多，${retryAfterText(failure.retryAfterSeconds ?? 900)}`)
    else setProblem(failure.message)
  }

  const logout = async () => {
    await useOperatorStore.getState().logout()
    setUsedPassword(undefined)
  }

  return (
    <View className='console merchant-login'>
      <View className='merchant-login__intro'>
        <View className='console__brand'>
          <Text className='console__brand-mark'>会</Text>
          <Text>会员中心 · 商家后台</Text>
        </View>
        <Text className='merchant-login__slogan'>会员规则、积分商城、门店与店员，在一处管理</Text>
      </View>
      <View className='merchant-login__panel'>
        {loggedIn && mustChange ? (
          <View className='console-card merchant-login__card' data-testid='merchant-force-password'>
            <Text className='merchant-login__title'>请修改初始密码</Text>
            <Text className='merchant-login__sub'>首次登录或密码被重置后，需要设置自己的新密码才能继续使用。</Text>
            <PasswordForm
              currentPassword={usedPassword}
              submitLabel='设置新密码并进入'
              // The fresh session clears mustChangePassword, and the effect above opens the home.
              onDone={() => setUsedPassword(undefined)}
            />
            <Text className='console-button console-button--link merchant-login__switch' onClick={() => void logout()}>
              换个账号登录
            </Text>
          </View>
        ) : (
          <View className='console-card merchant-login__card'>
            <Text className='merchant-login__title'>商家登录</Text>
            <Text className='merchant-login__sub'>使用店主分配的账号登录</Text>
            <View className='console-form'>
              <Field label='登录名' error={errors.login}>
                <Input
                  className='console-input'
                  name='operator-login'
                  placeholder='登录名'
                  value={login}
                  onInput={(e) => setLogin(e.detail.value)}
                />
              </Field>
              <Field label='密码' error={errors.password}>
                <Input
                  className='console-input'
                  name='operator-password'
                  password
                  placeholder='密码'
                  value={password}
                  onInput={(e) => setPassword(e.detail.value)}
                  onConfirm={() => void submit()}
                />
              </Field>
              {problem ? (
                <View className='console-notice console-notice--error' data-testid='merchant-login-problem'>
                  {problem}
                </View>
              ) : null}
              <ConsoleButton kind='primary' block loading={loggingIn} onClick={() => void submit()}>
                登录
              </ConsoleButton>
            </View>
          </View>
        )}
      </View>
    </View>
  )
}
