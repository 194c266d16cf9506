import Taro from '@tarojs/taro'
import { StatePanel } from '../../components/state-panel'
import { OrderGlyph } from '../../components/icon/glyphs'
import { routes } from '../../routes'

/**
 * A redemption the BFF does not know for this member (a wrong link, or another member's order). Retrying cannot
 * help, and the H5 build has no navigation bar, so it offers the two ways on instead.
 */
export function RedemptionNotFound() {
  return (
    <StatePanel
      testId='redemption-not-found'
      glyph={OrderGlyph}
      title='未找到该兑换记录'
      message='链接可能有误，或这笔兑换不属于当前登录的账号'
      actions={[
        {
          label: '我的兑换',
          testId: 'not-found-redemptions',
          onClick: () => void Taro.redirectTo({ url: routes.myRedemptions }),
        },
        {
          label: '返回首页',
          look: 'outline',
          testId: 'not-found-home',
          onClick: () => void Taro.reLaunch({ url: routes.home }),
        },
      ]}
    />
  )
}
