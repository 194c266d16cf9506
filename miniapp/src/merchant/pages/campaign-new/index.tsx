import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { failureOf } from '../../../api/client'
import { routes } from '../../../routes'
import { ConsoleButton } from '../../components/console-button'
import { ConsoleShell, useConsoleAccess } from '../../components/console-shell'
import { loadSegments, previewSegment } from '../../automation/automation-api'
import { wizardStepLabels, wizardSteps, type WizardStep } from '../../automation/campaign-draft'
import { BudgetStep, ConfirmStep, HoldoutStep, ScheduleStep } from '../../automation/campaign-plan-steps'
import { OfferStep, SegmentStep, VariantsStep } from '../../automation/campaign-steps'
import { useCampaignWizardStore } from '../../automation/campaign-wizard.store'
import { useConsoleLoad } from '../../use-console-load'
import '../../console.css'
import '../../automation/automation.css'

/** 新建活动: 人群 → 优惠 → 变体 → 对照组 → 预算 → 时间 → 确认, one step at a time; the server's refusals shown. */
export default function MerchantCampaignNewPage() {
  const ready = useConsoleAccess('engagement')
  const draft = useCampaignWizardStore((s) => s.draft)
  const step = useCampaignWizardStore((s) => s.step)
  const errors = useCampaignWizardStore((s) => s.errors)
  const refusal = useCampaignWizardStore((s) => s.refusal)
  const submitting = useCampaignWizardStore((s) => s.submitting)
  const segments = useConsoleLoad(ready, loadSegments)
  const segment = segments.data?.segments.find((s) => s.id === draft.segmentId) ?? null
  const members = useSegmentCount(segment?.filter ?? null, segment?.id ?? '')
  // A fresh wizard each time the page opens; the last campaign's draft does not come back.
  useEffect(() => () => useCampaignWizardStore.getState().wizardReset(), [])

  const store = useCampaignWizardStore.getState
  const submit = async () => {
    const created = await store().submit()
    if (created) {
      void Taro.showToast({ title: '活动已创建', icon: 'success' })
      void Taro.redirectTo({ url: `${routes.merchantCampaign}?id=${encodeURIComponent(created.id)}` })
    }
  }
  const back = () => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.merchantCampaigns }))
  const index = wizardSteps.indexOf(step)

  return (
    <ConsoleShell active='engagement' title='新建活动'>
      <View className='eng-back'>
        <ConsoleButton kind='link' onClick={back}>
          ‹ 返回营销活动
        </ConsoleButton>
      </View>
      <View className='eng-steps' data-testid='wizard-steps'>
        {wizardSteps.map((s, i) => (
          <View
            key={s}
            className={`eng-step ${s === step ? 'eng-step--on' : i < index ? 'eng-step--done' : ''}`}
            data-testid={`wizard-step-${s}`}
            onClick={() => store().stepChosen(s)}
          >
            <Text className='eng-step__number'>{i < index ? '✓' : i + 1}</Text>
            <Text>{wizardStepLabels[s]}</Text>
          </View>
        ))}
      </View>
      {refusal && (refusal.step === null || refusal.step === step) ? (
        <View className='console-notice console-notice--error' data-testid='wizard-refusal'>
          {refusal.text}
        </View>
      ) : null}
      {segments.failure ? (
        <View className='console-notice console-notice--error'>{segments.failure.message}</View>
      ) : null}
      <View className='console-card' data-testid={`wizard-${step}`}>
        <Text className='console-card__title eng-section-title'>
          {index + 1}. {wizardStepLabels[step]}
        </Text>
        <StepBody step={step} members={members} segment={segment} segments={segments.data?.segments ?? []} />
        {Object.keys(errors).length > 0 && !Object.keys(errors).some((key) => shownOn(key, step)) ? (
          <Text className='eng-error-text'>{Object.values(errors)[0]}</Text>
        ) : null}
        <View className='eng-wizard-nav'>
          {index > 0 ? (
            <ConsoleButton testId='wizard-back' onClick={() => store().backPressed()}>
              上一步
            </ConsoleButton>
          ) : (
            <View />
          )}
          {step === 'confirm' ? (
            <ConsoleButton kind='primary' testId='wizard-submit' loading={submitting} onClick={() => void submit()}>
              {draft.when === 'now' ? '确认并发送' : '确认并定时'}
            </ConsoleButton>
          ) : (
            <ConsoleButton kind='primary' testId='wizard-next' onClick={() => store().nextPressed()}>
              下一步
            </ConsoleButton>
          )}
        </View>
      </View>
    </ConsoleShell>
  )
}

function StepBody(props: { step: WizardStep; members: number | null; segment: Segment | null; segments: Segment[] }) {
  const draft = useCampaignWizardStore((s) => s.draft)
  const errors = useCampaignWizardStore((s) => s.errors)
  switch (props.step) {
    case 'segment':
      return <SegmentStep draft={draft} errors={errors} segments={props.segments} />
    case 'offer':
      return <OfferStep draft={draft} errors={errors} />
    case 'variants':
      return <VariantsStep draft={draft} errors={errors} />
    case 'holdout':
      return <HoldoutStep draft={draft} errors={errors} />
    case 'budget':
      return <BudgetStep draft={draft} errors={errors} expectedMembers={props.members} />
    case 'schedule':
      return <ScheduleStep draft={draft} errors={errors} />
    default:
      return <ConfirmStep draft={draft} segment={props.segment} expectedMembers={props.members} />
  }
}

type Segment = Awaited<ReturnType<typeof loadSegments>>['segments'][number]

/** Whether an error key has an input on `step` (else the step shows it as a line above the buttons). */
function shownOn(key: string, step: WizardStep): boolean {
  if (step === 'segment') return key === 'name' || key === 'segmentId'
  if (step === 'offer') return key.startsWith('variants.0.')
  if (step === 'variants') return key.startsWith('variants.')
  if (step === 'holdout') return key === 'holdoutPercent'
  if (step === 'budget') return key === 'budgetCoupons'
  if (step === 'schedule') return key === 'schedule'
  return false
}

/** The chosen segment's member count now (for the budget's estimate and the confirmation). */
function useSegmentCount(filter: Parameters<typeof previewSegment>[0] | null, key: string): number | null {
  const [count, setCount] = useState<number | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` (the segment id) stands for its filter.
  useEffect(() => {
    setCount(null)
    if (!filter) return
    let current = true
    previewSegment(filter)
      .then((answer) => current && setCount(answer.count))
      .catch((error) => current && void Taro.showToast({ title: failureOf(error).message, icon: 'none' }))
    return () => {
      current = false
    }
  }, [key])
  return count
}
