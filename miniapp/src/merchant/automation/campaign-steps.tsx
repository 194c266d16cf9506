import { Input, Text, Textarea, View } from '@tarojs/components'
import { messageCategories, messageCategoryLabels, type SegmentView } from '@mc/shared'
import { Field } from '../components/field'
import { Chip } from '../mall/chip'
import type { CampaignDraft, DraftErrors, VariantDraft } from './campaign-draft'
import { useCampaignWizardStore } from './campaign-wizard.store'
import { EngSwitch } from './engagement-tabs'

const edit = (patch: Partial<CampaignDraft>) => useCampaignWizardStore.getState().draftEdited(patch)
const editVariant = (index: 0 | 1, patch: Partial<VariantDraft>) =>
  useCampaignWizardStore.getState().variantEdited(index, patch)

/** 人群: the campaign's name, the saved segment it goes to, and its message category (members may mute one). */
export function SegmentStep(props: { draft: CampaignDraft; errors: DraftErrors; segments: SegmentView[] }) {
  const { draft, errors, segments } = props
  return (
    <>
      <Field label='活动名称' error={errors.name} required>
        <Input
          className='console-input'
          name='campaign-name'
          placeholder='如 双十二老客回访'
          maxlength={40}
          value={draft.name}
          onInput={(e) => edit({ name: e.detail.value })}
        />
      </Field>
      <Field label='发送人群' error={errors.segmentId} required hint='人群在“人群”页创建'>
        <View className='console-chips'>
          {segments.map((segment) => (
            <Chip
              key={segment.id}
              on={draft.segmentId === segment.id}
              testId={`wizard-segment-${segment.id}`}
              onClick={() => edit({ segmentId: segment.id })}
            >
              {segment.name}
            </Chip>
          ))}
        </View>
        {segments.length === 0 ? <Text className='console-muted'>还没有人群</Text> : null}
      </Field>
      {draft.segmentId ? (
        <Text className='console-muted'>{segments.find((s) => s.id === draft.segmentId)?.summary}</Text>
      ) : null}
      <Field label='消息类别' hint='会员可按类别关闭微信和短信提醒'>
        <View className='console-chips'>
          {messageCategories.map((category) => (
            <Chip key={category} on={draft.category === category} onClick={() => edit({ category })}>
              {messageCategoryLabels[category]}
            </Chip>
          ))}
        </View>
      </Field>
    </>
  )
}

/** 优惠: a coupon or only a message; the coupon of variant A (B's is on the variants step). */
export function OfferStep({ draft, errors }: { draft: CampaignDraft; errors: DraftErrors }) {
  return (
    <>
      <Field label='优惠'>
        <View className='console-chips'>
          <Chip on={draft.offer === 'coupon'} testId='wizard-offer-coupon' onClick={() => edit({ offer: 'coupon' })}>
            发优惠券
          </Chip>
          <Chip on={draft.offer === 'none'} testId='wizard-offer-none' onClick={() => edit({ offer: 'none' })}>
            不发券，只发消息
          </Chip>
        </View>
      </Field>
      {draft.offer === 'coupon' ? <CouponFields index={0} variant={draft.variants[0]} errors={errors} /> : null}
    </>
  )
}

/** A variant's coupon: name, threshold and discount in yuan, days valid. */
export function CouponFields(props: { index: 0 | 1; variant: VariantDraft; errors: DraftErrors }) {
  const { index, variant, errors } = props
  const input = (key: keyof VariantDraft, label: string, unit: string, hint?: string) => (
    <Field label={label} error={errors[`variants.${index}.${key}`]} hint={hint}>
      <View className='eng-input-unit'>
        <Input
          className='console-input'
          name={`v${index}-${key}`}
          type={unit ? 'digit' : 'text'}
          value={variant[key]}
          onInput={(e) => editVariant(index, { [key]: e.detail.value })}
        />
        {unit ? <Text className='console-muted'>{unit}</Text> : null}
      </View>
    </Field>
  )
  return (
    <>
      {input('couponName', '券名', '')}
      <View className='eng-pair'>
        {input('thresholdYuan', '使用门槛', '元', '0 为无门槛')}
        {input('discountYuan', '优惠金额', '元')}
      </View>
      {input('validDays', '有效期', '天')}
    </>
  )
}

/** 变体: the message of A, and with A/B on a second message (and coupon) for B, split evenly. */
export function VariantsStep({ draft, errors }: { draft: CampaignDraft; errors: DraftErrors }) {
  const indexes: (0 | 1)[] = draft.abTest ? [0, 1] : [0]
  return (
    <>
      <Field label='A/B 测试' hint='开启后，除对照组外的会员平均分成 A、B 两组，分别收到不同的消息或优惠'>
        <EngSwitch on={draft.abTest} testId='wizard-ab' onChange={(on) => edit({ abTest: on })} />
      </Field>
      <View className={`eng-variants ${draft.abTest ? 'eng-variants--two' : ''}`}>
        {indexes.map((index) => (
          <View key={index} className='eng-variant' data-testid={`wizard-variant-${index}`}>
            <Text className='eng-variant__title'>{draft.abTest ? `变体 ${'AB'[index]}` : '消息'}</Text>
            <Field label='标题' error={errors[`variants.${index}.title`]}>
              <Input
                className='console-input'
                name={`v${index}-title`}
                maxlength={40}
                value={draft.variants[index].title}
                onInput={(e) => editVariant(index, { title: e.detail.value })}
              />
            </Field>
            <Field label='正文' error={errors[`variants.${index}.body`]}>
              <Textarea
                className='console-textarea'
                name={`v${index}-body`}
                maxlength={400}
                value={draft.variants[index].body}
                onInput={(e) => editVariant(index, { body: e.detail.value })}
              />
            </Field>
            {index === 1 && draft.offer === 'coupon' ? (
              <CouponFields index={1} variant={draft.variants[1]} errors={errors} />
            ) : null}
          </View>
        ))}
      </View>
    </>
  )
}
