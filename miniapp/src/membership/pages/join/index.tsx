import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { Store } from '@nutui/icons-react-taro'
import { ActionButton } from '../../../components/action-button'
import { routes, withOutlet } from '../../../routes'
import { TierSteps } from '../../components/tier-steps'
import { outletIdFromParams } from '../../join-params'
import { useMembershipStore, type MembershipFailure } from '../../membership.store'
import { tierPreview } from '../../tier-preview'
import './index.css'

const toastId = 'join-toast'
const perks = ['消费累积成长值', '成长值达标自动升级', '等级越高，权益越多']

export default function JoinPage() {
  const { params } = useRouter()
  const outletId = useMemo(
    () => outletIdFromParams(params, process.env.TARO_ENV === 'h5' ? window.location.search : ''),
    [params],
  )
  const session = useMembershipStore((s) => s.session)
  const joining = useMembershipStore((s) => s.pending === 'join')
  const join = useMembershipStore((s) => s.join)
  const [outletFailure, setOutletFailure] = useState<MembershipFailure | null>(null)

  // The outlet travels through login so a QR scan still counts once the shopper has signed in.
  useEffect(() => {
    if (session === null) void Taro.redirectTo({ url: withOutlet(routes.login, outletId) })
  }, [session, outletId])

  // Once the outlet is known to be missing, the alert stays and later attempts join without it.
  const submit = async (viaOutlet: string | undefined) => {
    const response = await join(viaOutlet)
    if (response !== null) {
      void Taro.reLaunch({ url: routes.home })
      return
    }
    const error = useMembershipStore.getState().error
    if (error?.code === 'OUTLET_NOT_FOUND') setOutletFailure(error)
    else if (error) Toast.show(toastId, { content: error.message, icon: 'fail' })
  }

  return (
    <View className='join'>
      <Toast id={toastId} />
      <View className='join__welcome'>
        <Text className='join__eyebrow'>会员专享</Text>
        <Text className='join__title'>欢迎加入会员中心</Text>
        <Text className='join__subtitle'>开通即成为普通会员，消费累积成长值逐级升级</Text>
        <View className='join__steps'>
          <TierSteps tiers={tierPreview} />
        </View>
      </View>
      <View className='join__perks'>
        {perks.map((perk) => (
          <View key={perk} className='join__perk'>
            <View className='join__perk-dot' />
            <Text>{perk}</Text>
          </View>
        ))}
      </View>
      {outletId && outletFailure === null && (
        <View className='join__outlet'>
          <Store size={16} color='#07a455' />
          <Text className='join__outlet-text'>通过门店二维码开通</Text>
        </View>
      )}
      {outletFailure && (
        <View className='join__alert' role='alert'>
          <Text className='join__alert-title'>{outletFailure.message}</Text>
          <Text className='join__alert-text'>该二维码对应的门店可能已停用，点击下方按钮可不关联门店直接开通。</Text>
        </View>
      )}
      <View className='join__actions'>
        <ActionButton type='primary' size='large' block loading={joining} onClick={() => void submit(outletFailure ? undefined : outletId)}>
          立即开通会员
        </ActionButton>
      </View>
    </View>
  )
}
