import { useRef, useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Field } from '../components/field'
import { insertPlaceholder } from './rule-form'

export interface CopyEditorProps {
  title: string
  body: string
  /** The placeholders this copy may use; a chip inserts `{name}` where the cursor was. */
  placeholders: readonly string[]
  errors: { title?: string; body?: string }
  disabled: boolean
  onChange: (copy: { title: string; body: string }) => void
}

/**
 * Title and body of a message with a chip per placeholder. A chip goes into the field last typed in or focused
 * (the body at first), at the cursor, so the merchant never types the braces by hand.
 */
export function CopyEditor({ title, body, placeholders, errors, disabled, onChange }: CopyEditorProps) {
  const [target, setTarget] = useState<'title' | 'body'>('body')
  const cursor = useRef<{ title: number | null; body: number | null }>({ title: null, body: null })
  const insert = (name: string) => {
    const text = target === 'title' ? title : body
    const next = insertPlaceholder(text, cursor.current[target], name)
    cursor.current[target] = next.cursor
    onChange(target === 'title' ? { title: next.text, body } : { title, body: next.text })
  }
  return (
    <View data-testid='copy-editor'>
      <Field label='标题' error={errors.title} hint={`${title.length}/20`}>
        <Input
          className='console-input'
          name='copy-title'
          maxlength={40}
          disabled={disabled}
          value={title}
          onFocus={() => setTarget('title')}
          onInput={(e) => {
            cursor.current.title = e.detail.cursor ?? null
            setTarget('title')
            onChange({ title: e.detail.value, body })
          }}
        />
      </Field>
      <Field label='正文' error={errors.body} hint={`${body.length}/200`}>
        <Textarea
          className='console-textarea'
          name='copy-body'
          maxlength={400}
          disabled={disabled}
          value={body}
          onFocus={() => setTarget('body')}
          onInput={(e) => {
            cursor.current.body = e.detail.cursor ?? null
            setTarget('body')
            onChange({ title, body: e.detail.value })
          }}
        />
      </Field>
      {!disabled ? (
        <>
          <Text className='console-muted'>点击插入到{target === 'title' ? '标题' : '正文'}：</Text>
          <View className='eng-chips'>
            {placeholders.map((name) => (
              <Text key={name} className='eng-chip' data-testid={`placeholder-${name}`} onClick={() => insert(name)}>
                {`{${name}}`}
              </Text>
            ))}
          </View>
        </>
      ) : null}
    </View>
  )
}
