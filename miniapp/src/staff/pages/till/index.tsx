import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input, Toast } from '@nutui/nutui-react-taro'
import { parseMemberCode, tillHoldLabels } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { yuanFromFen } from '../../../format'
import { couponTitle } from '../../../coupons/coupon-copy'
import { routes } from '../../../routes'
import { StaffMemberCard } from '../../components/member-card'
import { fenFromYuan, staffSelectors, useStaffStore } from '../../staff.store'
import { useStaffSession } from '../../use-staff-session'
import '../../../components/page-shell/index.css'
import '../../staff-pages.css'
import { openPage } from '../../../open-page'

const toastId = 'staff-till-toast'
const isWeapp = process.env.TARO_ENV === 'weapp'
const failed = (fallback: string) =>
  Toast.show(toastId, { content: useStaffStore.getState().error?.message ?? fallback, icon: 'fail' })

export default function StaffTillPage() {
  const staffName = useStaffStore(staffSelectors.staffName)
  const outletName = useStaffStore(staffSelectors.outletName)
  const verification = useStaffStore((s) => s.verification)
  const outcome = useStaffStore((s) => s.outcome)

  useStaffSession()

  return (
    <View className='page-shell staff'>
      <Toast id={toastId} />
      <View className='staff__bar'>
        <Text className='staff__who'>
          {outletName} · {staffName}
        </Text>
        <View className='staff__links'>
          <Text
            className='staff__link'
            data-testid='staff-pickup-link'
            onClick={() => void openPage(routes.staffPickup)}
          >
            取货核销
          </Text>
          <Text className='staff__link staff__link--quiet' onClick={() => void useStaffStore.getState().logout()}>
            退出
          </Text>
        </View>
      </View>
      {outcome ? <PurchaseResult /> : verification ? <PurchaseForm /> : <ScanPanel />}
    </View>
  )
}

function ScanPanel() {
  const verifying = useStaffStore((s) => s.pending === 'verify')
  const [code, setCode] = useState('')
  const verify = async (text: string) => {
    if (!parseMemberCode(text)) return Toast.show(toastId, { content: '会员码应为 18 位数字', icon: 'fail' })
    if (!(await useStaffStore.getState().verifyCode(text))) failed('核验失败，请重试')
  }
  const scan = async () => {
    try {
      const result = await Taro.scanCode({ onlyFromCamera: true, scanType: ['barCode', 'qrCode'] })
      await verify(result.result)
    } catch {
      // The staff member closed the scanner; nothing to do.
    }
  }
  return (
    <View className='staff__panel'>
      <Text className='staff__panel-title'>核验会员码</Text>
      {isWeapp && (
        <ActionButton
          className='staff__submit'
          type='primary'
          size='large'
          block
          loading={verifying}
          onClick={() => void scan()}
        >
          扫描会员码
        </ActionButton>
      )}
      <View className='staff__field' style={isWeapp ? { marginTop: '24px' } : undefined}>
        <Input
          className='staff__input'
          type='number'
          name='member-code'
          placeholder='输入会员出示的 18 位数字'
          maxLength={22}
          value={code}
          onChange={setCode}
        />
      </View>
      <ActionButton
        className={isWeapp ? 'staff__secondary' : 'staff__submit'}
        type={isWeapp ? 'default' : 'primary'}
        block
        loading={verifying && !isWeapp}
        onClick={() => void verify(code)}
      >
        核验
      </ActionButton>
    </View>
  )
}

function PurchaseForm() {
  const member = useStaffStore((s) => s.verification!.member)
  const recording = useStaffStore((s) => s.pending === 'purchase')
  const couponCode = useStaffStore((s) => s.couponCode)
  const [amount, setAmount] = useState('')
  const memberId = member.memberId
  // Each scanned member's coupons and member price, loaded once the card is shown.
  useEffect(() => {
    if (memberId) void useStaffStore.getState().loadBenefits()
  }, [memberId])
  const [receiptNo, setReceiptNo] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const submit = async () => {
    const fen = fenFromYuan(amount)
    if (fen === null) return setProblem('请输入正确的消费金额，最多两位小数')
    if (!/^[A-Za-z0-9][A-Za-z0-9_./-]{0,47}$/.test(receiptNo.trim()))
      return setProblem('请输入小票号（字母、数字或 _ . / -）')
    setProblem(null)
    if (!(await useStaffStore.getState().recordPurchase(fen, receiptNo))) failed('登记失败，请重试')
  }
  return (
    <View className='staff__panel'>
      <StaffMemberCard member={member} />
      <TillBenefitsPanel amountFen={fenFromYuan(amount)} />
      <Text className='staff__panel-title'>登记消费</Text>
      <View className='staff__field'>
        <Text className='staff__label'>金额 ¥</Text>
        <Input
          className='staff__input'
          type='digit'
          name='amount'
          placeholder={couponCode ? '用券前金额（元）' : '实付金额（元）'}
          value={amount}
          onChange={setAmount}
        />
      </View>
      <View className='staff__field'>
        <Text className='staff__label'>小票号</Text>
        <Input
          className='staff__input'
          type='text'
          name='receipt'
          placeholder='收银小票号'
          maxLength={48}
          value={receiptNo}
          onChange={setReceiptNo}
        />
      </View>
      <Text className='staff__problem'>{problem ?? ' '}</Text>
      <ActionButton
        className='staff__submit'
        type='primary'
        size='large'
        block
        loading={recording}
        onClick={() => void submit()}
      >
        确认登记
      </ActionButton>
      <ActionButton className='staff__secondary' block onClick={() => useStaffStore.getState().tillCleared()}>
        重新扫码
      </ActionButton>
    </View>
  )
}

function PurchaseResult() {
  const outcome = useStaffStore((s) => s.outcome!)
  const pending = outcome.status === 'pending'
  return (
    <View className='staff__panel staff__done'>
      <Text className='staff__done-title'>{pending ? '已登记，待审批' : '登记成功'}</Text>
      <Text className='staff__done-sub'>
        小票 {outcome.receiptNo} · 实付 {yuanFromFen(outcome.paidFen)}
      </Text>
      {outcome.coupon && (
        <Text className='staff__done-sub' data-testid='till-coupon-used'>
          已用 {outcome.coupon.name}，优惠 {yuanFromFen(outcome.discountFen)}（原价 {yuanFromFen(outcome.amountFen)}）
        </Text>
      )}
      {outcome.hold && (
        <Text className='staff__pending' data-testid='till-pending'>
          {tillHoldLabels[outcome.hold.reason]} {yuanFromFen(outcome.hold.limitFen)}
          ，需店长或运营在「收银审批」批准后才给会员积分和成长值
        </Text>
      )}
      <StaffMemberCard member={outcome.member} />
      {!pending && (
        <View className='staff__stats'>
          <View className='staff__stat'>
            <Text className='staff__stat-value'>+{outcome.growth}</Text>
            <Text className='staff__stat-label'>成长值</Text>
          </View>
          <View className='staff__stat'>
            <Text className='staff__stat-value'>+{outcome.points}</Text>
            <Text className='staff__stat-label'>积分</Text>
          </View>
        </View>
      )}
      {outcome.upgrade && (
        <Text className='staff__upgrade'>
          会员已升级：{outcome.upgrade.from.name} → {outcome.upgrade.to.name}
        </Text>
      )}
      <ActionButton
        className='staff__submit'
        type='primary'
        size='large'
        block
        style={{ marginTop: '32px', alignSelf: 'stretch' }}
        onClick={() => useStaffStore.getState().tillCleared()}
      >
        下一位会员
      </ActionButton>
    </View>
  )
}

/**
 * The scanned member's member price and usable coupons; tapping one applies it to this purchase (tap again to
 * take it off). With an amount typed, it shows what the member pays; the BFF decides, through the shop's coupon path.
 */
function TillBenefitsPanel({ amountFen }: { amountFen: number | null }) {
  const benefits = useStaffStore((s) => s.benefits)
  const chosen = useStaffStore((s) => s.couponCode)
  if (!benefits) return null
  const coupon = benefits.coupons.find((c) => c.code === chosen) ?? null
  const below = coupon && amountFen !== null && amountFen < coupon.thresholdFen
  const discountFen = coupon && amountFen !== null ? Math.min(coupon.discountFen, amountFen) : 0
  return (
    <View className='staff__benefits' data-testid='till-benefits'>
      <Text className='staff__benefits-line'>
        {benefits.memberPriceDiscountPercent > 0
          ? `会员价：会员商品 ${(100 - benefits.memberPriceDiscountPercent) / 10} 折`
          : '该会员等级暂无会员价'}
      </Text>
      <Text className='staff__benefits-line'>
        {benefits.coupons.length > 0 ? `可用优惠券 ${benefits.coupons.length} 张，点选使用：` : '暂无可用优惠券'}
      </Text>
      <View className='staff__coupons'>
        {benefits.coupons.map((c) => (
          <Text
            key={c.code}
            className={`staff__coupon ${c.code === chosen ? 'staff__coupon--on' : ''}`}
            data-testid={`till-coupon-${c.code}`}
            onClick={() => useStaffStore.getState().couponChosen(c.code === chosen ? null : c.code)}
          >
            {couponTitle(c)} · {c.name}
          </Text>
        ))}
      </View>
      {coupon && amountFen !== null && (
        <Text className={below ? 'staff__problem' : 'staff__benefits-line'} data-testid='till-coupon-preview'>
          {below
            ? `未满 ${yuanFromFen(coupon.thresholdFen)}，不能使用此券`
            : `优惠 ${yuanFromFen(discountFen)}，会员实付 ${yuanFromFen(amountFen - discountFen)}`}
        </Text>
      )}
    </View>
  )
}
