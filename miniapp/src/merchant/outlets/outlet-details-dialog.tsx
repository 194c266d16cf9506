import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { type AdminOutletView, UpdateOutletBody } from '@mc/shared'
import { ApiError, failureOf } from '../../api/client'
import { ConsoleButton } from '../components/console-button'
import { ConsoleModal } from '../components/console-modal'
import { Field, fieldErrors } from '../components/field'
import { consoleCall } from '../console-call'
import { Chip } from '../mall/chip'

/** The first half of a bilingual schema message ("地址最多 120 个字 / …"), which is the Chinese one. */
const chinese = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([path, message]) => [path, message.split(/\s*\/\s+/)[0]]))

/** What a shopper reads at checkout of a pickup item, one line each; empty when the store has none of it. */
export function pickupDetailsText(outlet: AdminOutletView): string {
  const parts = [outlet.address, outlet.openingHours, outlet.phone ? `电话 ${outlet.phone}` : null]
  return parts.filter((part): part is string => Boolean(part)).join(' · ')
}

interface OutletDetailsDialogProps {
  outlet: AdminOutletView
  onClose: () => void
  onSaved: (outlet: AdminOutletView) => void
}

/**
 * The store's pickup details as shoppers see them when they choose where to collect an item, and whether it
 * takes pickups now. A paused store leaves the shoppers' list; orders already placed there are still handed over.
 */
export function OutletDetailsDialog({ outlet, onClose, onSaved }: OutletDetailsDialogProps) {
  const [address, setAddress] = useState(outlet.address ?? '')
  const [openingHours, setOpeningHours] = useState(outlet.openingHours ?? '')
  const [phone, setPhone] = useState(outlet.phone ?? '')
  const [takesPickups, setTakesPickups] = useState(outlet.closedAt === null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  // A field's problem goes as soon as the operator changes that field.
  const edit = (field: string, set: (value: string) => void, value: string) => {
    set(value)
    setErrors(({ [field]: _gone, ...rest }) => rest)
  }

  const save = async () => {
    const check = UpdateOutletBody.safeParse({ address, openingHours, phone, takesPickups })
    if (!check.success) return setErrors(chinese(fieldErrors(check.error)))
    setErrors({})
    setFailure(null)
    setBusy(true)
    try {
      const saved = await consoleCall((api) =>
        api.admin.outlets[':outletId'].$patch({ param: { outletId: outlet.id }, json: check.data }),
      )
      onSaved(saved)
    } catch (error) {
      const fields = chinese(fieldErrors(error))
      if (error instanceof ApiError && Object.keys(fields).length > 0) setErrors(fields)
      else setFailure(failureOf(error).message)
      setBusy(false)
    }
  }

  return (
    <ConsoleModal
      open
      title={`自提信息 · ${outlet.name}`}
      onClose={onClose}
      testId='outlet-details-dialog'
      actions={
        <>
          <ConsoleButton disabled={busy} onClick={onClose}>
            取消
          </ConsoleButton>
          <ConsoleButton kind='primary' loading={busy} testId='outlet-details-save' onClick={() => void save()}>
            保存
          </ConsoleButton>
        </>
      }
    >
      <Text className='console-muted outlets-console__lead'>会员兑换自提商品时按这些信息选择门店、找到门店。</Text>
      <Field label='门店地址' error={errors.address}>
        <Input
          className='console-input'
          placeholder='例如：上海市静安区南京西路 1515 号 B1 层'
          maxlength={120}
          value={address}
          onInput={(e) => edit('address', setAddress, e.detail.value)}
        />
      </Field>
      <Field label='营业时间' error={errors.openingHours}>
        <Input
          className='console-input'
          placeholder='例如：每日 10:00–22:00'
          maxlength={60}
          value={openingHours}
          onInput={(e) => edit('openingHours', setOpeningHours, e.detail.value)}
        />
      </Field>
      <Field label='联系电话' error={errors.phone}>
        <Input
          className='console-input'
          placeholder='例如：021-6288 0202'
          maxlength={20}
          value={phone}
          onInput={(e) => edit('phone', setPhone, e.detail.value)}
        />
      </Field>
      <Field label='自提'>
        <View className='console-chips'>
          <Chip on={takesPickups} testId='outlet-pickups-on' onClick={() => setTakesPickups(true)}>
            接受自提
          </Chip>
          <Chip on={!takesPickups} testId='outlet-pickups-off' onClick={() => setTakesPickups(false)}>
            暂停自提
          </Chip>
        </View>
      </Field>
      {!takesPickups && (
        <Text className='console-muted'>暂停后会员兑换时不能再选这家门店；已下单的自提订单仍可在本店核销。</Text>
      )}
      {failure ? <View className='console-notice console-notice--error'>{failure}</View> : null}
    </ConsoleModal>
  )
}
