import { Input, Text, View } from '@tarojs/components'
import { messageCategoryLabels, type SegmentView } from '@mc/shared'
import { Field } from '../components/field'
import { Chip } from '../mall/chip'
import { countText, couponText } from './automation-copy'
import type { CampaignDraft, DraftErrors } from './campaign-draft'
import { useCampaignWizardStore } from './campaign-wizard.store'

const edit = (patch: Partial<CampaignDraft>) => useCampaignWizardStore.getState().draftEdited(patch)

/** 对照组: the share of the segment that gets nothing, so the results can compare. */
export function HoldoutStep({ draft, errors }: { draft: CampaignDraft; errors: DraftErrors }) {
  return (
    <Field
      label='对照组比例'
      error={errors.holdoutPercent}
      hint='这部分会员不发送，活动结束后对比两组的下单与消费，才能看出活动真正带来的增量'
    >
      <View className='eng-input-unit'>
        <Input
          className='console-input'
          name='holdoutPercent'
          type='number'
          value={draft.holdoutPercent}
          onInput={(e) => edit({ holdoutPercent: e.detail.value })}
        />
        <Text className='console-muted'>%</Text>
      </View>
    </Field>
  )
}

/** 预算: the most coupons to issue, and what happens when the segment would take more. */
export function BudgetStep(props: { draft: CampaignDraft; errors: DraftErrors; expectedMembers: number | null }) {
  const { draft, errors, expectedMembers } = props
  if (draft.offer === 'none') return <Text className='console-muted'>本活动不发券，无需设置预算。</Text>
  const expected = expectedCoupons(draft, expectedMembers)
  return (
    <>
      <Field
        label='最多发放（张）'
        error={errors.budgetCoupons}
        required
        hint={expected === null ? undefined : `按当前人群预计发券约 ${countText(expected)} 张`}
      >
        <Input
          className='console-input'
          name='budgetCoupons'
          type='number'
          value={draft.budgetCoupons}
          onInput={(e) => edit({ budgetCoupons: e.detail.value })}
        />
      </Field>
      <Field label='人群超出预算时'>
        <View className='console-chips'>
          <Chip on={!draft.stopAtBudget} onClick={() => edit({ stopAtBudget: false })}>
            不创建活动
          </Chip>
          <Chip on={draft.stopAtBudget} testId='wizard-stop-at-budget' onClick={() => edit({ stopAtBudget: true })}>
            发到预算为止
          </Chip>
        </View>
      </Field>
    </>
  )
}

/** Coupons the campaign would issue now: the members outside the holdout; null before the count is known. */
export function expectedCoupons(draft: CampaignDraft, members: number | null): number | null {
  const holdout = Number(draft.holdoutPercent)
  if (members === null || !Number.isFinite(holdout)) return null
  return Math.round((members * (100 - holdout)) / 100)
}

/** 时间: now, or a day and time in Beijing time. */
export function ScheduleStep({ draft, errors }: { draft: CampaignDraft; errors: DraftErrors }) {
  return (
    <>
      <Field label='发送时间'>
        <View className='console-chips'>
          <Chip on={draft.when === 'now'} testId='wizard-when-now' onClick={() => edit({ when: 'now' })}>
            立即发送
          </Chip>
          <Chip
            on={draft.when === 'scheduled'}
            testId='wizard-when-scheduled'
            onClick={() => edit({ when: 'scheduled' })}
          >
            定时发送
          </Chip>
        </View>
      </Field>
      {draft.when === 'scheduled' ? (
        <View className='eng-pair'>
          <Field label='日期' error={errors.schedule}>
            <Input
              className='console-input'
              name='scheduledDay'
              placeholder='YYYY-MM-DD'
              value={draft.scheduledDay}
              onInput={(e) => edit({ scheduledDay: e.detail.value })}
            />
          </Field>
          <Field label='时间（北京时间）'>
            <Input
              className='console-input'
              name='scheduledTime'
              placeholder='HH:MM'
              value={draft.scheduledTime}
              onInput={(e) => edit({ scheduledTime: e.detail.value })}
            />
          </Field>
        </View>
      ) : null}
      <Text className='console-muted'>免打扰时段内的微信和短信会延后到早上发送。</Text>
    </>
  )
}

/** 确认: everything the campaign will do, as one list. */
export function ConfirmStep(props: {
  draft: CampaignDraft
  segment: SegmentView | null
  expectedMembers: number | null
}) {
  const { draft, segment, expectedMembers } = props
  const used = draft.abTest ? draft.variants : [draft.variants[0]]
  const coupon = (index: number) => {
    const v = draft.variants[index]
    const money = (yuan: string) => Math.round(Number(yuan) * 100)
    const coupon = {
      thresholdFen: money(v.thresholdYuan),
      discountFen: money(v.discountYuan),
      validDays: Number(v.validDays),
    }
    return `${v.couponName}（${couponText(coupon)}）`
  }
  const rows: [string, string][] = [
    ['活动名称', draft.name],
    ['人群', segment ? `${segment.name} · ${segment.summary}` : '—'],
    ['当前人数', countText(expectedMembers)],
    ['消息类别', messageCategoryLabels[draft.category]],
    ['优惠', draft.offer === 'coupon' ? used.map((_, i) => coupon(i)).join(' / ') : '不发券'],
    ['分组', draft.abTest ? 'A/B 测试（平均分配）' : '单一消息'],
    ...used.map((v, i): [string, string] => [draft.abTest ? `消息 ${'AB'[i]}` : '消息', `${v.title}：${v.body}`]),
    ['对照组', `${draft.holdoutPercent}%`],
    ['预算', draft.offer === 'coupon' ? `${draft.budgetCoupons} 张${draft.stopAtBudget ? '，发到预算为止' : ''}` : '—'],
    ['发送时间', draft.when === 'now' ? '立即发送' : `${draft.scheduledDay} ${draft.scheduledTime}（北京时间）`],
  ]
  return (
    <View className='eng-summary' data-testid='wizard-summary'>
      {rows.map(([label, value]) => (
        <View key={label} className='eng-summary__row'>
          <Text className='eng-summary__label'>{label}</Text>
          <Text className='eng-summary__value'>{value}</Text>
        </View>
      ))}
    </View>
  )
}
