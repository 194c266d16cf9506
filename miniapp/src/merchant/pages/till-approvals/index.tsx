import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { tillHoldLabels, tillStatusLabels, type TillPurchaseView } from '@mc/shared'
import { failureOf } from '../../../api/client'
import { shanghaiDateTime, yuanFromFen } from '../../../format'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleModal } from '../../components/console-modal'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { type ConsoleColumn, ConsoleTable } from '../../components/console-table'
import { consoleCall } from '../../console-call'
import { Chip } from '../../mall/chip'
import { useCan } from '../../operator.store'
import { TillLimitsCard } from '../../till/till-limits-card'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../till/till-console.css'

type Status = 'pending' | 'approved' | 'refused'

/**
 * Till purchases held above the limits: approve (posted then, once) or refuse with a reason. A store manager
 * sees and decides only their own store's; the limits can be changed by whoever may edit the program.
 */
export default function MerchantTillApprovalsPage() {
  const allowed = useConsoleAccess('till')
  const canDecide = useCan('staff.edit')
  const canEditLimits = useCan('program.edit')
  const [status, setStatus] = useState<Status>('pending')
  const [refusing, setRefusing] = useState<TillPurchaseView | null>(null)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const load = useConsoleLoad(
    allowed,
    () => consoleCall((api) => api.admin['till-approvals'].$get({ query: { status } })),
    status,
  )
  const decide = async (purchase: TillPurchaseView, decision: 'approval' | 'refusal') => {
    setBusy(purchase.id)
    try {
      const param = { purchaseId: purchase.id }
      const done = await consoleCall((api) =>
        decision === 'approval'
          ? api.admin['till-approvals'][':purchaseId'].approval.$post({ param })
          : api.admin['till-approvals'][':purchaseId'].refusal.$post({ param, json: { reason: reason.trim() } }),
      )
      setNotice(
        done.status === 'approved'
          ? `已批准小票 ${done.receiptNo}：会员获得 ${done.growth} 成长值、${done.points} 积分`
          : `已拒绝小票 ${done.receiptNo}，不会入账`,
      )
      setRefusing(null)
      setReason('')
    } catch (failure) {
      setNotice(failureOf(failure).message)
    } finally {
      setBusy(null)
      void load.reload()
    }
  }

  const purchases = load.data?.purchases ?? null
  return (
    <ConsoleShell active='till' title='收银审批'>
      {notice ? (
        <View className='console-notice console-notice--success' data-testid='till-notice'>
          {notice}
        </View>
      ) : null}
      {load.failure ? <View className='console-notice console-notice--error'>{load.failure.message}</View> : null}
      {load.data ? (
        <TillLimitsCard
          key={JSON.stringify(load.data.settings)}
          settings={load.data.settings}
          canEdit={canEditLimits}
          onSaved={(_, message) => {
            setNotice(message)
            void load.reload()
          }}
        />
      ) : null}
      <View className='console-card'>
        <View className='console-chips till-tabs'>
          {(['pending', 'approved', 'refused'] as const).map((s) => (
            <Chip key={s} on={status === s} onClick={() => setStatus(s)}>
              {tillStatusLabels[s]}
            </Chip>
          ))}
        </View>
        {purchases === null ? (
          <View className='console-empty'>{load.failure ? '' : '加载中…'}</View>
        ) : (
          <ConsoleTable
            columns={columns({
              status,
              canDecide,
              busy,
              approve: (p) => void decide(p, 'approval'),
              refuse: setRefusing,
            })}
            rows={purchases}
            rowKey={(p) => p.id}
            rowTestId={(p) => `till-row-${p.receiptNo}`}
            empty={status === 'pending' ? '没有待审批的门店消费' : '暂无记录'}
          />
        )}
      </View>
      <ConsoleModal
        open={refusing !== null}
        title='拒绝入账'
        testId='till-refuse-dialog'
        onClose={() => setRefusing(null)}
        actions={
          <>
            <ConsoleButton onClick={() => setRefusing(null)}>取消</ConsoleButton>
            <ConsoleButton
              kind='danger'
              testId='till-refuse-confirm'
              disabled={reason.trim() === ''}
              loading={busy !== null}
              onClick={() => refusing && void decide(refusing, 'refusal')}
            >
              确认拒绝
            </ConsoleButton>
          </>
        }
      >
        <Text>
          {refusing
            ? `小票 ${refusing.receiptNo}（实付 ${yuanFromFen(refusing.paidFen)}）将不会给会员积分和成长值。`
            : ''}
        </Text>
        <Input
          className='console-input'
          name='refusal-reason'
          placeholder='拒绝原因（必填，会记入操作日志）'
          maxlength={200}
          value={reason}
          onInput={(e) => setReason(e.detail.value)}
        />
      </ConsoleModal>
    </ConsoleShell>
  )
}

function columns(props: {
  status: Status
  canDecide: boolean
  busy: string | null
  approve: (purchase: TillPurchaseView) => void
  refuse: (purchase: TillPurchaseView) => void
}): ConsoleColumn<TillPurchaseView>[] {
  const list: ConsoleColumn<TillPurchaseView>[] = [
    { key: 'receipt', title: '小票', main: true, render: (p) => `${p.receiptNo} · ${p.memberNickname}` },
    { key: 'time', title: '登记时间', render: (p) => shanghaiDateTime(p.createdAt) },
    { key: 'where', title: '门店 / 店员', render: (p) => `${p.outlet.name} · ${p.staff.name}` },
    {
      key: 'money',
      title: '金额',
      render: (p) => (
        <View className='till-money'>
          <Text>实付 {yuanFromFen(p.paidFen)}</Text>
          {p.discountFen > 0 ? (
            <Text className='console-muted'>
              原价 {yuanFromFen(p.amountFen)}，{p.couponName ?? '优惠券'} -{yuanFromFen(p.discountFen)}
            </Text>
          ) : null}
        </View>
      ),
    },
    {
      key: 'why',
      title: '原因',
      render: (p) => (p.hold ? `${tillHoldLabels[p.hold.reason]}（${yuanFromFen(p.hold.limitFen)}）` : '—'),
    },
  ]
  if (props.status === 'approved')
    list.push({ key: 'earned', title: '入账', render: (p) => `+${p.growth} 成长值 · +${p.points} 积分` })
  if (props.status === 'refused') list.push({ key: 'reason', title: '拒绝原因', render: (p) => p.refusalReason ?? '' })
  if (props.status !== 'pending' || !props.canDecide) return list
  list.push({
    key: 'actions',
    title: '操作',
    end: true,
    render: (p) => (
      <View className='console-row-actions'>
        <ConsoleButton
          size='small'
          kind='primary'
          testId={`till-approve-${p.receiptNo}`}
          loading={props.busy === p.id}
          onClick={() => props.approve(p)}
        >
          批准入账
        </ConsoleButton>
        <ConsoleButton size='small' kind='danger' testId={`till-refuse-${p.receiptNo}`} onClick={() => props.refuse(p)}>
          拒绝
        </ConsoleButton>
      </View>
    ),
  })
  return list
}
