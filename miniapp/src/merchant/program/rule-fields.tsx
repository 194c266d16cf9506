import type { ReactNode } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Field } from '../components/field'
import { numberFromInput, valueAt, type RulePath } from './draft-edit'
import { programActions, useProgramStore } from './program.store'

const dotted = (path: RulePath) => path.join('.')
const testIdOf = (path: RulePath) => `rule-${path.join('-')}`

/** The error the schema (or the BFF) has for this field, or for any field below it when `deep`. */
export function useRuleError(path: RulePath, deep = false): string | undefined {
  return useProgramStore((s) => {
    const key = dotted(path)
    if (s.errors[key] || !deep) return s.errors[key]
    const below = Object.keys(s.errors).find((p) => p.startsWith(`${key}.`))
    return below ? s.errors[below] : undefined
  })
}

export function useRule<T = unknown>(path: RulePath): T {
  return useProgramStore((s) => valueAt(s.rules, path)) as T
}

interface NumberRuleProps {
  label: string
  path: RulePath
  hint?: string
  /** An empty input means null ("no cap"), shown as this placeholder. */
  emptyMeans?: string
  disabled?: boolean
  className?: string
}

/** A whole-number setting: what is typed goes into the draft at once and the schema answers beside it. */
export function NumberRule({ label, path, hint, emptyMeans, disabled, className }: NumberRuleProps) {
  const value = useRule<unknown>(path)
  const error = useRuleError(path)
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      <Input
        className='console-input'
        type='text'
        value={value === null || value === undefined ? '' : String(value)}
        placeholder={emptyMeans ?? ''}
        disabled={disabled}
        data-testid={testIdOf(path)}
        onInput={(e) => {
          const text = e.detail.value
          programActions.ruleEdited(path, emptyMeans !== undefined && text.trim() === '' ? null : numberFromInput(text))
        }}
      />
    </Field>
  )
}

export function TextRule(props: { label: string; path: RulePath; hint?: string; maxlength?: number }) {
  const value = useRule<unknown>(props.path)
  const error = useRuleError(props.path)
  return (
    <Field label={props.label} error={error} hint={props.hint}>
      <Input
        className='console-input'
        value={typeof value === 'string' ? value : ''}
        maxlength={props.maxlength ?? 40}
        data-testid={testIdOf(props.path)}
        onInput={(e) => programActions.ruleEdited(props.path, e.detail.value)}
      />
    </Field>
  )
}

/** One of a few values, as chips. */
export function ChoiceRule<T extends string>(props: {
  label: string
  path: RulePath
  choices: [T, string][]
  onChoose?: (value: T) => void
}) {
  const value = useRule<unknown>(props.path)
  const error = useRuleError(props.path, true)
  return (
    <Field label={props.label} error={error}>
      <View className='console-chips'>
        {props.choices.map(([choice, label]) => (
          <Text
            key={choice}
            className={`console-chip ${value === choice ? 'console-chip--on' : ''}`}
            data-testid={`${testIdOf(props.path)}-${choice}`}
            onClick={() => (props.onChoose ? props.onChoose(choice) : programActions.ruleEdited(props.path, choice))}
          >
            {label}
          </Text>
        ))}
      </View>
    </Field>
  )
}

/** A setting that is either off (null) or an object of its own fields, shown below the switch when on. */
export function OptionalRule(props: { label: string; path: RulePath; whenOn: object; children: ReactNode }) {
  const value = useRule<unknown>(props.path)
  const on = value !== null && value !== undefined
  return (
    <View className='rule-optional'>
      <View
        className={`console-check ${on ? 'console-check--on' : ''}`}
        data-testid={`${testIdOf(props.path)}-toggle`}
        onClick={() => programActions.ruleEdited(props.path, on ? null : props.whenOn)}
      >
        <Text className='console-check__box'>{on ? '✓' : ''}</Text>
        <Text>{props.label}</Text>
      </View>
      {on ? <View className='rule-row'>{props.children}</View> : null}
    </View>
  )
}

/** A titled block of the editor, with how many of its fields still need fixing. */
export function RuleSection(props: { title: string; sub?: string; prefix: string; children: ReactNode }) {
  const problems = useProgramStore(
    (s) => Object.keys(s.errors).filter((p) => p === props.prefix || p.startsWith(`${props.prefix}.`)).length,
  )
  return (
    <View className='console-card' data-testid={`section-${props.prefix}`}>
      <View className='console-card__head'>
        <View className='console-form'>
          <Text className='console-card__title'>{props.title}</Text>
          {props.sub ? <Text className='console-card__sub'>{props.sub}</Text> : null}
        </View>
        {problems > 0 ? <Text className='console-badge console-badge--red'>{problems} 处待修正</Text> : null}
      </View>
      {props.children}
    </View>
  )
}
