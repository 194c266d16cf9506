import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/action-button'
import { IconTile } from '../../components/icon'
import { SignInGlyph } from '../../components/icon/glyphs'
import { useMembershipStore } from '../../membership/membership.store'
import { routes } from '../../routes'
import { nextBonusHint, rewardParts } from '../../sign-in/sign-in-copy'
import { signInSelectors, useSignInStore } from '../../sign-in/sign-in.store'
import './home-sign-in.css'
import { openPage } from '../../open-page'

/**
 * Today's sign-in from home in one tap: what it gives before, what it gave after (and the streak), and the way to
 * the calendar. The home page fetches the calendar each time it shows, so a sign-in made elsewhere (or a new
 * business day) shows here too.
 */
export function HomeSignIn() {
  const calendar = useSignInStore((s) => s.calendar)
  const signing = useSignInStore((s) => s.pending === 'sign-in')
  const signed = useSignInStore(signInSelectors.signedToday)
  const lastSignIn = useSignInStore((s) => s.lastSignIn)
  const error = useSignInStore((s) => s.error)

  if (calendar === null) return null
  const gave = lastSignIn && lastSignIn.businessDay === calendar.today.day ? lastSignIn : null
  const hint = nextBonusHint(calendar.nextBonus, signed)
  const signIn = async () => {
    // The points and growth on the card change with it.
    if (await useSignInStore.getState().signIn()) void useMembershipStore.getState().loadMe()
  }
  return (
    <View className='home-sign-in' data-testid='home-sign-in'>
      <IconTile glyph={SignInGlyph} tone='green' />
      <View className='home-sign-in__body' onClick={() => void openPage(routes.signIn)}>
        <Text className='home-sign-in__title'>
          {signed ? `已连续签到 ${calendar.streak} 天` : `今日签到 ${rewardParts(calendar.today.rewards)}`}
        </Text>
        <Text className='home-sign-in__hint'>
          {gave
            ? `签到成功 ${rewardParts(gave.rewards)}${gave.bonus ? `，连签奖励 ${rewardParts(gave.bonus)}` : ''}`
            : error && !signed
              ? error.message
              : (hint ?? '签到日历 ›')}
        </Text>
      </View>
      {signed ? (
        <Text className='home-sign-in__done' onClick={() => void openPage(routes.signIn)}>
          签到日历 ›
        </Text>
      ) : (
        <ActionButton
          className='home-sign-in__button'
          type='primary'
          size='small'
          loading={signing}
          onClick={() => void signIn()}
        >
          立即签到
        </ActionButton>
      )}
    </View>
  )
}
