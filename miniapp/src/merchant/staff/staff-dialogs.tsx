import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { CreateStaffBody, ResetStaffPinBody, type AdminOutletView, type StaffView } from '@mc/shared'
import { ApiError, failureOf } from '../../api/client'
import { ConsoleButton } from '../components/console-button'
import { ConsoleModal } from '../components/console-modal'
import { Field, fieldErrors } from '../components/field'
import { consoleCall } from '../console-call'
import { Chip } from '../mall/chip'
import { chineseErrors } from '../members/members-copy'

const pinHint = '6 位数字，不能是 123456、111111 这类简单密码；只保存其散列值'

/** The BFF's refusal as field errors: the invalid fields, a taken phone beside the phone, anything else below. */
function refusal(error: unknown): Record<string, string> {
  const fields = chineseErrors(fieldErrors(error))
  if (Object.keys(fields).length > 0) return fields
  if (error instanceof ApiError && error.code === 'STAFF_PHONE_TAKEN') return { phone: error.message }
  return { '': failureOf(error).message }
}

export interface CreateStaffDialogProps {
  outlets: AdminOutletView[]
  /** Preselected store: the manager's own, or the one the list is filtered to. */
  outletId: string | null
  onClose: () => void
  onCreated: (staff: StaffView) => void
}

/** A new staff account at one store; the PIN is typed twice since nobody will see it again. */
export function CreateStaffDialog({ outlets, outletId, onClose, onCreated }: CreateStaffDialogProps) {
  const [form, setForm] = useState({ name: '', phone: '', outletId: outletId ?? '', pin: '', again: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const edit = (change: Partial<typeof form>) => setForm((f) => ({ ...f, ...change }))

  const submit = async () => {
    const { again, ...body } = form
    const parsed = CreateStaffBody.safeParse(body)
    const found = parsed.success ? {} : chineseErrors(fieldErrors(parsed.error))
    if (!form.outletId) found.outletId = '请选择门店'
    else if (found.outletId) found.outletId = '请选择门店'
    if (!found.name && !form.name.trim()) found.name = '请填写姓名'
    if (!found.pin && again !== form.pin) found.again = '两次输入的密码不一致'
    setErrors(found)
    if (!parsed.success || Object.keys(found).length > 0) return
    setSaving(true)
    try {
      onCreated(await consoleCall((api) => api.admin.staff.$post({ json: parsed.data })))
    } catch (error) {
      setErrors(refusal(error))
    } finally {
      setSaving(false)
    }
  }

  return (
    <ConsoleModal
      open
      title='新建店员'
      testId='staff-create-dialog'
      actions={
        <>
          <ConsoleButton onClick={onClose}>取消</ConsoleButton>
          <ConsoleButton kind='primary' loading={saving} testId='staff-create-submit' onClick={() => void submit()}>
            创建
          </ConsoleButton>
        </>
      }
    >
      <View className='console-form'>
        <Field label='姓名' required error={errors.name}>
          <Input
            className='console-input'
            name='staff-name'
            placeholder='店员姓名'
            maxlength={32}
            value={form.name}
            onInput={(e) => edit({ name: e.detail.value })}
          />
        </Field>
        <Field label='手机号' required error={errors.phone} hint='店员用手机号和密码登录收银台'>
          <Input
            className='console-input'
            name='staff-phone'
            type='number'
            placeholder='11 位手机号'
            maxlength={11}
            value={form.phone}
            onInput={(e) => edit({ phone: e.detail.value })}
          />
        </Field>
        <Field label='门店' required error={errors.outletId}>
          <View className='console-chips'>
            {outlets.map((outlet) => (
              <Chip
                key={outlet.id}
                on={form.outletId === outlet.id}
                testId={`staff-outlet-${outlet.id}`}
                onClick={() => edit({ outletId: outlet.id })}
              >
                {outlet.name}
              </Chip>
            ))}
          </View>
        </Field>
        <PinFields pin={form.pin} again={form.again} errors={errors} onChange={edit} />
        {errors[''] ? <Text className='console-field__error'>{errors['']}</Text> : null}
      </View>
    </ConsoleModal>
  )
}

function PinFields(props: {
  pin: string
  again: string
  errors: Record<string, string>
  onChange: (change: { pin?: string; again?: string }) => void
}) {
  return (
    <>
      <Field label='登录密码' required error={props.errors.pin} hint={pinHint}>
        <Input
          className='console-input'
          name='staff-pin'
          password
          type='number'
          placeholder='6 位数字'
          maxlength={6}
          value={props.pin}
          onInput={(e) => props.onChange({ pin: e.detail.value })}
        />
      </Field>
      <Field label='确认密码' required error={props.errors.again}>
        <Input
          className='console-input'
          name='staff-pin-again'
          password
          type='number'
          placeholder='再次输入'
          maxlength={6}
          value={props.again}
          onInput={(e) => props.onChange({ again: e.detail.value })}
        />
      </Field>
    </>
  )
}

/** A new PIN for a staff member who forgot theirs; their open sessions end. */
export function ResetPinDialog(props: { staff: StaffView; onClose: () => void; onDone: (staff: StaffView) => void }) {
  const [pins, setPins] = useState({ pin: '', again: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)

  const submit = async () => {
    const parsed = ResetStaffPinBody.safeParse({ pin: pins.pin })
    const found = parsed.success ? {} : chineseErrors(fieldErrors(parsed.error))
    if (!found.pin && pins.again !== pins.pin) found.again = '两次输入的密码不一致'
    setErrors(found)
    if (!parsed.success || Object.keys(found).length > 0) return
    setSaving(true)
    try {
      const staff = await consoleCall((api) =>
        api.admin.staff[':staffId'].pin.$post({ param: { staffId: props.staff.id }, json: parsed.data }),
      )
      props.onDone(staff)
    } catch (error) {
      setErrors(refusal(error))
    } finally {
      setSaving(false)
    }
  }

  return (
    <ConsoleModal
      open
      title={`重置「${props.staff.name}」的密码`}
      testId='staff-pin-dialog'
      actions={
        <>
          <ConsoleButton onClick={props.onClose}>取消</ConsoleButton>
          <ConsoleButton kind='primary' loading={saving} testId='staff-pin-submit' onClick={() => void submit()}>
            重置密码
          </ConsoleButton>
        </>
      }
    >
      <View className='console-form'>
        <Text className='console-muted staff-dialog__note'>
          重置后该店员在所有设备上的登录会失效，需用新密码重新登录。
        </Text>
        <PinFields
          pin={pins.pin}
          again={pins.again}
          errors={errors}
          onChange={(c) => setPins((p) => ({ ...p, ...c }))}
        />
        {errors[''] ? <Text className='console-field__error'>{errors['']}</Text> : null}
      </View>
    </ConsoleModal>
  )
}
