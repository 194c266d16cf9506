import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { InsightSettings } from '@mc/shared'
import { failureOf } from '../../../api/client'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { consoleCall } from '../../console-call'
import { loadInsightSettings, saveInsightSettings } from '../../insights/insights-api'
import { SettingsFields } from '../../insights/settings-fields'
import { formOfSettings, settingsOfForm, type SettingsErrors, type SettingsForm } from '../../insights/settings-form'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../insights/insights.css'

interface Loaded {
  settings: InsightSettings
  tiers: { id: string; name: string }[]
}

/** The merchant's insight settings: point value, target pyramid, RFM window, lifecycle, category tags, CLV. */
export default function MerchantInsightSettingsPage() {
  const ready = useConsoleAccess('insights')
  const mayEdit = useCan('program.edit')
  const loaded = useConsoleLoad<Loaded>(ready, async () => {
    const [settings, ladder] = await Promise.all([
      loadInsightSettings(),
      consoleCall((api) => api.program.tiers.$get()),
    ])
    return { settings, tiers: ladder.tiers.map((tier) => ({ id: tier.id, name: tier.name })) }
  })
  const [form, setForm] = useState<SettingsForm | null>(null)
  const [errors, setErrors] = useState<SettingsErrors>({})
  const [saving, setSaving] = useState(false)
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null)
  useEffect(() => {
    if (loaded.data) setForm(formOfSettings(loaded.data.settings, loaded.data.tiers.length))
  }, [loaded.data])

  const tierCount = loaded.data?.tiers.length ?? 0
  const save = async () => {
    if (!form) return
    const answer = settingsOfForm(form, tierCount)
    if ('errors' in answer) {
      setErrors(answer.errors)
      return
    }
    setErrors({})
    setSaving(true)
    setNotice(null)
    try {
      const saved = await saveInsightSettings(answer.settings)
      setForm(formOfSettings(saved, tierCount))
      setNotice({ error: false, text: '已保存，今晚的统计起按新设置计算' })
    } catch (error) {
      setNotice({ error: true, text: failureOf(error).message })
    } finally {
      setSaving(false)
    }
  }
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.merchantInsights }))
  return (
    <ConsoleShell active='insights' title='分析设置'>
      <View className='member-back'>
        <ConsoleButton kind='link' onClick={back}>
          ‹ 返回经营分析
        </ConsoleButton>
      </View>
      {loaded.failure ? <View className='console-notice console-notice--error'>{loaded.failure.message}</View> : null}
      {notice ? (
        <View
          className={`console-notice ${notice.error ? 'console-notice--error' : 'console-notice--success'}`}
          data-testid='settings-notice'
        >
          {notice.text}
        </View>
      ) : null}
      {!mayEdit ? <View className='console-notice'>修改分析设置需要“编辑会员规则”权限，当前仅可查看。</View> : null}
      {form && loaded.data ? (
        <SettingsFields form={form} errors={errors} tiers={loaded.data.tiers} disabled={!mayEdit} onChange={setForm} />
      ) : !loaded.failure ? (
        <View className='console-empty'>加载中…</View>
      ) : null}
      {form && mayEdit ? (
        <View className='insights-settings__save'>
          <ConsoleButton kind='primary' testId='settings-save' loading={saving} onClick={() => void save()}>
            保存设置
          </ConsoleButton>
        </View>
      ) : null}
    </ConsoleShell>
  )
}
