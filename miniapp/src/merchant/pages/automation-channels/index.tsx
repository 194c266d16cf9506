import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { loadOutreachStatus } from '../../automation/automation-api'
import { useAutomationStore } from '../../automation/automation.store'
import { ChannelFields } from '../../automation/channel-fields'
import {
  channelsKeyOfPath,
  channelsOfForm,
  formOfChannels,
  type ChannelsErrors,
  type ChannelsForm,
} from '../../automation/channels-form'
import { EngagementTabs } from '../../automation/engagement-tabs'
import { OutreachStatusCard } from '../../automation/outreach-status-card'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../automation/automation.css'

/** 渠道设置: what each channel can reach now, and the WeChat and SMS templates per message category. */
export default function MerchantAutomationChannelsPage() {
  const ready = useConsoleAccess('engagement')
  const mayEdit = useCan('engagement.edit')
  const settings = useAutomationStore((s) => s.settings)
  const saving = useAutomationStore((s) => s.saving === 'channels')
  const status = useConsoleLoad(ready, loadOutreachStatus)
  const [form, setForm] = useState<ChannelsForm | null>(null)
  const [errors, setErrors] = useState<ChannelsErrors>({})
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null)
  useEffect(() => {
    if (ready) void useAutomationStore.getState().load()
  }, [ready])
  useEffect(() => {
    if (settings) setForm((shown) => shown ?? formOfChannels(settings))
  }, [settings])

  const save = async () => {
    if (!form || !settings) return
    setNotice(null)
    const answer = channelsOfForm(form, settings)
    if ('errors' in answer) {
      setErrors(answer.errors)
      return
    }
    setErrors({})
    const saved = await useAutomationStore
      .getState()
      .save('channels', (latest) => ({ ...latest, wechat: answer.settings.wechat, sms: answer.settings.sms }))
    if (saved) {
      setForm(formOfChannels(saved))
      setNotice({ error: false, text: '已保存' })
      void status.reload()
      return
    }
    const failure = useAutomationStore.getState().failure
    const issues = Array.isArray(failure?.details?.issues) ? failure.details.issues : []
    const fromServer: ChannelsErrors = {}
    for (const issue of issues as { path?: unknown; message?: unknown }[])
      fromServer[channelsKeyOfPath(String(issue.path ?? '').split('.'))] = String(issue.message ?? '').split(' / ')[0]
    setErrors(fromServer)
    setNotice({ error: true, text: failure?.message ?? '保存失败' })
  }

  return (
    <ConsoleShell active='engagement' title='会员触达'>
      <EngagementTabs active='channels' />
      {notice ? (
        <View
          className={`console-notice ${notice.error ? 'console-notice--error' : 'console-notice--success'}`}
          data-testid='channels-notice'
        >
          {notice.text}
        </View>
      ) : null}
      {status.failure ? <View className='console-notice console-notice--error'>{status.failure.message}</View> : null}
      {status.data && settings ? <OutreachStatusCard status={status.data} settings={settings} /> : null}
      {form ? (
        <>
          <ChannelFields form={form} errors={errors} disabled={!mayEdit} onChange={setForm} />
          {mayEdit ? (
            <View className='eng-save'>
              <ConsoleButton kind='primary' testId='channels-save' loading={saving} onClick={() => void save()}>
                保存渠道设置
              </ConsoleButton>
            </View>
          ) : null}
        </>
      ) : (
        <View className='console-empty'>加载中…</View>
      )}
    </ConsoleShell>
  )
}
