import { useEffect, useMemo, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import {
  JourneyKey,
  journeyCategories,
  journeyLabels,
  journeyPlaceholders,
  messageCategoryLabels,
  type AutomationResults,
} from '@mc/shared'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { Field } from '../../components/field'
import { consoleCall } from '../../console-call'
import { loadJourneyResults } from '../../automation/automation-api'
import { useAutomationStore } from '../../automation/automation.store'
import { CopyEditor } from '../../automation/copy-editor'
import { EngSwitch } from '../../automation/engagement-tabs'
import { ResultsSection } from '../../automation/results-card'
import { RulePreview } from '../../automation/rule-preview'
import { formOfRule, ruleFieldOfPath, ruleOfForm, type RuleErrors, type RuleForm } from '../../automation/rule-form'
import { RuleThresholds } from '../../automation/rule-thresholds'
import { useCan } from '../../operator.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../insights/insights.css'
import '../../automation/automation.css'

/** One rule (`?key=win_back`): switch, holdout, thresholds, copy with placeholders and a live preview, results. */
export default function MerchantAutomationRulePage() {
  const parsed = JourneyKey.safeParse(useRouter().params.key)
  const key: JourneyKey = parsed.success ? parsed.data : 'upgrade'
  const ready = useConsoleAccess('engagement')
  const mayEdit = useCan('engagement.edit')
  const rule = useAutomationStore((s) => s.settings?.journeys[key] ?? null)
  const saving = useAutomationStore((s) => s.saving === key)
  const [form, setForm] = useState<RuleForm | null>(null)
  const [errors, setErrors] = useState<RuleErrors>({})
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null)
  const tiers = useConsoleLoad(ready && key === 'win_back', async () => {
    const ladder = await consoleCall((api) => api.program.tiers.$get())
    return ladder.tiers.map((tier) => ({ id: tier.id, name: tier.name }))
  })
  const results = useConsoleLoad<AutomationResults>(ready, () => loadJourneyResults(key), key)
  useEffect(() => {
    if (ready) void useAutomationStore.getState().load()
  }, [ready])
  useEffect(() => {
    if (rule) setForm((shown) => shown ?? formOfRule(rule))
  }, [rule])
  const copy = useMemo(() => ({ title: form?.title ?? '', body: form?.body ?? '' }), [form?.title, form?.body])

  const save = async () => {
    if (!form) return
    setNotice(null)
    const answer = ruleOfForm(key, form)
    if ('errors' in answer) {
      setErrors(answer.errors)
      return
    }
    setErrors({})
    const store = useAutomationStore.getState()
    const saved = await store.save(key, (latest) => ({
      ...latest,
      journeys: { ...latest.journeys, [key]: answer.rule },
    }))
    if (saved) {
      setForm(formOfRule(saved.journeys[key]))
      setNotice({ error: false, text: '已保存，下次运行起生效' })
      return
    }
    const failure = useAutomationStore.getState().failure
    setErrors(serverErrors(failure?.details))
    setNotice({ error: true, text: failure?.message ?? '保存失败' })
  }
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.merchantAutomation }))

  return (
    <ConsoleShell active='engagement' title={journeyLabels[key]}>
      <View className='eng-back'>
        <ConsoleButton kind='link' onClick={back}>
          ‹ 返回自动化规则
        </ConsoleButton>
      </View>
      {notice ? (
        <View
          className={`console-notice ${notice.error ? 'console-notice--error' : 'console-notice--success'}`}
          data-testid='rule-notice'
        >
          {notice.text}
        </View>
      ) : null}
      {form ? (
        <View className='eng-layout' data-testid={`rule-editor-${key}`}>
          <View>
            <View className='console-card'>
              <View className='console-card__head'>
                <Text className='console-card__title'>规则设置</Text>
                <Text className='console-card__sub'>{messageCategoryLabels[journeyCategories[key]]}</Text>
              </View>
              <Field label='启用'>
                <View className='eng-switch-row'>
                  <EngSwitch
                    on={form.enabled}
                    disabled={!mayEdit}
                    testId='rule-enabled'
                    onChange={(on) => setForm({ ...form, enabled: on })}
                  />
                  <Text className='console-muted'>{form.enabled ? '已开启' : '已关闭'}</Text>
                </View>
              </Field>
              <Field
                label='对照组比例'
                error={errors.holdoutPercent}
                hint='这部分会员不发送，只记录“本应发送”，用于对比效果'
              >
                <View className='eng-input-unit'>
                  <Input
                    className='console-input'
                    name='holdoutPercent'
                    type='number'
                    disabled={!mayEdit}
                    value={form.holdoutPercent}
                    onInput={(e) => setForm({ ...form, holdoutPercent: e.detail.value })}
                  />
                  <Text className='console-muted'>%</Text>
                </View>
              </Field>
              <RuleThresholds
                ruleKey={key}
                form={form}
                errors={errors}
                tiers={tiers.data ?? []}
                disabled={!mayEdit}
                onChange={setForm}
              />
            </View>
            <View className='console-card'>
              <Text className='console-card__title eng-section-title'>消息文案</Text>
              <CopyEditor
                title={form.title}
                body={form.body}
                placeholders={journeyPlaceholders[key]}
                errors={{ title: errors.title, body: errors.body }}
                disabled={!mayEdit}
                onChange={(next) => setForm({ ...form, ...next })}
              />
            </View>
            {mayEdit ? (
              <View className='eng-save'>
                <ConsoleButton kind='primary' testId='rule-save' loading={saving} onClick={() => void save()}>
                  保存规则
                </ConsoleButton>
              </View>
            ) : null}
          </View>
          <View className='eng-sticky'>
            <RulePreview ruleKey={key} copy={copy} />
          </View>
        </View>
      ) : (
        <View className='console-empty'>加载中…</View>
      )}
      <ResultsSection title='规则效果' results={results} />
    </ConsoleShell>
  )
}

/** The server's field errors (INVALID_REQUEST issues under `journeys.<key>.…`) beside the fields. */
function serverErrors(details: Record<string, unknown> | undefined): RuleErrors {
  const errors: RuleErrors = {}
  const issues = Array.isArray(details?.issues) ? details.issues : []
  for (const issue of issues as { path?: unknown; message?: unknown }[]) {
    if (typeof issue.path !== 'string' || typeof issue.message !== 'string') continue
    const field = ruleFieldOfPath(issue.path.split('.'))
    if (field && !errors[field]) errors[field] = issue.message.split(' / ')[0] ?? issue.message
  }
  return errors
}
