import { useEffect, useState } from 'react'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { ActionButton } from '../../../components/action-button'
import { useMembershipStore } from '../../../membership/membership.store'
import { routes } from '../../../routes'
import { CodeBars } from '../../components/code-bars'
import { memberCodeSelectors, secondsLeft, useMemberCodeStore } from '../../member-code.store'
import { qrSvgDataUrl } from '../../qr-svg'
import './index.css'

export default function MemberCodePage() {
  const session = useMembershipStore((s) => s.session)
  const nickname = useMembershipStore((s) => s.me?.member.nickname ?? null)
  const tierName = useMembershipStore((s) => s.me?.tier.name ?? null)
  const code = useMemberCodeStore((s) => s.code?.code ?? null)
  const grouped = useMemberCodeStore(memberCodeSelectors.groupedCode)
  const expiresAt = useMemberCodeStore(memberCodeSelectors.expiresAt)
  const period = useMemberCodeStore((s) => s.code?.periodSeconds ?? 30)
  const error = useMemberCodeStore((s) => s.error)
  const pending = useMemberCodeStore((s) => s.pending)
  const [now, setNow] = useState(() => Date.now())
  const [visible, setVisible] = useState(true)

  useEffect(() => {
    if (session === null) void Taro.redirectTo({ url: routes.login })
    // Opened straight from a link: fetch the name and tier the card greets the member with.
    else if (useMembershipStore.getState().me === null) void useMembershipStore.getState().loadMe()
  }, [session])
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  // One ticking clock drives the countdown; when it passes expiresAt the next code is fetched.
  useEffect(() => {
    if (!visible || session === null) return undefined
    void useMemberCodeStore.getState().loadCode()
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => {
      clearInterval(timer)
      useMemberCodeStore.getState().codeHidden()
    }
  }, [visible, session])

  const left = expiresAt ? secondsLeft(expiresAt, now) : 0
  useEffect(() => {
    const state = useMemberCodeStore.getState()
    if (expiresAt && left === 0 && !state.pending) void state.loadCode()
  }, [expiresAt, left])

  const percent = Math.min(100, Math.round((left / period) * 100))
  return (
    <View className='member-code'>
      <View className='member-code__card'>
        <View className='member-code__head'>
          <Text className='member-code__title'>{nickname ?? '我的会员码'}</Text>
          {tierName && <Text className='member-code__tier'>{tierName}</Text>}
        </View>
        {code && grouped ? (
          <>
            <Image className='member-code__qr' src={qrSvgDataUrl(code)} mode='aspectFit' aria-label='会员二维码' />
            <CodeBars code={code} />
            <Text className='member-code__digits' aria-label='会员码'>{grouped}</Text>
            <View className='member-code__timer'>
              <View className='member-code__track'>
                <View className='member-code__bar' style={{ width: `${percent}%` }} />
              </View>
              <Text className='member-code__seconds'>{left} 秒后刷新</Text>
            </View>
          </>
        ) : error ? (
          <View className='member-code__error'>
            <Text className='member-code__error-text'>{error.message}</Text>
            <ActionButton type='primary' size='small' loading={pending} onClick={() => void useMemberCodeStore.getState().loadCode()}>
              重新获取
            </ActionButton>
          </View>
        ) : (
          <View className='member-code__placeholder'><Text>会员码生成中…</Text></View>
        )}
        <Text className='member-code__note'>请向店员出示，30 秒自动刷新，截图无效</Text>
      </View>
    </View>
  )
}
