import { renderCopy } from './copy-placeholders'

/**
 * What WeChat accepts per subscribe-message keyword type (`thing1`, `time2`…; the letters before the digits),
 * in characters. A longer value is refused with errcode 47003 and the message is lost, so values are cut here.
 * name: 10 Chinese characters, or 20 when the value is all Latin letters and symbols; amount: a currency sign
 * and up to 10 digits (with an optional 元); time and date have a format rather than a length, kept to 32.
 */
const wechatLimits: Record<string, number> = {
  thing: 20,
  name: 10,
  phrase: 5,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  amount: 12,
  phone_number: 17,
  car_number: 8,
  time: 32,
  date: 32,
}

const cut = (text: string, limit: number, ellipsis: boolean): string => {
  const chars = Array.from(text) // by code point, as WeChat counts characters
  if (chars.length <= limit) return text
  return ellipsis ? `${chars.slice(0, limit - 1).join('')}…` : chars.slice(0, limit).join('')
}

/** One WeChat field value cut to its keyword type's limit; an empty value becomes "-" (WeChat refuses empty). */
export function wechatFieldValue(keyword: string, value: string): string {
  const type = keyword.replace(/\d+$/, '')
  const trimmed = value.trim()
  if (trimmed === '') return '-'
  let limit = wechatLimits[type] ?? 20
  if (type === 'name' && /^[\x20-\x7e]+$/.test(trimmed)) limit = 20
  // Free text (thing) shows that it was shortened; typed fields (phrase, numbers, names) must stay pure.
  return cut(trimmed, limit, type === 'thing')
}

/** The `data` of a subscribe message: each mapped keyword's copy filled with the values and cut to its limit. */
export function renderWechatData(
  fields: Readonly<Record<string, string>>,
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([keyword, copy]) => [keyword, wechatFieldValue(keyword, renderCopy(copy, values))]),
  )
}

/**
 * An SMS template's params filled with the values. Aliyun caps a variable at 35 characters (longer ones are
 * refused), so each is cut there.
 */
export function renderSmsParams(
  params: Readonly<Record<string, string>>,
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([name, copy]) => [name, cut(renderCopy(copy, values).trim(), 35, false)]),
  )
}
