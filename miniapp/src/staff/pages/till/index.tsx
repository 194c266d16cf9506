import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input, Toast } from '@nutui/nutui-react-taro'
import { parseMemberCode } from '@mc/shared'
import { ActionButton } from '../../../components/action-button'
import { yuanFromFen } from '../../../format'
import { routes } from '../../../routes'
import { StaffMemberCard } from '../../components/member-card'
import { fenFromYuan, staffSelectors, useStaffStore } from '../../staff.store'
import { useStaffSession } from '../../use-staff-session'
import '../../../components/page-shell/index.css'
import '../../staff-pages.css'

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
            onClick={() => void Taro.navigateTo({ url: routes.staffPickup })}
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
  const [amount, setAmount] = useState('')
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
      <Text className='staff__panel-title'>登记消费</Text>
      <View className='staff__field'>
        <Text className='staff__label'>金额 ¥</Text>
        <Input
          className='staff__input'
          type='digit'
          name='amount'
          placeholder='实付金额（元）'
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
  return (
    <View className='staff__panel staff__done'>
      <Text className='staff__done-title'>登记成功</Text>
      <Text className='staff__done-sub'>
        小票 {outcome.receiptNo} · 消费 {yuanFromFen(outcome.amountFen)}
      </Text>
      <StaffMemberCard member={outcome.member} />
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
