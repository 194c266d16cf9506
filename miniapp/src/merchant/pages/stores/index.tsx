import { useCallback, useEffect, useState } from 'react'
import { Image, Input, Text, View } from '@tarojs/components'
import { type AdminOutletView, CreateOutletBody } from '@mc/shared'
import { failureOf } from '../../../api/client'
import { shanghaiDateTime } from '../../../format'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell } from '../../components/console-shell'
import { type ConsoleColumn, ConsoleTable } from '../../components/console-table'
import { Field } from '../../components/field'
import { consoleCall } from '../../console-call'
import { useCan } from '../../operator.store'
import { saveOutletQr } from '../../outlets/outlet-qr'
import { OutletDetailsDialog, pickupDetailsText } from '../../outlets/outlet-details-dialog'
import { OutletPoster } from '../../outlets/outlet-poster'
import { useOutletQr } from '../../outlets/use-outlet-qr'
import '../../console.css'
import '../../outlets/outlets-console.css'

/** 门店: open a store, and for each store its join QR as a PNG to download and a poster to print. */
export default function MerchantStoresPage() {
  const [outlets, setOutlets] = useState<AdminOutletView[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [poster, setPoster] = useState<AdminOutletView | null>(null)
  const [editing, setEditing] = useState<AdminOutletView | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const canEdit = useCan('outlets.edit')
  const canRead = useCan('outlets.read')

  const load = useCallback(async () => {
    try {
      setOutlets((await consoleCall((api) => api.admin.outlets.$get())).outlets)
      setError(null)
    } catch (failure) {
      setError(failureOf(failure).message)
    }
  }, [])
  useEffect(() => {
    if (canRead) void load()
  }, [canRead, load])

  const columns: ConsoleColumn<AdminOutletView>[] = [
    { key: 'name', title: '门店', main: true, render: (outlet) => outlet.name },
    { key: 'pickup', title: '自提信息', render: (outlet) => <PickupCell outlet={outlet} /> },
    { key: 'qr', title: '入会二维码', render: (outlet) => <QrThumb outlet={outlet} /> },
    { key: 'created', title: '开通时间', render: (outlet) => shanghaiDateTime(outlet.createdAt) },
    {
      key: 'actions',
      title: '操作',
      end: true,
      render: (outlet) => (
        <OutletButtons
          outlet={outlet}
          canEdit={canEdit}
          onEdit={setEditing}
          onPoster={setPoster}
          onNotice={setNotice}
        />
      ),
    },
  ]

  return (
    <ConsoleShell active='stores' title='门店'>
      {canEdit && (
        <NewOutlet
          onCreated={(outlet) => {
            setOutlets((list) => [...(list ?? []), outlet])
            setNotice(`门店「${outlet.name}」已开通，可下载入会二维码或打印海报`)
          }}
        />
      )}
      {notice ? (
        <View className='console-notice console-notice--success' data-testid='stores-notice'>
          {notice}
        </View>
      ) : null}
      {poster && <OutletPoster key={poster.id} outlet={poster} onClose={() => setPoster(null)} />}
      {editing && (
        <OutletDetailsDialog
          key={editing.id}
          outlet={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setOutlets((list) => list?.map((outlet) => (outlet.id === saved.id ? saved : outlet)) ?? null)
            setEditing(null)
            setNotice(`门店「${saved.name}」的自提信息已保存`)
          }}
        />
      )}
      <View className='console-card outlets-console__list'>
        <View className='console-card__head'>
          <Text className='console-card__title'>全部门店</Text>
          {outlets && <Text className='console-card__sub'>共 {outlets.length} 家</Text>}
        </View>
        {outlets === null ? (
          <View className='console-empty'>{error ?? '加载中…'}</View>
        ) : (
          <ConsoleTable
            columns={columns}
            rows={outlets}
            rowKey={(outlet) => outlet.id}
            rowTestId={(outlet) => `outlet-${outlet.id}`}
            empty='还没有门店，先在上方开通第一家'
          />
        )}
      </View>
    </ConsoleShell>
  )
}

function NewOutlet({ onCreated }: { onCreated: (outlet: AdminOutletView) => void }) {
  const [name, setName] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const create = async () => {
    const check = CreateOutletBody.safeParse({ name })
    if (!check.success) {
      return setProblem(name.trim() === '' ? '请填写门店名称' : '门店名称最多 32 个字')
    }
    setBusy(true)
    setProblem(null)
    try {
      onCreated(await consoleCall((api) => api.admin.outlets.$post({ json: check.data })))
      setName('')
    } catch (error) {
      setProblem(failureOf(error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='console-card'>
      <Text className='console-card__title outlets-console__heading'>开通门店</Text>
      <View className='console-toolbar'>
        <Field label='门店名称' required error={problem}>
          <Input
            className='console-input'
            placeholder='例如：南京西路店'
            maxlength={40}
            value={name}
            onInput={(e) => {
              setName(e.detail.value)
              setProblem(null)
            }}
            onConfirm={() => void create()}
          />
        </Field>
        <ConsoleButton kind='primary' loading={busy} testId='outlet-create' onClick={() => void create()}>
          开通门店
        </ConsoleButton>
      </View>
    </View>
  )
}

function QrThumb({ outlet }: { outlet: AdminOutletView }) {
  const qr = useOutletQr(outlet.id)
  if (qr.src) {
    return (
      <Image
        className='outlets-console__qr'
        src={qr.src}
        mode='aspectFit'
        data-testid={`outlet-qr-${outlet.id}`}
        {...({ alt: `${outlet.name}入会二维码` } as object)}
      />
    )
  }
  return <Text className='console-muted'>{qr.error ?? '加载中…'}</Text>
}

/** What shoppers read when they choose this store for a pickup, or that it is paused or not filled in yet. */
function PickupCell({ outlet }: { outlet: AdminOutletView }) {
  const details = pickupDetailsText(outlet)
  return (
    <View className='outlets-console__pickup' data-testid={`outlet-pickup-${outlet.id}`}>
      {outlet.closedAt !== null && <Text className='console-badge console-badge--orange'>暂停自提</Text>}
      <Text className={details ? '' : 'console-muted'}>{details || '未填写地址和营业时间'}</Text>
    </View>
  )
}

function OutletButtons(props: {
  outlet: AdminOutletView
  canEdit: boolean
  onEdit: (outlet: AdminOutletView) => void
  onPoster: (outlet: AdminOutletView) => void
  onNotice: (text: string) => void
}) {
  const { outlet } = props
  const qr = useOutletQr(outlet.id)
  const download = async () => {
    if (!qr.src) return
    try {
      await saveOutletQr(qr.src, outlet.name)
      if (process.env.TARO_ENV === 'weapp') props.onNotice('二维码已保存到相册')
    } catch {
      props.onNotice('保存失败，请允许保存到相册后重试')
    }
  }
  return (
    <View className='console-row-actions'>
      {props.canEdit && (
        <ConsoleButton size='small' testId={`outlet-edit-${outlet.id}`} onClick={() => props.onEdit(outlet)}>
          自提信息
        </ConsoleButton>
      )}
      <ConsoleButton size='small' disabled={!qr.src} testId={`outlet-download-${outlet.id}`} onClick={download}>
        {process.env.TARO_ENV === 'weapp' ? '保存二维码' : '下载二维码 PNG'}
      </ConsoleButton>
      <ConsoleButton size='small' testId={`outlet-poster-${outlet.id}`} onClick={() => props.onPoster(outlet)}>
        入会海报
      </ConsoleButton>
    </View>
  )
}
