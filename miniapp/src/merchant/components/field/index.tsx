import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { ApiError } from '../../../api/client'
import { isRecord } from '../../../api/storage'
import '../../console.css'

export interface FieldProps {
  label: string
  /** The problem with this field's value, shown below it in red. */
  error?: string | null
  /** A quiet line below the input while there is no error. */
  hint?: string
  /** Marks the label with a red asterisk. */
  required?: boolean
  className?: string
  children: ReactNode
}

/** A labelled form row: label above, the input, then its error (or hint). Style inputs with `console-input`. */
export function Field({ label, error, hint, required, className, children }: FieldProps) {
  return (
    <View className={`console-field ${error ? 'console-field--error' : ''} ${className ?? ''}`}>
      <Text className='console-field__label'>
        {label}
        {required ? <Text className='console-field__required'> *</Text> : null}
      </Text>
      {children}
      {error ? (
        <Text className='console-field__error'>{error}</Text>
      ) : hint ? (
        <Text className='console-field__hint'>{hint}</Text>
      ) : null}
    </View>
  )
}

interface Issue {
  path: string
  message: string
}

/**
 * Per-field messages from a failed check: a zod error (`schema.safeParse(x).error`) or the BFF's INVALID_REQUEST,
 * whose `details.issues` name the field as a dotted path (`lines.0.qty`). The first message of each path wins;
 * problems with the whole form are under `''`. Anything else gives `{}`.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of issuesOf(error)) if (!(issue.path in errors)) errors[issue.path] = issue.message
  return errors
}

function issuesOf(error: unknown): Issue[] {
  if (error instanceof ApiError) {
    const issues = error.code === 'INVALID_REQUEST' ? error.details?.issues : undefined
    if (!Array.isArray(issues)) return []
    return issues.flatMap((issue) =>
      isRecord(issue) && typeof issue.message === 'string'
        ? [{ path: typeof issue.path === 'string' ? issue.path : '', message: issue.message }]
        : [],
    )
  }
  if (isRecord(error) && Array.isArray(error.issues)) {
    return error.issues.flatMap((issue) =>
      isRecord(issue) && typeof issue.message === 'string' && Array.isArray(issue.path)
        ? [{ path: issue.path.map(String).join('.'), message: issue.message }]
        : [],
    )
  }
  return []
}
