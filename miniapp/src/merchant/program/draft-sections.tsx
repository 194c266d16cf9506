import { Text, View } from '@tarojs/components'
import { sourceLabels, type BenefitDefinition, type ProgramRules } from '@mc/shared'
import { yuanFromFen } from '../../format'
import { ConsoleButton } from '../components/console-button'
import { nextTier } from './draft-edit'
import { programActions } from './program.store'
import { ChoiceRule, NumberRule, OptionalRule, RuleSection, TextRule, useRule, useRuleError } from './rule-fields'

type Tier = ProgramRules['tiers'][number]

export function TiersSection() {
  const tiers = useRule<Tier[] | undefined>(['tiers']) ?? []
  const countError = useRuleError(['tiers'])
  return (
    <RuleSection title='会员等级' sub='3–5 个等级，门槛逐级升高；保级门槛不高于升级门槛' prefix='tiers'>
      {countError ? <Text className='console-field__error'>{countError}</Text> : null}
      <View className='tier-list'>
        {tiers.map((tier, i) => (
          <TierCard key={tier.key || i} index={i} tier={tier} removable={tiers.length > 3} />
        ))}
      </View>
      {tiers.length < 5 ? (
        <ConsoleButton
          size='small'
          testId='tier-add'
          onClick={() => programActions.ruleEdited(['tiers'], [...tiers, nextTier(tiers)])}
        >
          添加等级
        </ConsoleButton>
      ) : null}
    </RuleSection>
  )
}

function TierCard({ index, tier, removable }: { index: number; tier: Tier; removable: boolean }) {
  const tiers = useRule<Tier[]>(['tiers'])
  const library = useRule<Record<string, BenefitDefinition> | undefined>(['benefits']) ?? {}
  const benefitsError = useRuleError(['tiers', index, 'benefits'], true)
  const at = (field: keyof Tier) => ['tiers', index, field]
  const toggleBenefit = (key: string) => {
    const has = tier.benefits.includes(key)
    programActions.ruleEdited(at('benefits'), has ? tier.benefits.filter((k) => k !== key) : [...tier.benefits, key])
  }
  return (
    <View className='tier-card' data-testid={`tier-${index}`}>
      <View className='tier-card__head'>
        <View
          className='tier-card__swatch'
          style={{ background: /^#[0-9a-f]{6}$/i.test(tier.color) ? tier.color : '#ccc' }}
        />
        <Text className='tier-card__title'>
          第 {index + 1} 级 · {tier.name || '未命名'}
        </Text>
        {removable ? (
          <ConsoleButton
            kind='link'
            size='small'
            testId={`tier-remove-${index}`}
            onClick={() =>
              programActions.ruleEdited(
                ['tiers'],
                tiers.filter((_, i) => i !== index),
              )
            }
          >
            删除
          </ConsoleButton>
        ) : null}
      </View>
      <View className='rule-row'>
        <TextRule label='等级名称' path={at('name')} maxlength={16} />
        <TextRule label='颜色' path={at('color')} hint='#RRGGBB' maxlength={7} />
        <NumberRule label='升级门槛(成长值)' path={at('threshold')} disabled={index === 0 && tier.threshold === 0} />
        <NumberRule label='保级门槛(成长值)' path={at('retainThreshold')} />
        <NumberRule label='有效期(天)' path={at('validityDays')} />
        <NumberRule label='积分倍率(%)' path={at('pointsMultiplierPercent')} hint='100 为 1 倍' />
      </View>
      <Text className='console-field__label'>等级权益</Text>
      <View className='console-chips'>
        {Object.entries(library).map(([key, benefit]) => (
          <Text
            key={key}
            className={`console-chip ${tier.benefits.includes(key) ? 'console-chip--on' : ''}`}
            onClick={() => toggleBenefit(key)}
          >
            {benefit.name}
          </Text>
        ))}
      </View>
      {benefitsError ? <Text className='console-field__error'>{benefitsError}</Text> : null}
    </View>
  )
}

const creditChoices: ['paid' | 'completed', string][] = [
  ['paid', '支付后计入'],
  ['completed', '订单完成后计入'],
]

function SourcesTable({ ledger }: { ledger: 'growth' | 'points' }) {
  const sources = useRule<Record<string, unknown> | undefined>([ledger, 'sources']) ?? {}
  return (
    <View className='source-table'>
      {Object.keys(sources).map((kind) => (
        <View key={kind} className='source-row' data-testid={`source-${ledger}-${kind}`}>
          <Text className='source-row__name'>{sourceLabels[kind] ?? kind}</Text>
          <NumberRule
            label={kind === 'order' ? '每元基础值' : '每次基础值'}
            path={[ledger, 'sources', kind, 'base']}
            className='source-row__field'
          />
          <NumberRule label='权重(%)' path={[ledger, 'sources', kind, 'weightPercent']} className='source-row__field' />
          <NumberRule
            label='每日上限'
            path={[ledger, 'sources', kind, 'dailyCap']}
            emptyMeans='不限'
            className='source-row__field'
          />
        </View>
      ))}
    </View>
  )
}

export function GrowthSection() {
  return (
    <RuleSection title='成长值' sub='决定等级；按来源的基础值 × 权重计，可设每日上限' prefix='growth'>
      <View className='rule-row'>
        <NumberRule label='统计窗口(天)' path={['growth', 'windowDays']} hint='窗口内获得的成长值计入等级' />
        <ChoiceRule label='订单成长值' path={['growth', 'creditOn']} choices={creditChoices} />
      </View>
      <SourcesTable ledger='growth' />
    </RuleSection>
  )
}

export function PointsSection() {
  const expiry = useRule<{ kind: string; days?: number } | undefined>(['points', 'expiry'])
  return (
    <RuleSection title='积分' sub='可在积分商城消费；过期与延期规则' prefix='points'>
      <View className='rule-row'>
        <ChoiceRule label='订单积分' path={['points', 'creditOn']} choices={creditChoices} />
        <NumberRule label='生日月积分倍率(%)' path={['points', 'birthdayMonthMultiplierPercent']} />
      </View>
      <ChoiceRule
        label='积分有效期'
        path={['points', 'expiry', 'kind']}
        choices={[
          ['days_after_earning', '获得后 N 天'],
          ['end_of_following_year', '次年年底'],
          ['never', '永不过期'],
        ]}
        onChoose={(kind) =>
          programActions.ruleEdited(
            ['points', 'expiry'],
            kind === 'days_after_earning' ? { kind, days: 365 } : { kind },
          )
        }
      />
      {expiry?.kind === 'days_after_earning' ? (
        <NumberRule label='积分有效天数' path={['points', 'expiry', 'days']} />
      ) : null}
      <OptionalRule
        label='允许用积分延期即将过期的积分'
        path={['points', 'extension']}
        whenOn={{ costPoints: 100, extendDays: 60 }}
      >
        <NumberRule label='延期消耗积分' path={['points', 'extension', 'costPoints']} />
        <NumberRule label='延期天数' path={['points', 'extension', 'extendDays']} />
      </OptionalRule>
      <SourcesTable ledger='points' />
    </RuleSection>
  )
}

export function SignInSection() {
  const bonuses =
    useRule<{ day: number; growth: number; points: number }[] | undefined>(['signIn', 'streakBonuses']) ?? []
  return (
    <RuleSection title='每日签到' sub='签到本身的奖励在成长值、积分来源中设置；这里是连签与补签' prefix='signIn'>
      <NumberRule label='签到周期(天)' path={['signIn', 'cycleDays']} hint='连签到周期末后重新计数' />
      <Text className='console-field__label'>连签奖励</Text>
      {bonuses.map((_, b) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a bonus has no id; a key of its values would remount inputs
        <View key={b} className='rule-row rule-row--item'>
          <NumberRule label='第几天' path={['signIn', 'streakBonuses', b, 'day']} />
          <NumberRule label='奖励成长值' path={['signIn', 'streakBonuses', b, 'growth']} />
          <NumberRule label='奖励积分' path={['signIn', 'streakBonuses', b, 'points']} />
          <ConsoleButton
            kind='link'
            size='small'
            onClick={() =>
              programActions.ruleEdited(
                ['signIn', 'streakBonuses'],
                bonuses.filter((_, i) => i !== b),
              )
            }
          >
            删除
          </ConsoleButton>
        </View>
      ))}
      {bonuses.length < 10 ? (
        <ConsoleButton
          size='small'
          onClick={() =>
            programActions.ruleEdited(['signIn', 'streakBonuses'], [...bonuses, { day: 3, growth: 0, points: 10 }])
          }
        >
          添加连签奖励
        </ConsoleButton>
      ) : null}
      <OptionalRule label='允许补签本月漏签的日子' path={['signIn', 'makeUp']} whenOn={{ costPoints: 30, perMonth: 1 }}>
        <NumberRule label='每次补签消耗积分' path={['signIn', 'makeUp', 'costPoints']} />
        <NumberRule label='每月可补签次数' path={['signIn', 'makeUp', 'perMonth']} />
      </OptionalRule>
    </RuleSection>
  )
}

export function JoinGiftSection() {
  return (
    <RuleSection title='入会礼' sub='新会员开卡时获得' prefix='joinGift'>
      <OptionalRule label='赠送入会礼' path={['joinGift']} whenOn={{ points: 100, growth: 0 }}>
        <NumberRule label='赠送积分' path={['joinGift', 'points']} />
        <NumberRule label='赠送成长值' path={['joinGift', 'growth']} />
      </OptionalRule>
    </RuleSection>
  )
}

export function BenefitLibrarySection() {
  const library = useRule<Record<string, BenefitDefinition> | undefined>(['benefits']) ?? {}
  return (
    <RuleSection title='权益库' sub='等级从这里挑选权益；使用率用于估算每月权益成本' prefix='benefits'>
      {Object.entries(library).map(([key, benefit]) => (
        <View key={key} className='benefit-item'>
          <View className='benefit-item__text'>
            <Text className='benefit-item__name'>{benefit.name}</Text>
            <Text className='console-muted'>
              {benefit.description} · 面值 {yuanFromFen(benefit.faceValueFen)}
            </Text>
          </View>
          <View className='rule-row'>
            <TextRule label='名称' path={['benefits', key, 'name']} maxlength={24} />
            <NumberRule label='每年发放次数' path={['benefits', key, 'grantsPerYear']} />
            <NumberRule label='预估使用率(%)' path={['benefits', key, 'assumedUsagePercent']} />
          </View>
        </View>
      ))}
    </RuleSection>
  )
}
