import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { ChangePasswordBody, type OperatorSessionResponse } from '@mc/shared'
import { useOperatorStore } from '../../operator.store'
import { ConsoleButton } from '../console-button'
import { Field, fieldErrors } from '../field'
import '../../console.css'

export interface PasswordFormProps {
  /** Known already (the one-time password just used to log in): the form then asks only for the new one. */
  currentPassword?: string
  submitLabel?: string
  onDone: (response: OperatorSessionResponse) => void
  onCancel?: () => void
}

/** Current password, new password twice; POST /api/operator/password. The BFF ends the account's other sessions. */
export function PasswordForm({ currentPassword, submitLabel = '确认修改', onDone, onCancel }: PasswordFormProps) {
  const saving = useOperatorStore((s) => s.pending === 'password')
  const [current, setCurrent] = useState(currentPassword ?? '')
  const [next, setNext] = useState('')
  const [again, setAgain] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})

  const submit = async () => {
    // A known current password may arrive after the first render (the login answer comes before it is passed).
    const currentValue = currentPassword ?? current
    const parsed = ChangePasswordBody.safeParse({ currentPassword: currentValue, newPassword: next })
    const found = parsed.success ? {} : fieldErrors(parsed.error)
    if (!currentValue) found.currentPassword = '请输入当前密码'
    if (currentPassword !== undefined && found.currentPassword) found[''] = found.currentPassword
    if (next && again !== next && !found.newPassword) found.again = '两次输入的新密码不一致'
    setErrors(found)
    if (Object.keys(found).length > 0) return
    const response = await useOperatorStore.getState().changePassword(currentValue, next)
    if (response) return onDone(response)
    const failure = useOperatorStore.getState().error
    if (failure?.code === 'OPERATOR_PASSWORD_WRONG' && currentPassword === undefined)
      setErrors({ currentPassword: failure.message })
    else if (failure?.code === 'INVALID_REQUEST' && failure.details)
      setErrors(fieldErrors({ issues: pathIssues(failure.details) }))
    else setErrors({ '': failure?.message ?? '修改失败，请重试' })
  }

  return (
    <View className='console-form'>
      {currentPassword === undefined ? (
        <Field label='当前密码' error={errors.currentPassword}>
          <Input
            className='console-input'
            password
            placeholder='当前密码'
            value={current}
            onInput={(e) => setCurrent(e.detail.value)}
          />
        </Field>
      ) : null}
      <Field label='新密码' error={errors.newPassword} hint='至少 10 位，需同时包含字母和数字'>
        <Input
          className='console-input'
          password
          placeholder='新密码'
          value={next}
          onInput={(e) => setNext(e.detail.value)}
        />
      </Field>
      <Field label='确认新密码' error={errors.again}>
        <Input
          className='console-input'
          password
          placeholder='再次输入新密码'
          value={again}
          onInput={(e) => setAgain(e.detail.value)}
          onConfirm={() => void submit()}
        />
      </Field>
      {errors[''] ? <Text className='console-field__error password-form__problem'>{errors['']}</Text> : null}
      <View className='console-modal__actions'>
        {onCancel ? <ConsoleButton onClick={onCancel}>取消</ConsoleButton> : null}
        <ConsoleButton kind='primary' loading={saving} testId='password-submit' onClick={() => void submit()}>
          {submitLabel}
        </ConsoleButton>
      </View>
    </View>
  )
}

/** The BFF's INVALID_REQUEST issues (`path` as `a.b`) in the zod shape `fieldErrors` reads. */
function pathIssues(details: Record<string, unknown>): { path: string[]; message: string }[] {
  const issues = Array.isArray(details.issues) ? details.issues : []
  return issues.flatMap((issue) =>
    typeof issue?.message === 'string'
      ? [{ path: typeof issue.path === 'string' && issue.path ? issue.path.split('.') : [], message: issue.message }]
      : [],
  )
}
