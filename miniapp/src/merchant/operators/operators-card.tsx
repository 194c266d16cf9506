import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import {
  CreateOperatorBody,
  roleLabels,
  roles,
  type AdminOutletsResponse,
  type OperatorList,
  type OperatorRole,
  type OperatorView,
} from '@mc/shared'
import { shanghaiDateTime } from '../../format'
import { consoleCall } from '../console-call'
import { ConsoleButton } from '../components/console-button'
import { ConsoleModal } from '../components/console-modal'
import { ConsoleTable } from '../components/console-table'
import { Field, fieldErrors } from '../components/field'
import { consoleFailureOf, useOperator } from '../operator.store'
import { useConsoleLoad } from '../use-console-load'
import { OneTimeSecret } from './one-time-secret'

interface Draft {
  login: string
  name: string
  role: OperatorRole
  outletId: string | null
}

const roleHints: Record<OperatorRole, string> = {
  owner: '全部权限，管理账号、密钥与操作日志',
  operator: '日常运营：规则、商城、门店、会员',
  analyst: '只读查看，手机号打码',
  store_manager: '管理自己门店的店员',
}

type Editing = { mode: 'create' } | { mode: 'edit'; operator: OperatorView }

interface Confirming {
  title: string
  body: string
  label: string
  danger?: boolean
  run: () => Promise<unknown>
}

/** The merchant's console accounts: create (one-time password shown once), change role, disable, reset password. */
export function OperatorsCard({ ready }: { ready: boolean }) {
  const me = useOperator()
  const list = useConsoleLoad<OperatorList>(ready, () => consoleCall((api) => api.admin.operators.$get()))
  const outlets = useConsoleLoad<AdminOutletsResponse>(ready, () => consoleCall((api) => api.admin.outlets.$get()))
  const [editing, setEditing] = useState<Editing | null>(null)
  const [confirming, setConfirming] = useState<Confirming | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [oneTime, setOneTime] = useState<{ name: string; password: string } | null>(null)
  const outletName = (id: string | null) =>
    id === null ? null : (outlets.data?.outlets.find((o) => o.id === id)?.name ?? id)

  const confirm = async () => {
    if (!confirming) return
    setBusy(true)
    try {
      await confirming.run()
      setConfirming(null)
      await list.reload()
    } catch (error) {
      setProblem(consoleFailureOf(error).message)
      setConfirming(null)
    } finally {
      setBusy(false)
    }
  }

  const resetPassword = (operator: OperatorView) =>
    setConfirming({
      title: '重置密码',
      body: `将为「${operator.name}」生成新的一次性密码，并让该账号在所有设备上退出登录。`,
      label: '重置密码',
      run: async () => {
        const { oneTimePassword } = await consoleCall((api) =>
          api.admin.operators[':operatorId']['password-reset'].$post({ param: { operatorId: operator.id } }),
        )
        setOneTime({ name: operator.name, password: oneTimePassword })
      },
    })

  const toggleDisabled = (operator: OperatorView) =>
    setConfirming({
      title: operator.disabled ? '启用账号' : '停用账号',
      body: operator.disabled
        ? `「${operator.name}」将可以重新登录后台。`
        : `「${operator.name}」将立即退出登录，且无法再登录，直到重新启用。`,
      label: operator.disabled ? '启用' : '停用',
      danger: !operator.disabled,
      run: () =>
        consoleCall((api) =>
          api.admin.operators[':operatorId'].$patch({
            param: { operatorId: operator.id },
            json: { disabled: !operator.disabled },
          }),
        ),
    })

  return (
    <View className='console-card' data-testid='operators-card'>
      <View className='console-card__head'>
        <View className='console-form'>
          <Text className='console-card__title'>后台账号</Text>
          <Text className='console-card__sub'>每位同事使用自己的账号登录，所有修改都会记入操作日志</Text>
        </View>
        <ConsoleButton
          kind='primary'
          size='small'
          testId='operator-create'
          onClick={() => setEditing({ mode: 'create' })}
        >
          新建账号
        </ConsoleButton>
      </View>
      {problem ? (
        <View className='console-notice console-notice--error' onClick={() => setProblem(null)}>
          {problem}
        </View>
      ) : null}
      {list.failure && !list.data ? (
        <View className='console-notice console-notice--error'>{list.failure.message}</View>
      ) : null}
      {list.data ? (
        <ConsoleTable
          rows={list.data.operators}
          rowKey={(o) => o.id}
          rowTestId={(o) => `operator-${o.login}`}
          empty='还没有账号'
          columns={[
            {
              key: 'name',
              title: '姓名',
              main: true,
              render: (o) => (
                <View className='console-form'>
                  <Text>{o.name}</Text>
                  <Text className='console-muted'>{o.login}</Text>
                </View>
              ),
            },
            {
              key: 'role',
              title: '角色',
              render: (o) => (
                <Text>
                  {roleLabels[o.role]}
                  {o.outletId ? ` · ${outletName(o.outletId)}` : ''}
                </Text>
              ),
            },
            { key: 'status', title: '状态', render: (o) => <OperatorStatus operator={o} /> },
            {
              key: 'lastLogin',
              title: '最近登录',
              render: (o) => <Text>{o.lastLoginAt ? shanghaiDateTime(o.lastLoginAt) : '从未登录'}</Text>,
            },
            {
              key: 'actions',
              title: '操作',
              end: true,
              render: (o) => (
                <View className='console-row-actions'>
                  <ConsoleButton size='small' onClick={() => setEditing({ mode: 'edit', operator: o })}>
                    编辑
                  </ConsoleButton>
                  <ConsoleButton size='small' onClick={() => resetPassword(o)}>
                    重置密码
                  </ConsoleButton>
                  {o.id !== me?.id ? (
                    <ConsoleButton
                      size='small'
                      kind={o.disabled ? 'default' : 'danger'}
                      onClick={() => toggleDisabled(o)}
                    >
                      {o.disabled ? '启用' : '停用'}
                    </ConsoleButton>
                  ) : null}
                </View>
              ),
            },
          ]}
        />
      ) : list.failure ? null : (
        <View className='console-empty'>加载中…</View>
      )}

      <OperatorDialog
        editing={editing}
        outlets={outlets.data?.outlets ?? []}
        onClose={() => setEditing(null)}
        onCreated={(name, password) => {
          setEditing(null)
          setOneTime({ name, password })
          void list.reload()
        }}
        onSaved={() => {
          setEditing(null)
          void list.reload()
        }}
      />
      <ConsoleModal
        open={confirming !== null}
        title={confirming?.title ?? ''}
        onClose={() => setConfirming(null)}
        actions={
          <>
            <ConsoleButton onClick={() => setConfirming(null)}>取消</ConsoleButton>
            <ConsoleButton
              kind={confirming?.danger ? 'danger' : 'primary'}
              loading={busy}
              testId='confirm-action'
              onClick={() => void confirm()}
            >
              {confirming?.label ?? '确定'}
            </ConsoleButton>
          </>
        }
      >
        <Text>{confirming?.body}</Text>
      </ConsoleModal>
      <OneTimeSecret
        title='一次性密码'
        note={oneTime ? `请把下面的一次性密码交给「${oneTime.name}」，对方首次登录时需要修改密码。` : ''}
        secret={oneTime?.password ?? null}
        testId='one-time-password'
        onClose={() => setOneTime(null)}
      />
    </View>
  )
}

function OperatorStatus({ operator }: { operator: OperatorView }) {
  if (operator.disabled) return <Text className='console-badge console-badge--red'>已停用</Text>
  if (operator.mustChangePassword) return <Text className='console-badge console-badge--orange'>待修改初始密码</Text>
  return <Text className='console-badge console-badge--green'>正常</Text>
}

interface OperatorDialogProps {
  editing: Editing | null
  outlets: { id: string; name: string }[]
  onClose: () => void
  onCreated: (name: string, oneTimePassword: string) => void
  onSaved: () => void
}

/** New account (login, name, role, store for a store manager) or an existing one's name, role and store. */
function OperatorDialog({ editing, outlets, onClose, onCreated, onSaved }: OperatorDialogProps) {
  const [draft, setDraft] = useState<Draft>({ login: '', name: '', role: 'operator', outletId: null })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const [shownFor, setShownFor] = useState<Editing | null>(null)
  // A fresh form each time the dialog opens, filled from the account being edited.
  if (editing !== shownFor) {
    setShownFor(editing)
    setErrors({})
    setDraft(
      editing?.mode === 'edit'
        ? {
            login: editing.operator.login,
            name: editing.operator.name,
            role: editing.operator.role,
            outletId: editing.operator.outletId,
          }
        : { login: '', name: '', role: 'operator', outletId: null },
    )
  }
  const change = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch })
  const pickRole = (role: OperatorRole) =>
    change({ role, outletId: role === 'store_manager' ? (draft.outletId ?? outlets[0]?.id ?? null) : null })

  const save = async () => {
    const parsed = CreateOperatorBody.safeParse(draft)
    const found = parsed.success ? {} : fieldErrors(parsed.error)
    if (editing?.mode === 'edit') delete found.login
    setErrors(found)
    if (Object.keys(found).length > 0 || !editing) return
    setSaving(true)
    try {
      if (editing.mode === 'create') {
        const created = await consoleCall((api) =>
          api.admin.operators.$post({
            json: { login: draft.login, name: draft.name, role: draft.role, outletId: draft.outletId },
          }),
        )
        onCreated(created.operator.name, created.oneTimePassword)
      } else {
        await consoleCall((api) =>
          api.admin.operators[':operatorId'].$patch({
            param: { operatorId: editing.operator.id },
            json: { name: draft.name, role: draft.role, outletId: draft.outletId },
          }),
        )
        onSaved()
      }
    } catch (error) {
      const fields = fieldErrors(error)
      const failure = consoleFailureOf(error)
      if (failure.code === 'OPERATOR_LOGIN_TAKEN') fields.login = failure.message
      setErrors(Object.keys(fields).length > 0 ? fields : { '': failure.message })
    } finally {
      setSaving(false)
    }
  }

  return (
    <ConsoleModal
      open={editing !== null}
      title={editing?.mode === 'edit' ? '编辑账号' : '新建账号'}
      testId='operator-dialog'
      actions={
        <>
          <ConsoleButton onClick={onClose}>取消</ConsoleButton>
          <ConsoleButton kind='primary' loading={saving} testId='operator-save' onClick={() => void save()}>
            {editing?.mode === 'edit' ? '保存' : '创建账号'}
          </ConsoleButton>
        </>
      }
    >
      <View className='console-form'>
        {editing?.mode === 'create' ? (
          <Field label='登录名' required error={errors.login} hint='3–32 位字母、数字或 _ . -，也可用手机号'>
            <Input
              className='console-input'
              placeholder='例如 zhang.san'
              value={draft.login}
              onInput={(e) => change({ login: e.detail.value })}
            />
          </Field>
        ) : null}
        <Field label='姓名' required error={errors.name}>
          <Input
            className='console-input'
            placeholder='同事的姓名'
            value={draft.name}
            onInput={(e) => change({ name: e.detail.value })}
          />
        </Field>
        <Field label='角色' required error={errors.role} hint={roleHints[draft.role]}>
          <View className='console-chips'>
            {roles.map((role) => (
              <Text
                key={role}
                className={`console-chip ${draft.role === role ? 'console-chip--on' : ''}`}
                data-testid={`role-${role}`}
                onClick={() => pickRole(role)}
              >
                {roleLabels[role]}
              </Text>
            ))}
          </View>
        </Field>
        {draft.role === 'store_manager' ? (
          <Field label='负责门店' required error={errors.outletId}>
            {outlets.length === 0 ? (
              <Text className='console-muted'>还没有门店，请先新建门店</Text>
            ) : (
              <View className='console-chips'>
                {outlets.map((outlet) => (
                  <Text
                    key={outlet.id}
                    className={`console-chip ${draft.outletId === outlet.id ? 'console-chip--on' : ''}`}
                    onClick={() => change({ outletId: outlet.id })}
                  >
                    {outlet.name}
                  </Text>
                ))}
              </View>
            )}
          </Field>
        ) : null}
        {errors[''] ? <View className='console-notice console-notice--error'>{errors['']}</View> : null}
      </View>
    </ConsoleModal>
  )
}
