import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { ActionButton } from '../../../components/action-button'
import { AlertNote } from '../../../components/alert-note'
import { shanghaiDateTime } from '../../../format'
import { routes } from '../../../routes'
import { staffSelectors, useStaffStore } from '../../staff.store'
import { useStaffSession } from '../../use-staff-session'
import '../../../components/page-shell/index.css'
import '../../staff-pages.css'
import './index.css'

const isWeapp = process.env.TARO_ENV === 'weapp'

/** Staff hand over a points-mall item: type or scan the member's 10-digit pickup code, then 核销. */
export default function StaffPickupPage() {
  const staffName = useStaffStore(staffSelectors.staffName)
  const outletName = useStaffStore(staffSelectors.outletName)
  const pickup = useStaffStore((s) => s.pickup)

  useStaffSession()
  // A failure left over from the till is not this page's to show.
  useEffect(() => useStaffStore.getState().pickupCleared(), [])

  const backToTill = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
    else void Taro.redirectTo({ url: routes.staffTill })
  }

  return (
    <View className='page-shell staff pickup__page'>
      <View className='staff__bar'>
        <Text className='staff__who'>
          {outletName} · {staffName}
        </Text>
        <Text className='staff__link' onClick={backToTill}>
          返回收银
        </Text>
      </View>
      {pickup ? <PickupResult /> : <PickupForm />}
    </View>
  )
}

function PickupForm() {
  const verifying = useStaffStore((s) => s.pending === 'pickup')
  const error = useStaffStore((s) => (s.pending === null ? s.error : null))
  const usedAt = useStaffStore((s) => s.pickupUsedAt)
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  const verify = async (text: string) => {
    const digits = text.replace(/[\s-]/g, '')
    if (!/^\d{10}$/.test(digits)) return setProblem('取货码为 10 位数字，请核对后重新输入')
    setProblem(null)
    await useStaffStore.getState().verifyPickup(digits)
  }
  const scan = async () => {
    try {
      const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] })
      setCode(result.result)
      await verify(result.result)
    } catch {
      // The staff member closed the scanner; nothing to do.
    }
  }

  const failure =
    problem ??
    (error?.code === 'PICKUP_CODE_USED' && usedAt
      ? `该取货码已于 ${shanghaiDateTime(usedAt)} 核销，请勿重复发放`
      : (error?.message ?? null))
  return (
    <View className='staff__panel'>
      <Text className='staff__panel-title'>核销取货码</Text>
      <Text className='pickup__intro'>请会员打开「我的兑换」中的订单出示取货码，核对无误后核销并交付商品。</Text>
      {isWeapp && (
        <ActionButton
          className='staff__submit'
          type='primary'
          size='large'
          block
          data-testid='pickup-scan'
          loading={verifying}
          onClick={() => void scan()}
        >
          扫码核销
        </ActionButton>
      )}
      <View className='staff__field' style={isWeapp ? { marginTop: '24px' } : undefined}>
        <Input
          className='staff__input pickup__input'
          type='number'
          name='pickup-code'
          data-testid='pickup-input'
          placeholder='输入 10 位取货码'
          maxLength={13}
          value={code}
          onChange={(text) => {
            setCode(text)
            setProblem(null)
          }}
          onConfirm={() => void verify(code)}
        />
      </View>
      {failure && <AlertNote className='pickup__error' text={failure} testId='pickup-error' />}
      <ActionButton
        className={isWeapp ? 'staff__secondary' : 'staff__submit'}
        type={isWeapp ? 'default' : 'primary'}
        block
        data-testid='pickup-submit'
        loading={verifying && !isWeapp}
        onClick={() => void verify(code)}
      >
        核销
      </ActionButton>
    </View>
  )
}

function PickupResult() {
  const pickup = useStaffStore((s) => s.pickup!)
  return (
    <View className='staff__panel pickup__done' data-testid='pickup-result'>
      <View className='pickup__check'>
        <Text>✓</Text>
      </View>
      <Text className='staff__done-title'>核销成功</Text>
      <Text className='staff__done-sub'>请将商品交给会员</Text>
      <View className='pickup__facts'>
        <Fact label='商品' value={pickup.itemTitle} />
        <Fact label='数量' value={`${pickup.quantity} 件`} />
        <Fact label='会员' value={pickup.memberNickname ?? '会员'} />
        <Fact label='核销时间' value={shanghaiDateTime(pickup.pickedUpAt)} />
      </View>
      <ActionButton
        className='staff__submit'
        type='primary'
        size='large'
        block
        style={{ marginTop: '32px', alignSelf: 'stretch' }}
        data-testid='pickup-next'
        onClick={() => useStaffStore.getState().pickupCleared()}
      >
        继续核销
      </ActionButton>
    </View>
  )
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View className='pickup__fact'>
      <Text className='pickup__fact-label'>{label}</Text>
      <Text className='pickup__fact-value'>{value}</Text>
    </View>
  )
}
