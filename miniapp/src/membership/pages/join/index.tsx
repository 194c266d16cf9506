import { useEffect, useMemo } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { Store } from '@nutui/icons-react-taro'
import { ActionButton } from '../../../components/action-button'
import { outletsSelectors, useOutletsStore, type OutletLookup } from '../../../outlets/outlets.store'
import { tiersSelectors, useTiersStore } from '../../../tiers/tiers.store'
import { openPage } from '../../../open-page'
import { routes } from '../../../routes'
import { returnToFromParams } from '../../../session/return-to'
import { askForSubscriptions, useSubscribePrompts } from '../../../outreach/subscribe'
import { useMemberSession } from '../../../session/use-member-session'
import { TierLadder } from '../../components/tier-ladder'
import { TierSteps } from '../../components/tier-steps'
import { sceneFromParams } from '../../join-params'
import { useMembershipStore } from '../../membership.store'
import '../../../components/page-shell/index.css'
import './index.css'

const toastId = 'join-toast'

export default function JoinPage() {
  const { params } = useRouter()
  const scene = useMemo(
    () => sceneFromParams(params, process.env.TARO_ENV === 'h5' ? window.location.search : ''),
    [params],
  )
  const tiers = useTiersStore(tiersSelectors.tiers)
  const loadTiers = useTiersStore((s) => s.loadTiers)
  const lookup = useOutletsStore((s) => outletsSelectors.lookup(s, scene))
  const lookupOutlet = useOutletsStore((s) => s.lookupOutlet)

  // The outlet travels through login so a QR scan still counts once the shopper has signed in. Tiers and outlet
  // are public, but a visitor without a session is on the way to login and would not see them.
  const loadMe = useMembershipStore((s) => s.loadMe)
  const me = useMembershipStore((s) => s.me)
  // /api/me tells a member from a shopper who has only logged in: a member who scans a store QR is not invited again.
  const loggedIn = useMemberSession(() => {
    void loadTiers()
    void loadMe()
  }, [loadTiers, loadMe])
  useEffect(() => {
    if (loggedIn && scene) void lookupOutlet(scene)
  }, [loggedIn, scene, lookupOutlet])

  const outletName = lookup?.status === 'found' ? lookup.outlet.name : null
  if (me !== null && me.member.joinedAt !== null)
    return <AlreadyMember tierName={me.tier.name} outletName={outletName} />
  return (
    <View className='page-shell join'>
      <Toast id={toastId} />
      <View className='page-card join__welcome'>
        <Text className='join__eyebrow'>{outletName ? '门店专属邀请' : '会员专享'}</Text>
        <Text className='join__title'>{outletName ? `${outletName} 邀请您加入会员` : '欢迎加入会员中心'}</Text>
        <Text className='join__subtitle'>开通即成为{tiers?.[0]?.name ?? '会员'}，消费累积成长值逐级升级</Text>
        <View className='join__steps'>
          <LadderPreview />
        </View>
      </View>
      {tiers && tiers.length > 0 && (
        <View className='join__benefits'>
          <Text className='join__section-title'>等级权益</Text>
          <TierLadder tiers={tiers} />
        </View>
      )}
      {scene && <OutletNote lookup={lookup} />}
      <JoinButton scene={scene} outletMissing={lookup?.status === 'missing'} returnTo={returnToFromParams(params)} />
    </View>
  )
}

/**
 * Joins, through the QR code's outlet when there is one. A QR code naming no store must not silently count as a
 * store join: the alert explains that joining now links no store, and only then does the button join without
 * it. Unreachable lookups still send the id, because the BFF checks it again when joining.
 */
function JoinButton(props: { scene: string | undefined; outletMissing: boolean; returnTo: string | undefined }) {
  const { scene, outletMissing, returnTo } = props
  const joining = useMembershipStore((s) => s.pending === 'join')
  useSubscribePrompts('join')
  const submit = async () => {
    void askForSubscriptions('join')
    const viaOutlet = outletMissing ? undefined : scene
    const response = await useMembershipStore.getState().join(viaOutlet)
    if (response !== null) {
      void Taro.reLaunch({ url: returnTo ?? routes.home })
      return
    }
    const error = useMembershipStore.getState().error
    if ((error?.code === 'OUTLET_NOT_FOUND' || error?.code === 'OUTLET_SCENE_INVALID') && viaOutlet)
      useOutletsStore.getState().outletFailed(viaOutlet, error)
    else if (error) Toast.show(toastId, { content: error.message, icon: 'fail' })
  }
  return (
    <View className='join__actions'>
      <ActionButton type='primary' size='large' block loading={joining} onClick={() => void submit()}>
        立即开通会员
      </ActionButton>
    </View>
  )
}

/** A member who opened a join link (another store's QR): they are a member already, with their tier and a way on. */
function AlreadyMember({ tierName, outletName }: { tierName: string; outletName: string | null }) {
  return (
    <View className='page-shell join' data-testid='join-already-member'>
      <View className='page-card join__welcome'>
        <Text className='join__eyebrow'>{tierName}</Text>
        <Text className='join__title'>您已是会员</Text>
        <Text className='join__subtitle'>
          {outletName
            ? `在${outletName}消费时出示会员码，同样累积成长值和积分`
            : '无需重复开通，在任一门店消费都会累积成长值和积分'}
        </Text>
      </View>
      <View className='join__actions'>
        <ActionButton type='primary' size='large' block onClick={() => void Taro.reLaunch({ url: routes.home })}>
          回到会员首页
        </ActionButton>
        <Text className='join__code-link' onClick={() => void openPage(routes.memberCode)}>
          出示会员码
        </Text>
      </View>
    </View>
  )
}

/** The ladder from the published program, a placeholder while it loads, or a retry when it could not load. */
function LadderPreview() {
  const tiers = useTiersStore(tiersSelectors.tiers)
  const loading = useTiersStore(tiersSelectors.isLoading)
  const failed = useTiersStore(tiersSelectors.errorMessage)
  const loadTiers = useTiersStore((s) => s.loadTiers)
  if (tiers && tiers.length > 0) return <TierSteps tiers={tiers} />
  if (failed && !loading) {
    return (
      <View className='join__ladder-failed'>
        <Text>等级信息加载失败</Text>
        <Text className='join__retry' onClick={() => void loadTiers()}>
          重试
        </Text>
      </View>
    )
  }
  return (
    <View className='join__ladder-loading' aria-busy='true'>
      {[0, 1, 2].map((i) => (
        <View key={i} className='join__ladder-ghost' />
      ))}
    </View>
  )
}

/** Where the QR code came from: the named store, a calm note when it names none, or a neutral line meanwhile. */
function OutletNote({ lookup }: { lookup: OutletLookup | null }) {
  if (lookup?.status === 'missing') {
    return (
      <View className='join__alert' role='status'>
        <Text className='join__alert-title'>{lookup.failure.message}</Text>
        <Text className='join__alert-text'>这个门店码暂时无法识别。您仍可开通会员，只是不会记在任何门店名下。</Text>
      </View>
    )
  }
  return (
    <View className='join__outlet'>
      <Store size={16} color='#07a455' />
      <Text className='join__outlet-text'>
        {lookup?.status === 'found' ? `来源门店：${lookup.outlet.name}` : '通过门店二维码开通'}
      </Text>
    </View>
  )
}
