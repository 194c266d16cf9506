import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, View } from '@tarojs/components'
import { ApiError, failureOf } from '../../../api/client'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { Field } from '../../components/field'
import { consoleCall } from '../../console-call'
import { createSegment, loadSegment, updateSegment } from '../../automation/automation-api'
import { SegmentFields } from '../../automation/segment-fields'
import {
  bodyOfDraft,
  draftOfSegment,
  emptySegmentDraft,
  filterOfDraft,
  segmentErrorsOf,
  type SegmentDraft,
  type SegmentErrors,
} from '../../automation/segment-form'
import { SegmentCountBar, SegmentPreviewCard, useSegmentPreview } from '../../automation/segment-preview-card'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../automation/automation.css'

/** The segment builder (`?id=` edits a saved one): every filter field, the live count and sample, 保存. */
export default function MerchantSegmentPage() {
  const opened = useRouter().params.id ?? null
  // A new segment keeps its id once saved, so a second 保存 updates it instead of making another.
  const [createdId, setCreatedId] = useState<string | null>(null)
  const id = opened ?? createdId
  const ready = useConsoleAccess('engagement')
  const mayEdit = useCan('engagement.edit')
  const mayReadOutlets = useCan('outlets.read')
  const [draft, setDraft] = useState<SegmentDraft | null>(id ? null : emptySegmentDraft())
  const [serverErrors, setServerErrors] = useState<SegmentErrors>({})
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null)
  const [saving, setSaving] = useState(false)
  const saved = useConsoleLoad(ready && opened !== null, () => loadSegment(opened ?? ''), opened ?? '')
  const tiers = useConsoleLoad(ready, async () => {
    const ladder = await consoleCall((api) => api.program.tiers.$get())
    return ladder.tiers.map((tier) => ({ id: tier.id, name: tier.name }))
  })
  const outlets = useConsoleLoad(ready && mayReadOutlets, async () => {
    const answered = await consoleCall((api) => api.admin.outlets.$get())
    return answered.outlets.map((outlet) => ({ id: outlet.id, name: outlet.name }))
  })
  useEffect(() => {
    if (saved.data) setDraft(draftOfSegment(saved.data.name, saved.data.filter))
  }, [saved.data])

  const checked = draft ? filterOfDraft(draft) : null
  const filter = checked && 'filter' in checked ? checked.filter : null
  const preview = useSegmentPreview(filter)
  const errors: SegmentErrors = { ...serverErrors, ...(checked && 'errors' in checked ? checked.errors : {}) }
  const edit = (next: SegmentDraft) => {
    setDraft(next)
    setServerErrors({})
  }
  const save = async () => {
    if (!draft) return
    setNotice(null)
    const answer = bodyOfDraft(draft)
    if ('errors' in answer) {
      setServerErrors(answer.errors)
      return
    }
    setSaving(true)
    try {
      const view = id ? await updateSegment(id, answer.body) : await createSegment(answer.body)
      setNotice({ error: false, text: `已保存：${view.summary}` })
      setCreatedId(view.id)
    } catch (error) {
      const issues = error instanceof ApiError && Array.isArray(error.details?.issues) ? error.details.issues : []
      setServerErrors(
        segmentErrorsOf(
          (issues as { path?: unknown; message?: unknown }[]).map((i) => ({
            path: String(i.path ?? '').split('.'),
            message: String(i.message ?? ''),
          })),
        ),
      )
      setNotice({ error: true, text: failureOf(error).message })
    } finally {
      setSaving(false)
    }
  }
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.merchantSegments }))

  return (
    <ConsoleShell active='engagement' title={id ? '编辑人群' : '新建人群'}>
      <View className='eng-back'>
        <ConsoleButton kind='link' onClick={back}>
          ‹ 返回人群
        </ConsoleButton>
      </View>
      {saved.failure ? <View className='console-notice console-notice--error'>{saved.failure.message}</View> : null}
      {notice ? (
        <View
          className={`console-notice ${notice.error ? 'console-notice--error' : 'console-notice--success'}`}
          data-testid='segment-notice'
        >
          {notice.text}
        </View>
      ) : null}
      {draft ? (
        <View className='eng-layout eng-layout--builder'>
          <View className='console-card'>
            <Field label='人群名称' error={errors.name} required>
              <Input
                className='console-input'
                name='segment-name'
                placeholder='如 沉睡的金卡会员'
                maxlength={40}
                disabled={!mayEdit}
                value={draft.name}
                onInput={(e) => edit({ ...draft, name: e.detail.value })}
              />
            </Field>
            <SegmentFields
              draft={draft}
              errors={errors}
              tiers={tiers.data ?? []}
              outlets={mayReadOutlets ? (outlets.data ?? []) : null}
              disabled={!mayEdit}
              onChange={edit}
            />
            {mayEdit ? (
              <ConsoleButton kind='primary' block testId='segment-save' loading={saving} onClick={() => void save()}>
                保存人群
              </ConsoleButton>
            ) : null}
            <SegmentCountBar state={preview} />
          </View>
          <View className='eng-sticky'>
            <SegmentPreviewCard state={preview} />
          </View>
        </View>
      ) : !saved.failure ? (
        <View className='console-empty'>加载中…</View>
      ) : null}
    </ConsoleShell>
  )
}
