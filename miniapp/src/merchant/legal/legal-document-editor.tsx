import { useEffect, useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { LegalDocumentUpdate, type LegalDocumentKind, type LegalDocumentView } from '@mc/shared'
import { failureOf } from '../../api/client'
import { shanghaiDateTime } from '../../format'
import { ConsoleButton } from '../components/console-button'
import { Field, fieldErrors } from '../components/field'
import { consoleCall } from '../console-call'
import './legal.css'

export const legalKindNames: Record<LegalDocumentKind, string> = { terms: '用户协议', privacy: '隐私政策' }

interface Props {
  document: LegalDocumentView
  mayEdit: boolean
  onSaved: (saved: LegalDocumentView) => void
}

/**
 * One agreement as the shopper reads it, with its version and last save, and (for operators who may edit the
 * program) its form. Saving changed text publishes a new version: members are asked to accept it on their next
 * open; unchanged text keeps the version.
 */
export function LegalDocumentEditor({ document, mayEdit, onSaved }: Props) {
  const [title, setTitle] = useState(document.title)
  const [body, setBody] = useState(document.body)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null)
  useEffect(() => {
    setTitle(document.title)
    setBody(document.body)
  }, [document])

  const save = async () => {
    const checked = LegalDocumentUpdate.safeParse({ title, body })
    if (!checked.success) {
      setErrors(fieldErrors(checked.error))
      setNotice(null)
      return
    }
    setErrors({})
    setSaving(true)
    setNotice(null)
    try {
      const saved = await consoleCall((api) =>
        api.admin.legal[':kind'].$put({ param: { kind: document.kind }, json: checked.data }),
      )
      const text =
        saved.version === document.version
          ? `内容没有变化，仍为第 ${saved.version} 版`
          : `已发布第 ${saved.version} 版，会员下次打开时会请他们阅读并同意`
      setNotice({ error: false, text })
      onSaved(saved)
    } catch (error) {
      const byField = fieldErrors(error)
      setErrors(byField)
      setNotice(Object.keys(byField).length > 0 ? null : { error: true, text: failureOf(error).message })
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='console-card legal-editor' data-testid={`legal-${document.kind}`}>
      <View className='console-card__head'>
        <View className='console-form'>
          <Text className='console-card__title'>
            {legalKindNames[document.kind]} · 第 {document.version} 版
          </Text>
          <Text className='console-card__sub' data-testid={`legal-${document.kind}-updated`}>
            {document.updatedAt ? `最后更新 ${shanghaiDateTime(document.updatedAt)}` : '系统默认文本，尚未修改'}
          </Text>
        </View>
      </View>
      {notice ? (
        <View
          className={`console-notice ${notice.error ? 'console-notice--error' : 'console-notice--success'}`}
          data-testid={`legal-${document.kind}-notice`}
        >
          {notice.text}
        </View>
      ) : null}
      <Field label='标题' required error={errors.title}>
        <Input
          className='console-input'
          name={`${document.kind}-title`}
          maxlength={40}
          disabled={!mayEdit}
          value={title}
          onInput={(e) => setTitle(e.detail.value)}
        />
      </Field>
      <Field label='正文' required error={errors.body} hint='纯文本，段落之间空一行；至少 50 个字'>
        <Textarea
          className='console-textarea legal-editor__body'
          name={`${document.kind}-body`}
          maxlength={20_000}
          disabled={!mayEdit}
          value={body}
          onInput={(e) => setBody(e.detail.value)}
        />
      </Field>
      {mayEdit ? (
        <View className='legal-editor__actions'>
          <ConsoleButton
            kind='primary'
            testId={`legal-${document.kind}-save`}
            loading={saving}
            onClick={() => void save()}
          >
            保存为新版本
          </ConsoleButton>
        </View>
      ) : null}
    </View>
  )
}
