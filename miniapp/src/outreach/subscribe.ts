import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import type { SubscribeMoment, SubscribePrompt, SubscribeResult } from '@mc/shared'
import { useMembershipStore } from '../membership/membership.store'
import { useOutreachStore } from './outreach.store'
import { keptChoice, wechatAnswers, type SubscriptionsSetting } from './subscribe-answers'

// One prompt at a time: a second tap while WeChat's sheet (or the stand-in) is open asks nothing.
let asking = false

/**
 * Asks the member to subscribe to the messages they are likely to need next, at a tap they made (sign-in,
 * redemption, payment, joining, the expiring-points page): at most 3 templates, as the BFF picks them for
 * `moment`. Call it first thing in the tap handler. In WeChat the prompt is `requestSubscribeMessage` with the
 * templates fetched ahead by `useSubscribePrompts`; on H5, which has no WeChat, a stand-in sheet that looks like
 * WeChat's asks the same. Either way the answers (and whether "总是保持以上选择" was ticked) go to the BFF.
 * Resolves to what the BFF recorded, or null when nothing was asked.
 */
export function askForSubscriptions(moment: SubscribeMoment): Promise<SubscribeResult | null> {
  if (asking) return Promise.resolve(null)
  if (process.env.TARO_ENV === 'weapp') return askInWechat(moment)
  return askWithSheet(moment)
}

/**
 * Fetches the prompts of `moments` while the page is open, so a tap can ask WeChat without a request first
 * (WeChat refuses a prompt that does not come straight from the tap). Shows nothing. Only the mini-program needs
 * it; H5's stand-in fetches at the tap.
 */
export function useSubscribePrompts(...moments: SubscribeMoment[]): void {
  const session = useMembershipStore((s) => s.session)
  const key = moments.join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `moments`, a fresh array each render
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' || session === null) return
    for (const moment of moments) void useOutreachStore.getState().loadPrompt(moment)
  }, [session, key])
}

/** The mini-program's prompt: WeChat's own sheet, then `getSetting` for the kept choice. */
export function askInWechat(moment: SubscribeMoment): Promise<SubscribeResult | null> {
  const store = useOutreachStore.getState()
  const prompt = store.prompts[moment]
  if (!prompt) {
    // Too late for this tap (a request now would lose it), but ready for the next one.
    void store.loadPrompt(moment)
    return Promise.resolve(null)
  }
  const tmplIds = prompt.templates.map((t) => t.templateId)
  if (tmplIds.length === 0) return Promise.resolve(null)
  asking = true
  // Synchronously, inside the tap: nothing may be awaited before this call.
  // Taro's type wants Alipay's entityIds as well; WeChat takes tmplIds alone.
  const answered = Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)
  return recordWechatAnswers(moment, tmplIds, answered).finally(() => {
    asking = false
  })
}

async function recordWechatAnswers(
  moment: SubscribeMoment,
  tmplIds: string[],
  answered: Promise<unknown>,
): Promise<SubscribeResult | null> {
  let results: ReturnType<typeof wechatAnswers>
  try {
    results = wechatAnswers((await answered) as Record<string, unknown>, tmplIds)
  } catch {
    // The member switched subscriptions off in WeChat's settings, or WeChat refused the call: nothing was asked.
    return null
  }
  if (Object.keys(results).length === 0) return null
  const keepChoice = await settingKept(tmplIds)
  const store = useOutreachStore.getState()
  const recorded = await store.recordAnswers({ moment, results, keepChoice })
  // What to ask next time changes with this answer; fetched now so the next tap has it at hand.
  void store.loadPrompt(moment)
  return recorded
}

async function settingKept(tmplIds: string[]): Promise<boolean> {
  try {
    const setting = await Taro.getSetting({ withSubscriptions: true })
    return keptChoice(setting.subscriptionsSetting as SubscriptionsSetting | undefined, tmplIds)
  } catch {
    return false
  }
}

/** H5's prompt: the stand-in sheet, shown over whatever page is open. */
async function askWithSheet(moment: SubscribeMoment): Promise<SubscribeResult | null> {
  asking = true
  try {
    // The request of the tap itself (the sign-in, the join) goes out first; the prompt is a courtesy beside it.
    await new Promise((resolve) => setTimeout(resolve, 0))
    const prompt: SubscribePrompt | null = await useOutreachStore.getState().loadPrompt(moment)
    if (!prompt || prompt.templates.length === 0) return null
    // As WeChat does: a template kept as accepted is granted again without being shown.
    const kept: Record<string, 'accept'> = Object.fromEntries(
      prompt.templates.filter((t) => t.keptAccept).map((t) => [t.templateId, 'accept' as const]),
    )
    const ask = prompt.templates.filter((t) => !t.keptAccept)
    if (ask.length === 0)
      return await useOutreachStore.getState().recordAnswers({ moment, results: kept, keepChoice: false })
    // Only the H5 build has a document to put the sheet in; the mini-program build leaves this branch (and the
    // react-dom it needs) out, as the condition is a constant there.
    if (process.env.TARO_ENV === 'h5') {
      const { showSubscribeSheet } = await import('./subscribe-sheet/show-subscribe-sheet')
      const answer = await showSubscribeSheet(ask)
      return await useOutreachStore
        .getState()
        .recordAnswers({ moment, ...answer, results: { ...kept, ...answer.results } })
    }
    return null
  } finally {
    asking = false
  }
}
