import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import {
  CreateApiKeyBody,
  permissionLabels,
  permissions as allPermissions,
  type ApiKeyList,
  type ApiKeyView,
  type Permission,
} from '@mc/shared'
import { shanghaiDateTime } from '../../format'
import { consoleCall } from '../console-call'
import { ConsoleButton } from '../components/console-button'
import { ConsoleModal } from '../components/console-modal'
import { ConsoleTable } from '../components/console-table'
import { Field, fieldErrors } from '../components/field'
import { consoleFailureOf } from '../operator.store'
import { useConsoleLoad } from '../use-console-load'
import { OneTimeSecret } from './one-time-secret'

/** Keys for the merchant's scripts: scoped, shown once, revocable. */
export function ApiKeysCard({ ready }: { ready: boolean }) {
  const list = useConsoleLoad<ApiKeyList>(ready, () => consoleCall((api) => api.admin['api-keys'].$get()))
  const [creating, setCreating] = useState(false)
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null)

  const revoke = async () => {
    if (!revoking) return
    setBusy(true)
    try {
      await consoleCall((api) => api.admin['api-keys'][':keyId'].revoke.$post({ param: { keyId: revoking.id } }))
      await list.reload()
    } catch (error) {
      setProblem(consoleFailureOf(error).message)
    } finally {
      setBusy(false)
      setRevoking(null)
    }
  }

  return (
    <View className='console-card' data-testid='api-keys-card'>
      <View className='console-card__head'>
        <View className='console-form'>
          <Text className='console-card__title'>API 密钥</Text>
          <Text className='console-card__sub'>供脚本和系统对接使用，只授予需要的权限</Text>
        </View>
        <ConsoleButton kind='primary' size='small' testId='api-key-create' onClick={() => setCreating(true)}>
          新建密钥
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
          rows={list.data.apiKeys}
          rowKey={(k) => k.id}
          rowTestId={(k) => `api-key-${k.prefix}`}
          empty='还没有 API 密钥'
          columns={[
            {
              key: 'name',
              title: '用途',
              main: true,
              render: (k) => (
                <View className='console-form'>
                  <Text>{k.name}</Text>
                  <Text className='console-muted api-keys__prefix'>{k.prefix}…</Text>
                </View>
              ),
            },
            {
              key: 'permissions',
              title: '权限',
              render: (k) => (
                <View className='api-keys__permissions'>
                  {k.permissions.length === allPermissions.length ? (
                    <Text className='console-badge console-badge--blue'>全部权限</Text>
                  ) : (
                    k.permissions.map((p) => (
                      <Text key={p} className='console-badge'>
                        {permissionLabels[p]}
                      </Text>
                    ))
                  )}
                </View>
              ),
            },
            {
              key: 'lastUsed',
              title: '最近使用',
              render: (k) => <Text>{k.lastUsedAt ? shanghaiDateTime(k.lastUsedAt) : '未使用'}</Text>,
            },
            { key: 'created', title: '创建时间', render: (k) => <Text>{shanghaiDateTime(k.createdAt)}</Text> },
            {
              key: 'actions',
              title: '状态',
              end: true,
              render: (k) =>
                k.revokedAt ? (
                  <Text className='console-badge console-badge--red'>已吊销</Text>
                ) : (
                  <ConsoleButton size='small' kind='danger' onClick={() => setRevoking(k)}>
                    吊销
                  </ConsoleButton>
                ),
            },
          ]}
        />
      ) : list.failure ? null : (
        <View className='console-empty'>加载中…</View>
      )}

      <ApiKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(name, created) => {
          setCreating(false)
          setSecret({ name, secret: created })
          void list.reload()
        }}
      />
      <ConsoleModal
        open={revoking !== null}
        title='吊销密钥'
        onClose={() => setRevoking(null)}
        actions={
          <>
            <ConsoleButton onClick={() => setRevoking(null)}>取消</ConsoleButton>
            <ConsoleButton kind='danger' loading={busy} testId='confirm-revoke' onClick={() => void revoke()}>
              吊销
            </ConsoleButton>
          </>
        }
      >
        <Text>吊销后使用「{revoking?.name}」的脚本将立即无法调用接口，且不能恢复。</Text>
      </ConsoleModal>
      <OneTimeSecret
        title='API 密钥已创建'
        note={secret ? `「${secret.name}」的密钥如下，请配置到脚本中：` : ''}
        secret={secret?.secret ?? null}
        testId='api-key-secret'
        onClose={() => setSecret(null)}
      />
    </View>
  )
}

function ApiKeyDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean
  onClose: () => void
  onCreated: (name: string, secret: string) => void
}) {
  const [name, setName] = useState('')
  const [chosen, setChosen] = useState<Permission[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const [wasOpen, setWasOpen] = useState(open)
  if (open !== wasOpen) {
    setWasOpen(open)
    if (open) {
      setName('')
      setChosen([])
      setErrors({})
    }
  }
  const toggle = (permission: Permission) =>
    setChosen(chosen.includes(permission) ? chosen.filter((p) => p !== permission) : [...chosen, permission])

  const save = async () => {
    // Kept in the matrix's order, whatever order they were ticked in.
    const permissions = allPermissions.filter((p) => chosen.includes(p))
    const parsed = CreateApiKeyBody.safeParse({ name, permissions })
    if (!parsed.success) return setErrors(fieldErrors(parsed.error))
    setErrors({})
    setSaving(true)
    try {
      const created = await consoleCall((api) => api.admin['api-keys'].$post({ json: parsed.data }))
      onCreated(created.apiKey.name, created.secret)
    } catch (error) {
      const fields = fieldErrors(error)
      setErrors(Object.keys(fields).length > 0 ? fields : { '': consoleFailureOf(error).message })
    } finally {
      setSaving(false)
    }
  }

  return (
    <ConsoleModal
      open={open}
      title='新建 API 密钥'
      testId='api-key-dialog'
      actions={
        <>
          <ConsoleButton onClick={onClose}>取消</ConsoleButton>
          <ConsoleButton kind='primary' loading={saving} testId='api-key-save' onClick={() => void save()}>
            创建密钥
          </ConsoleButton>
        </>
      }
    >
      <View className='console-form'>
        <Field label='用途' required error={errors.name}>
          <Input
            className='console-input'
            placeholder='例如 ERP 订单同步'
            value={name}
            onInput={(e) => setName(e.detail.value)}
          />
        </Field>
        <Field label='权限' required error={errors.permissions}>
          <View className='api-keys__choices'>
            {allPermissions.map((permission) => (
              <View
                key={permission}
                className={`console-check ${chosen.includes(permission) ? 'console-check--on' : ''}`}
                data-testid={`permission-${permission}`}
                {...({ role: 'checkbox', 'aria-checked': chosen.includes(permission) } as object)}
                onClick={() => toggle(permission)}
              >
                <Text className='console-check__box'>{chosen.includes(permission) ? '✓' : ''}</Text>
                <Text>{permissionLabels[permission]}</Text>
              </View>
            ))}
          </View>
        </Field>
        {errors[''] ? <View className='console-notice console-notice--error'>{errors['']}</View> : null}
      </View>
    </ConsoleModal>
  )
}
