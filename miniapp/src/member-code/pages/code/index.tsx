import { useEffect, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { ActionButton } from '../../../components/action-button'
import { useMembershipStore } from '../../../membership/membership.store'
import { tierPalette } from '../../../membership/tier-display'
import { useMemberSession } from '../../../session/use-member-session'
import { CodeBars } from '../../components/code-bars'
import { memberCodeSelectors, secondsLeft, useMemberCodeStore } from '../../member-code.store'
import { qrSvgDataUrl } from '../../qr-svg'
import '../../../components/page-shell/index.css'
import './index.css'

export default function MemberCodePage() {
  const nickname = useMembershipStore((s) => s.me?.member.nickname ?? null)
  const tier = useMembershipStore((s) => s.me?.tier ?? null)
  // Opened straight from a link: fetch the name and tier the card greets the member with.
  const loggedIn = useMemberSession(() => {
    if (useMembershipStore.getState().me === null) void useMembershipStore.getState().loadMe()
  })
  const countdown = useRotatingCode(loggedIn)

  return (
    <View className='page-shell member-code'>
      <View className='page-card member-code__card'>
        <View className='split-row member-code__head'>
          <Text className='member-code__title'>{nickname ?? '我的会员码'}</Text>
          {tier && <TierBadge name={tier.name} color={tier.color} />}
        </View>
        <CodePanel {...countdown} />
        <Text className='member-code__note'>请向店员出示，30 秒自动刷新，截图无效</Text>
      </View>
    </View>
  )
}

/** The member's tier in its colours from the one tier palette, as on the tier card. */
function TierBadge({ name, color }: { name: string; color: string }) {
  const palette = tierPalette(color)
  return (
    <Text className='member-code__tier' style={{ background: palette.badgeBackground, color: palette.badgeText }}>
      {name}
    </Text>
  )
}

/** Seconds until the shown code expires, and that as a share of the code's period. */
interface Countdown {
  left: number
  percent: number
}

/**
 * Keeps a fresh code while the page is on screen: one ticking clock drives the countdown, and when it passes
 * expiresAt the next code is fetched. Hidden, the clock stops and the store forgets the code.
 */
function useRotatingCode(loggedIn: boolean): Countdown {
  const expiresAt = useMemberCodeStore(memberCodeSelectors.expiresAt)
  const period = useMemberCodeStore((s) => s.code?.periodSeconds ?? 30)
  const [now, setNow] = useState(() => Date.now())
  const [visible, setVisible] = useState(true)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  useEffect(() => {
    if (!visible || !loggedIn) return undefined
    void useMemberCodeStore.getState().loadCode()
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => {
      clearInterval(timer)
      useMemberCodeStore.getState().codeHidden()
    }
  }, [visible, loggedIn])

  const left = expiresAt ? secondsLeft(expiresAt, now) : 0
  useEffect(() => {
    const state = useMemberCodeStore.getState()
    if (expiresAt && left === 0 && !state.pending) void state.loadCode()
  }, [expiresAt, left])

  return { left, percent: Math.min(100, Math.round((left / period) * 100)) }
}

/** The QR code, bars, digits and countdown; the failure with a retry; or a placeholder while the first code loads. */
function CodePanel({ left, percent }: Countdown) {
  const code = useMemberCodeStore((s) => s.code?.code ?? null)
  const grouped = useMemberCodeStore(memberCodeSelectors.groupedCode)
  const error = useMemberCodeStore((s) => s.error)
  const pending = useMemberCodeStore((s) => s.pending)
  if (code && grouped) {
    return (
      <>
        <Image className='member-code__qr' src={qrSvgDataUrl(code)} mode='aspectFit' aria-label='会员二维码' />
        <CodeBars code={code} />
        <Text className='member-code__digits' aria-label='会员码'>
          {grouped}
        </Text>
        <View className='member-code__timer'>
          <View className='member-code__track'>
            <View className='member-code__bar' style={{ width: `${percent}%` }} />
          </View>
          <Text className='member-code__seconds'>{left} 秒后刷新</Text>
        </View>
      </>
    )
  }
  if (error) {
    return (
      <View className='member-code__error'>
        <Text className='member-code__error-text'>{error.message}</Text>
        <ActionButton
          type='primary'
          size='small'
          loading={pending}
          onClick={() => void useMemberCodeStore.getState().loadCode()}
        >
          重新获取
        </ActionButton>
      </View>
    )
  }
  return (
    <View className='member-code__placeholder'>
      <Text>会员码生成中…</Text>
    </View>
  )
}
