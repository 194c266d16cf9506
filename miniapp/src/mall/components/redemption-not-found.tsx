import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Order } from '@nutui/icons-react-taro'
import { ActionButton } from '../../components/action-button'
import { routes } from '../../routes'
import './redemption-not-found.css'

/**
 * A redemption the BFF does not know for this member (a wrong link, or another member's order). Retrying cannot
 * help, and the H5 build has no navigation bar, so it offers the two ways on instead.
 */
export function RedemptionNotFound() {
  return (
    <View className='redemption-missing' data-testid='redemption-not-found'>
      <View className='redemption-missing__icon'>
        <Order size={40} color='#b0b5bf' />
      </View>
      <Text className='redemption-missing__title'>未找到该兑换记录</Text>
      <Text className='redemption-missing__message'>链接可能有误，或这笔兑换不属于当前登录的账号</Text>
      <View className='redemption-missing__actions'>
        <ActionButton
          className='redemption-missing__button'
          type='primary'
          data-testid='not-found-redemptions'
          onClick={() => void Taro.redirectTo({ url: routes.myRedemptions })}
        >
          我的兑换
        </ActionButton>
        <ActionButton
          className='redemption-missing__button'
          fill='outline'
          data-testid='not-found-home'
          onClick={() => void Taro.reLaunch({ url: routes.home })}
        >
          返回首页
        </ActionButton>
      </View>
    </View>
  )
}
