/** WeChat's per-template answer, as `requestSubscribeMessage` gives it and POST /api/me/subscriptions takes it. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter'

const answers: ReadonlySet<string> = new Set<SubscribeAnswer>(['accept', 'reject', 'ban', 'filter'])

/**
 * The answers for the templates asked, out of `requestSubscribeMessage`'s result (which also holds `errMsg`).
 * A template WeChat left out of its answer was not shown, so it is left out here too.
 */
export function wechatAnswers(result: Record<string, unknown>, tmplIds: readonly string[]) {
  const picked: Record<string, SubscribeAnswer> = {}
  for (const id of tmplIds) {
    const answer = result[id]
    if (typeof answer === 'string' && answers.has(answer)) picked[id] = answer as SubscribeAnswer
  }
  return picked
}

/** `getSetting({ withSubscriptions: true })`'s part about subscribe messages. */
export interface SubscriptionsSetting {
  mainSwitch?: boolean
  /** Only templates for which "总是保持以上选择" was ticked appear here, with the answer kept. */
  itemSettings?: Record<string, unknown>
}

/** Whether "总是保持以上选择" was ticked in the prompt that asked for `tmplIds`. */
export function keptChoice(setting: SubscriptionsSetting | undefined, tmplIds: readonly string[]): boolean {
  const items = setting?.itemSettings ?? {}
  return tmplIds.some((id) => typeof items[id] === 'string')
}

/**
 * What the stand-in sheet answers, as WeChat would: 允许 accepts the templates left switched on and rejects the
 * ones switched off; 取消 rejects them all.
 */
export function sheetAnswers(
  tmplIds: readonly string[],
  switchedOff: ReadonlySet<string>,
  allowed: boolean,
): Record<string, SubscribeAnswer> {
  return Object.fromEntries(tmplIds.map((id) => [id, allowed && !switchedOff.has(id) ? 'accept' : 'reject']))
}
