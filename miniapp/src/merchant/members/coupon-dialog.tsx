import { useRef, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { IssueMemberCouponBody, type BenefitView, type IssueMemberCouponResponse } from '@mc/shared'
import { ApiError, failureOf } from '../../api/client'
import { ConsoleButton } from '../components/console-button'
import { ConsoleModal } from '../components/console-modal'
import { Field, fieldErrors } from '../components/field'
import { consoleCall } from '../console-call'
import { Chip } from '../mall/chip'
import { fenFromYuanText } from '../../format'
import { chineseErrors, keyFor } from './members-copy'

export interface CouponDialogProps {
  memberId: string
  /** Benefits named by the tier ladder; only those with a coupon grant can be issued. */
  benefits: BenefitView[]
  onClose: () => void
  onIssued: (answer: IssueMemberCouponResponse) => void
}

interface CustomCoupon {
  name: string
  kind: 'cash_off' | 'free_shipping'
  threshold: string
  discount: string
  count: string
  validDays: string
}

const blankCoupon: CustomCoupon = {
  name: '',
  kind: 'cash_off',
  threshold: '0',
  discount: '',
  count: '1',
  validDays: '30',
}

/** Gives this member a library benefit's coupons or one coupon defined here, with the reason kept in the log. */
export function CouponDialog({ memberId, benefits, onClose, onIssued }: CouponDialogProps) {
  const [mode, setMode] = useState<'library' | 'custom'>(benefits.length > 0 ? 'library' : 'custom')
  const [benefitKey, setBenefitKey] = useState<string | null>(null)
  const [coupon, setCoupon] = useState<CustomCoupon>(blankCoupon)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const lastKey = useRef<{ key: string; body: string } | null>(null)
  const edit = (change: Partial<CustomCoupon>) => setCoupon((c) => ({ ...c, ...change }))

  const submit = async () => {
    const body =
      mode === 'library'
        ? { benefitKey: benefitKey ?? undefined, reason }
        : {
            coupon: {
              name: coupon.name,
              kind: coupon.kind,
              thresholdFen: fenFromYuanText(coupon.threshold, 7) ?? Number.NaN,
              discountFen: coupon.kind === 'free_shipping' ? 0 : (fenFromYuanText(coupon.discount, 7) ?? Number.NaN),
              count: Number(coupon.count),
              validDays: Number(coupon.validDays),
            },
            reason,
          }
    const parsed = IssueMemberCouponBody.safeParse(body)
    if (!parsed.success) {
      const found = chineseErrors(fieldErrors(parsed.error))
      if (mode === 'library' && found.benefitKey) found.benefitKey = '请选择要发放的权益'
      return setErrors(found)
    }
    setErrors({})
    const key = keyFor(lastKey.current, 'coupon', parsed.data)
    lastKey.current = key
    setSaving(true)
    try {
      const answer = await consoleCall((api) =>
        api.admin.members[':memberId'].coupons.$post({
          param: { memberId },
          json: parsed.data,
          header: { 'idempotency-key': key.key },
        }),
      )
      lastKey.current = null
      onIssued(answer)
    } catch (error) {
      const fields = chineseErrors(fieldErrors(error))
      setErrors(Object.keys(fields).length > 0 ? fields : { '': failureOf(error).message })
      if (error instanceof ApiError && error.status !== 0) lastKey.current = null
    } finally {
      setSaving(false)
    }
  }

  return (
    <ConsoleModal
      open
      title='发放优惠券'
      testId='coupon-dialog'
      actions={
        <>
          <ConsoleButton onClick={onClose}>取消</ConsoleButton>
          <ConsoleButton kind='primary' loading={saving} testId='coupon-submit' onClick={() => void submit()}>
            确认发放
          </ConsoleButton>
        </>
      }
    >
      <View className='console-form'>
        <Field label='来源'>
          <View className='console-chips'>
            <Chip on={mode === 'library'} onClick={() => setMode('library')}>
              权益库
            </Chip>
            <Chip on={mode === 'custom'} testId='coupon-mode-custom' onClick={() => setMode('custom')}>
              自定义优惠券
            </Chip>
          </View>
        </Field>
        {mode === 'library' ? (
          <Field label='权益' required error={errors.benefitKey} hint='按权益的券配置发放，不受会员等级与领取周期限制'>
            <View className='console-chips'>
              {benefits.map((benefit) => (
                <Chip key={benefit.key} on={benefitKey === benefit.key} onClick={() => setBenefitKey(benefit.key)}>
                  {benefit.name}
                </Chip>
              ))}
            </View>
          </Field>
        ) : (
          <CustomCouponFields coupon={coupon} errors={errors} onChange={edit} />
        )}
        <Field label='发放原因' required error={errors.reason} hint='记入操作日志'>
          <Input
            className='console-input'
            name='coupon-reason'
            placeholder='例如 投诉补偿'
            maxlength={100}
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
          />
        </Field>
        {errors[''] ? (
          <Text className='console-field__error' data-testid='coupon-problem'>
            {errors['']}
          </Text>
        ) : null}
      </View>
    </ConsoleModal>
  )
}

function CustomCouponFields(props: {
  coupon: CustomCoupon
  errors: Record<string, string>
  onChange: (change: Partial<CustomCoupon>) => void
}) {
  const { coupon, errors, onChange } = props
  const input = (field: keyof CustomCoupon, placeholder: string, type: 'text' | 'digit' | 'number' = 'digit') => (
    <Input
      className='console-input'
      name={`coupon-${field}`}
      type={type}
      placeholder={placeholder}
      value={coupon[field]}
      onInput={(e) => onChange({ [field]: e.detail.value })}
    />
  )
  return (
    <View className='console-form'>
      <Field label='券名称' required error={errors['coupon.name']}>
        {input('name', '例如 10 元无门槛券', 'text')}
      </Field>
      <Field label='类型'>
        <View className='console-chips'>
          <Chip on={coupon.kind === 'cash_off'} onClick={() => onChange({ kind: 'cash_off' })}>
            满减券
          </Chip>
          <Chip on={coupon.kind === 'free_shipping'} onClick={() => onChange({ kind: 'free_shipping' })}>
            免运费券
          </Chip>
        </View>
      </Field>
      <View className='console-grid console-grid--2 member-coupon-grid'>
        <Field label='使用门槛（元）' error={errors['coupon.thresholdFen'] && '请输入金额，最多两位小数'}>
          {input('threshold', '0 表示无门槛')}
        </Field>
        {coupon.kind === 'cash_off' ? (
          <Field label='减免金额（元）' required error={errors['coupon.discountFen'] && '请输入金额，最多两位小数'}>
            {input('discount', '例如 10')}
          </Field>
        ) : null}
        <Field label='张数' error={errors['coupon.count'] && '张数为 1–20'}>
          {input('count', '1–20', 'number')}
        </Field>
        <Field label='有效天数' error={errors['coupon.validDays'] && '有效天数为 1–366'}>
          {input('validDays', '1–366', 'number')}
        </Field>
      </View>
    </View>
  )
}
