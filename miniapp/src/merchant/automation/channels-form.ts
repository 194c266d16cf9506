import { EngagementSettings, messageCategories, type MessageCategory } from '@mc/shared'

/** One category's templates as typed: ids, and the field mappings one `key: copy` per line. */
export interface CategoryTemplatesForm {
  wechatTemplateId: string
  wechatFields: string
  smsTemplateCode: string
  smsParams: string
}

/** The channels page's form: per category the templates, the SMS sign name and each channel's rate. */
export interface ChannelsForm {
  categories: Record<MessageCategory, CategoryTemplatesForm>
  smsSignName: string
  wechatPerMinute: string
  smsPerMinute: string
}

export type ChannelsErrors = Record<string, string>

const linesOf = (record: Record<string, string>) =>
  Object.entries(record)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n')

/** The form of saved settings; a category without a template shows empty inputs (未配置). */
export function formOfChannels(settings: EngagementSettings): ChannelsForm {
  const categories = Object.fromEntries(
    messageCategories.map((category) => {
      const wechat = settings.wechat.templates[category]
      const sms = settings.sms.templates[category]
      return [
        category,
        {
          wechatTemplateId: wechat?.templateId ?? '',
          wechatFields: wechat ? linesOf(wechat.fields) : '',
          smsTemplateCode: sms?.templateCode ?? '',
          smsParams: sms ? linesOf(sms.params) : '',
        },
      ]
    }),
  ) as Record<MessageCategory, CategoryTemplatesForm>
  return {
    categories,
    smsSignName: settings.sms.signName ?? '',
    wechatPerMinute: String(settings.wechat.perMinute),
    smsPerMinute: String(settings.sms.perMinute),
  }
}

/**
 * `thing1: {标题}` lines as a record (the first `:` or `：` splits key from copy; blank lines are skipped); null
 * when a line has no separator.
 */
export function mappingOfLines(text: string): Record<string, string> | null {
  const record: Record<string, string> = {}
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    const match = /^\s*([^:：]+?)\s*[:：]\s*(.*?)\s*$/.exec(line)
    if (!match) return null
    record[match[1]] = match[2]
  }
  return record
}

const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)

/**
 * The settings with the form's channels put in, or the problems keyed `wechat.tier.fields`, `sms.signName`… A
 * category whose template id is empty is left unconfigured (its sends are skipped and the console says so).
 */
export function channelsOfForm(
  form: ChannelsForm,
  settings: EngagementSettings,
): { settings: EngagementSettings } | { errors: ChannelsErrors } {
  const errors: ChannelsErrors = {}
  const wechat: EngagementSettings['wechat']['templates'] = {}
  const sms: EngagementSettings['sms']['templates'] = {}
  for (const category of messageCategories) {
    const typed = form.categories[category]
    if (typed.wechatTemplateId.trim() !== '') {
      const fields = mappingOfLines(typed.wechatFields)
      if (fields === null) errors[`wechat.${category}.fields`] = '每行写一个“字段: 内容”，如 thing1: {标题}'
      wechat[category] = { templateId: typed.wechatTemplateId.trim(), fields: fields ?? {} }
    }
    if (typed.smsTemplateCode.trim() !== '') {
      const params = mappingOfLines(typed.smsParams)
      if (params === null) errors[`sms.${category}.params`] = '每行写一个“变量: 内容”，如 name: {会员昵称}'
      sms[category] = { templateCode: typed.smsTemplateCode.trim(), params: params ?? {} }
    }
  }
  const candidate = {
    ...settings,
    wechat: { templates: wechat, perMinute: whole(form.wechatPerMinute) },
    sms: {
      signName: form.smsSignName.trim() === '' ? null : form.smsSignName.trim(),
      templates: sms,
      perMinute: whole(form.smsPerMinute),
    },
  }
  const parsed = EngagementSettings.safeParse(candidate)
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = channelsKeyOfPath(issue.path.map(String))
      if (!errors[key])
        errors[key] = /[\u4e00-\u9fa5]/.test(issue.message)
          ? (issue.message.split(' / ')[0] ?? issue.message)
          : channelsMessage(key)
    }
  if (!parsed.success || Object.keys(errors).length > 0) return { errors }
  return { settings: parsed.data }
}

/** `['wechat', 'templates', 'tier', 'fields', 'x']` → `wechat.tier.fields`; rates and the sign name as named. */
export function channelsKeyOfPath(path: string[]): string {
  const [channel, group, category, field] = path
  if (group === 'templates' && category) return `${channel}.${category}.${field ?? 'templateId'}`
  return [channel, group].filter(Boolean).join('.')
}

function channelsMessage(key: string): string {
  if (key.endsWith('perMinute')) return '请填写 1 ~ 100000 之间的整数'
  if (key === 'sms.signName') return '签名最多 12 个字'
  if (key.endsWith('templateId')) return '模板 ID 最多 64 个字符'
  if (key.endsWith('templateCode')) return '模板 CODE 最多 32 个字符'
  if (key.endsWith('fields')) return '字段名如 thing1、time2，内容最多 40 个字'
  if (key.endsWith('params')) return '变量名为字母数字，内容最多 60 个字'
  return '请检查此项'
}
