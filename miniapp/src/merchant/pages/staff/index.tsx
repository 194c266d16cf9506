import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { StaffView } from '@mc/shared'
import { failureOf } from '../../../api/client'
import { shanghaiDateTime } from '../../../format'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleModal } from '../../components/console-modal'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { type ConsoleColumn, ConsoleTable } from '../../components/console-table'
import { consoleCall } from '../../console-call'
import { Chip } from '../../mall/chip'
import { useCan, useOperator } from '../../operator.store'
import { CreateStaffDialog, ResetPinDialog } from '../../staff/staff-dialogs'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../staff/staff-console.css'

type Dialog = { kind: 'create' } | { kind: 'pin'; staff: StaffView } | { kind: 'disable'; staff: StaffView }

/** Staff accounts per store: create, disable or enable, reset PIN. A store manager sees only their own store. */
export default function MerchantStaffPage() {
  const allowed = useConsoleAccess('staff')
  const canEdit = useCan('staff.edit')
  const ownOutlet = useOperator()?.outletId ?? null
  const [filter, setFilter] = useState<string | null>(null)
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const outletsLoad = useConsoleLoad(allowed, () => consoleCall((api) => api.admin.outlets.$get()))
  const staffLoad = useConsoleLoad(
    allowed,
    () => consoleCall((api) => api.admin.staff.$get({ query: filter ? { outletId: filter } : {} })),
    filter ?? '',
  )
  const outlets = outletsLoad.data?.outlets ?? []
  const staff = staffLoad.data?.staff ?? null
  const error = staffLoad.failure?.message ?? outletsLoad.failure?.message ?? null

  const setDisabled = async (member: StaffView, disabled: boolean) => {
    setBusy(member.id)
    try {
      const changed = await consoleCall((api) =>
        api.admin.staff[':staffId'].$patch({ param: { staffId: member.id }, json: { disabled } }),
      )
      await staffLoad.reload()
      setNotice(changed.disabled ? `已停用「${changed.name}」，其登录已全部失效` : `已启用「${changed.name}」`)
      setDialog(null)
    } catch (failure) {
      setNotice(failureOf(failure).message)
    } finally {
      setBusy(null)
    }
  }
  const created = (member: StaffView) => {
    setDialog(null)
    void staffLoad.reload()
    setNotice(`已为「${member.outlet.name}」创建店员「${member.name}」，可用手机号和密码登录收银台`)
  }

  const managerOutlet = ownOutlet ? outlets.find((o) => o.id === ownOutlet) : undefined
  const actions = canEdit ? (
    <ConsoleButton kind='primary' testId='staff-create' onClick={() => setDialog({ kind: 'create' })}>
      新建店员
    </ConsoleButton>
  ) : null

  return (
    <ConsoleShell active='staff' title='店员' actions={actions}>
      {notice ? (
        <View className='console-notice console-notice--success' data-testid='staff-notice'>
          {notice}
        </View>
      ) : null}
      {error ? <View className='console-notice console-notice--error'>{error}</View> : null}
      <View className='console-card'>
        {ownOutlet ? (
          <Text className='console-muted staff-scope'>仅显示你管理的门店：{managerOutlet?.name ?? ownOutlet}</Text>
        ) : (
          <View className='console-chips staff-filter'>
            <Chip on={filter === null} onClick={() => setFilter(null)}>
              全部门店
            </Chip>
            {outlets.map((outlet) => (
              <Chip key={outlet.id} on={filter === outlet.id} onClick={() => setFilter(outlet.id)}>
                {outlet.name}
              </Chip>
            ))}
          </View>
        )}
        {staff === null ? (
          <View className='console-empty'>{error ? '' : '加载中…'}</View>
        ) : (
          <ConsoleTable
            columns={staffColumns({ canEdit, busy, setDialog, enable: (s) => void setDisabled(s, false) })}
            rows={staff}
            rowKey={(s) => s.id}
            rowTestId={(s) => `staff-row-${s.id}`}
            empty={canEdit ? '还没有店员，点击「新建店员」添加' : '还没有店员'}
          />
        )}
      </View>

      {dialog?.kind === 'create' ? (
        <CreateStaffDialog
          outlets={ownOutlet ? outlets.filter((o) => o.id === ownOutlet) : outlets}
          outletId={ownOutlet ?? filter ?? (outlets.length === 1 ? outlets[0].id : null)}
          onClose={() => setDialog(null)}
          onCreated={created}
        />
      ) : null}
      {dialog?.kind === 'pin' ? (
        <ResetPinDialog
          staff={dialog.staff}
          onClose={() => setDialog(null)}
          onDone={(member) => {
            setDialog(null)
            void staffLoad.reload()
            setNotice(`已重置「${member.name}」的密码，原有登录已失效`)
          }}
        />
      ) : null}
      <ConsoleModal
        open={dialog?.kind === 'disable'}
        title='停用店员'
        testId='staff-disable-dialog'
        onClose={() => setDialog(null)}
        actions={
          <>
            <ConsoleButton onClick={() => setDialog(null)}>取消</ConsoleButton>
            <ConsoleButton
              kind='danger'
              testId='staff-disable-confirm'
              loading={busy !== null}
              onClick={() => dialog?.kind === 'disable' && void setDisabled(dialog.staff, true)}
            >
              确认停用
            </ConsoleButton>
          </>
        }
      >
        <Text>
          {dialog?.kind === 'disable'
            ? `停用后「${dialog.staff.name}」将无法登录收银台，已登录的设备会立即退出。之后可以重新启用。`
            : ''}
        </Text>
      </ConsoleModal>
    </ConsoleShell>
  )
}

function staffColumns(props: {
  canEdit: boolean
  busy: string | null
  setDialog: (dialog: Dialog) => void
  enable: (staff: StaffView) => void
}): ConsoleColumn<StaffView>[] {
  const columns: ConsoleColumn<StaffView>[] = [
    { key: 'name', title: '姓名', main: true, render: (s) => s.name },
    { key: 'phone', title: '手机号', render: (s) => s.phoneMasked },
    { key: 'outlet', title: '门店', render: (s) => s.outlet.name },
    {
      key: 'status',
      title: '状态',
      render: (s) =>
        s.disabled ? (
          <Text className='console-badge console-badge--red'>已停用</Text>
        ) : (
          <Text className='console-badge console-badge--green'>在用</Text>
        ),
    },
    { key: 'created', title: '创建时间', render: (s) => shanghaiDateTime(s.createdAt) },
  ]
  if (!props.canEdit) return columns
  const actions: ConsoleColumn<StaffView> = {
    key: 'actions',
    title: '操作',
    end: true,
    render: (s) => (
      <View className='console-row-actions'>
        <ConsoleButton
          size='small'
          testId={`staff-pin-${s.id}`}
          onClick={() => props.setDialog({ kind: 'pin', staff: s })}
        >
          重置密码
        </ConsoleButton>
        {s.disabled ? (
          <ConsoleButton size='small' loading={props.busy === s.id} onClick={() => props.enable(s)}>
            启用
          </ConsoleButton>
        ) : (
          <ConsoleButton
            size='small'
            kind='danger'
            testId={`staff-disable-${s.id}`}
            onClick={() => props.setDialog({ kind: 'disable', staff: s })}
          >
            停用
          </ConsoleButton>
        )}
      </View>
    ),
  }
  return [...columns, actions]
}
