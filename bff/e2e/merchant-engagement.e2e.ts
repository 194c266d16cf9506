import type { Page } from 'playwright-core'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCampaign } from '../src/automation/campaigns/campaigns'
import { createSegment } from '../src/automation/segments/segments'
import { deliverCampaigns } from '../src/automation/campaigns/deliver-campaigns'
import { runCampaigns } from '../src/jobs/run-campaigns'
import { readEngagementSettings } from '../src/outreach/engagement-settings'
import { runJourneys } from '../src/jobs/run-journeys'
import { startH5Server } from './support/h5-server'
import {
  chartPixels,
  expectConsoleFits,
  loginAsOwner,
  merchantLoginPath,
  merchantViewports,
  openConsoleSection,
  screenshotConsole,
  type MerchantViewport,
  useConsoleBrowser,
} from './support/merchant'
import type { H5Server } from './support/server-and-phone'

// One server with `npm start`'s year of demo history (journeys that ran, segments, a finished campaign with
// results) for both screen sizes: seeding it is the slow part.
const server = {} as H5Server
beforeAll(async () => {
  Object.assign(server, await startH5Server({ history: true }))
  await ensureEngagementDemo()
}, 300_000)
afterAll(async () => {
  await server.close?.()
})

/**
 * The demo's engagement as `npm start` seeds it (segments, a finished A/B campaign 60 days back, the journeys'
 * last days), when the e2e server's demo year did not run the engagement jobs itself.
 */
async function ensureEngagementDemo(): Promise<void> {
  const { db, clock } = server
  if ((await db.selectFrom('segments').select('id').limit(1).execute()).length > 0) return
  const deps = { db, logger: pino({ level: 'warn' }) }
  const daysAgo = (days: number) => new Date(clock.now().getTime() - days * 86_400_000)
  const sentAt = daysAgo(60)
  await createSegment(
    db,
    { name: '黄金·重要挽留', filter: { tiers: ['gold'], rfmGroups: ['important_retain'] } },
    'e2e',
    sentAt,
  )
  await createSegment(db, { name: '30 天未下单', filter: { daysSinceLastOrder: { min: 30 } } }, 'e2e', sentAt)
  const everyone = await createSegment(db, { name: '全部会员', filter: {} }, 'e2e', sentAt)
  const coupon = (discountFen: number) => ({
    name: `满200减${discountFen / 100}`,
    thresholdFen: 20_000,
    discountFen,
    validDays: 14,
  })
  await createCampaign(
    db,
    {
      name: '会员回馈 A/B 测试',
      segmentId: everyone.id,
      category: 'offers',
      variants: [
        { copy: { title: '送你一张券', body: '会员专享满200减30，14 天内有效。' }, coupon: coupon(3000) },
        { copy: { title: '大额券到账', body: '会员专享满200减50，14 天内有效。' }, coupon: coupon(5000) },
      ],
      holdoutPercent: 20,
      budgetCoupons: 1000,
      stopAtBudget: true,
      scheduledAt: null,
    },
    'e2e',
    sentAt,
  )
  await runCampaigns(deps, sentAt, 'e2e')
  await deliverCampaigns(db, await readEngagementSettings(db), sentAt)
  for (const days of [3, 2, 1]) await runJourneys(deps, daysAgo(days), 'e2e')
}

/**
 * Two permanently failed messages (WeChat and SMS) of one journey send to a demo member, as the outbox drain
 * leaves them after the last attempt; ids carry `tag` so each screen size retries its own.
 */
async function seedFailedMessages(tag: string): Promise<{ wechat: string; sms: string }> {
  const member = await server.db.selectFrom('members').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()
  const now = server.clock.now().toISOString()
  const sendId = `es_e2e_${tag}`
  await server.db
    .insertInto('engagement_sends')
    .values({
      id: sendId,
      source_type: 'journey',
      source_id: 'points_expiring',
      member_id: member.id,
      period: `e2e-${tag}`,
      dedupe_key: `journey:points_expiring:${member.id}:e2e-${tag}`,
      arm: 'A',
      outcome: 'sent',
      business_day: now.slice(0, 10),
      decided_at: now,
    })
    .execute()
  const row = (channel: 'wechat' | 'sms', error: string) => ({
    id: `obx_e2e_${tag}_${channel}`,
    send_id: sendId,
    member_id: member.id,
    channel,
    category: 'points',
    title: '200 积分即将过期',
    body: '你有 200 积分将于12月1日过期。',
    page: '/points/pages/expiring/index',
    template_id: channel === 'wechat' ? 'tmpl_points' : 'SMS_100',
    payload: '{}',
    state: 'failed' as const,
    attempts: 6,
    next_attempt_at: null,
    last_error: error,
    created_at: now,
    sent_at: null,
  })
  await server.db
    .insertInto('outbox')
    .values([row('wechat', '47003 模板参数不准确'), row('sms', 'isv.BUSINESS_LIMIT_CONTROL 触发流控')])
    .execute()
  return { wechat: `obx_e2e_${tag}_wechat`, sms: `obx_e2e_${tag}_sms` }
}

/** A business day `days` from the server's today, in Asia/Shanghai. */
function shanghaiDay(days: number): string {
  return new Date(server.clock.now().getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)
}

describe.each(merchantViewports)('merchant console: engagement at $width×$height', (viewport: MerchantViewport) => {
  const browser = useConsoleBrowser(viewport)
  let page: Page
  // From the top: a page taller than the capture would otherwise be shot from wherever the last step scrolled it.
  const shot = async (name: string) => {
    await page
      .locator('.taro_page_show')
      .last()
      .evaluate((el) => el.scrollTo(0, 0))
    await screenshotConsole(page, `merchant-engagement-${name}`, viewport)
  }
  const tab = async (name: string, testId: string) => {
    await page.getByTestId(`engagement-tab-${name}`).click()
    await page.getByTestId(testId).waitFor({ timeout: 15_000 })
  }

  beforeAll(() => {
    page = browser.page
  })

  it('lists the rules with switches, holdouts and 30-day counts, and switching one saves it', async () => {
    await page.goto(`${server.baseUrl}${merchantLoginPath}`)
    await loginAsOwner(page, server.baseUrl)
    await openConsoleSection(page, 'engagement', viewport)
    await page.getByTestId('automation-rules').waitFor({ timeout: 15_000 })
    await page.getByTestId('rule-upgrade').waitFor()
    await page.getByTestId('engagement-limits').waitFor()
    await expectConsoleFits(page)
    await shot('rules')

    const state = page.getByTestId('rule-state-birthday')
    const before = await state.textContent()
    await page.getByTestId('rule-switch-birthday').click()
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).not.toBe(before)
    const after = await state.textContent()
    await page.reload()
    await page.getByTestId('rule-state-birthday').waitFor({ timeout: 15_000 })
    await expect.poll(() => page.getByTestId('rule-state-birthday').textContent(), { timeout: 15_000 }).toBe(after)
  }, 90_000)

  it('edits a rule: placeholder chip, preview with a real member’s values, field errors, save, results', async () => {
    await page.getByTestId('rule-edit-near_next').click()
    await page.getByTestId('rule-editor-near_next').waitFor({ timeout: 15_000 })
    const previewBody = page.getByTestId('preview-body')
    await previewBody.waitFor({ timeout: 15_000 })
    // The preview is filled from a real member: no placeholder is left, and it names the member it used.
    await expect.poll(() => previewBody.textContent(), { timeout: 15_000 }).not.toContain('{')
    const body = page.locator('textarea[name="copy-body"]')
    await body.fill('')
    await page.getByTestId('placeholder-会员昵称').click()
    await expect.poll(() => body.inputValue()).toBe('{会员昵称}')
    await body.fill('{会员昵称}，再得 {还差成长值} 成长值即可升级{下一等级}。')
    await expect.poll(() => previewBody.textContent(), { timeout: 15_000 }).toContain('成长值即可升级')
    const nickname = ((await page.getByTestId('preview-member-name').textContent()) ?? '').replace(/^会员：/, '')
    const named = await server.db.selectFrom('members').select('id').where('nickname', '=', nickname).execute()
    expect(named.length).toBeGreaterThan(0)
    await expect.poll(() => previewBody.textContent()).toContain(nickname)

    const holdout = page.locator('input[name="holdoutPercent"]')
    await holdout.fill('60')
    await page.getByTestId('rule-save').click()
    await page.getByText('请填写 0 ~ 50 之间的整数').waitFor()
    await holdout.fill('15')
    await page.getByTestId('rule-save').click()
    await page.getByTestId('rule-notice').getByText('已保存').waitFor({ timeout: 15_000 })
    await page.getByTestId('engagement-results').getByTestId('report-range').waitFor({ timeout: 20_000 })
    await expectConsoleFits(page)
    await shot('rule')
    await page.getByText('‹ 返回自动化规则').click()
    await page.getByTestId('automation-rules').waitFor()
    await expect.poll(() => page.getByTestId('rule-near_next').textContent(), { timeout: 15_000 }).toContain('15%')
  }, 90_000)

  it('shows what each channel can reach, an unconfigured template as 未配置 → 跳过', async () => {
    await tab('channels', 'outreach-status')
    await page.getByTestId('sms-consented').waitFor()
    await page.getByTestId('channel-category-tier').waitFor()
    await expect.poll(() => page.getByTestId('outreach-status').textContent()).toContain('未配置 → 跳过')
    await expectConsoleFits(page)
    await shot('channels')
  }, 60_000)

  it('builds a segment: the live count changes when a filter is added, and it saves', async () => {
    await tab('segments', 'segments-list')
    await expect
      .poll(() => page.locator('[data-testid^="segment-row-"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0)
    await expectConsoleFits(page)
    await shot('segments')
    await page.getByTestId('segment-new').click()
    const count = page.getByTestId('segment-count')
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toMatch(/\d/)
    await page.getByTestId('segment-sample').waitFor()
    const everybody = await count.textContent()
    await page.locator('[data-testid^="segment-tier-"]').last().click()
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).not.toBe(everybody)
    await page.getByPlaceholder('如 沉睡的金卡会员').fill(`最高等级 ${viewport.name}`)
    await expectConsoleFits(page)
    await shot('segment')
    await page.getByTestId('segment-save').click()
    await page.getByTestId('segment-notice').getByText('已保存').waitFor({ timeout: 15_000 })
    await page.getByText('‹ 返回人群').click()
    await page.getByTestId('segments-list').getByText(`最高等级 ${viewport.name}`).waitFor({ timeout: 15_000 })
  }, 90_000)

  it('creates a campaign with the wizard after the server refuses a past schedule and an over budget', async () => {
    await tab('campaigns', 'campaigns-list')
    await expect
      .poll(() => page.locator('[data-testid^="campaign-row-"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0)
    await expectConsoleFits(page)
    await shot('campaigns')
    await page.getByTestId('campaign-new').click()
    await page.getByTestId('wizard-segment').waitFor({ timeout: 15_000 })
    await page.getByTestId('wizard-next').click()
    await page.getByText('请选择人群').waitFor()
    await page.getByPlaceholder('如 双十二老客回访').fill(`回访 ${viewport.name}`)
    // The whole membership, so a budget of one coupon is surely too small.
    await page.getByTestId('wizard-segment').getByText('全部会员', { exact: true }).click()
    await page.getByTestId('wizard-next').click()
    await page.getByTestId('wizard-offer').waitFor()
    await page.getByTestId('wizard-next').click()
    await page.getByTestId('wizard-variants').waitFor()
    await page.getByTestId('wizard-ab').click()
    await page.getByTestId('wizard-variant-1').waitFor()
    await expectConsoleFits(page)
    await shot('wizard-variants')
    await page.getByTestId('wizard-next').click()
    await page.getByTestId('wizard-holdout').waitFor()
    await page.getByTestId('wizard-next').click()
    await page.getByTestId('wizard-budget').waitFor()
    await page.locator('input[name="budgetCoupons"]').fill('1')
    await page.getByTestId('wizard-next').click()
    await page.getByTestId('wizard-when-scheduled').click()
    await page.getByPlaceholder('YYYY-MM-DD').fill(shanghaiDay(-2))
    await page.getByTestId('wizard-next').click()
    await page.getByTestId('wizard-summary').waitFor()
    await page.getByTestId('wizard-submit').click()
    // The server checks the schedule first: the 400 opens the time step with its message.
    await page.getByTestId('wizard-refusal').getByText('计划发送时间不能早于现在').waitFor({ timeout: 15_000 })
    await page.getByTestId('wizard-schedule').waitFor()
    await expectConsoleFits(page)
    await shot('wizard-refused')
    await page.getByTestId('wizard-when-now').click()
    await page.getByTestId('wizard-step-confirm').click()
    await page.getByTestId('wizard-submit').click()
    await page
      .getByTestId('wizard-refusal')
      .getByText(/预计发券 \d+ 张，超出预算 1 张/)
      .waitFor({ timeout: 15_000 })
    await page.getByTestId('wizard-budget').waitFor()
    await page.getByTestId('wizard-stop-at-budget').click()
    await page.getByTestId('wizard-step-confirm').click()
    await page.getByTestId('wizard-submit').click()
    await page.getByTestId('campaign-detail').waitFor({ timeout: 20_000 })
    await page.getByText(`回访 ${viewport.name}`).first().waitFor()
    await expect.poll(() => page.getByTestId('campaign-detail').textContent()).toContain('发到预算为止')
  }, 120_000)

  it('shows a finished campaign’s results with a chart', async () => {
    await page.goto(`${server.baseUrl}/#/merchant/pages/campaigns/index`)
    await page.getByTestId('campaigns-list').waitFor({ timeout: 15_000 })
    const done = page.locator('[data-testid^="campaign-row-"]', { hasText: '已完成' }).first()
    await done.locator('.eng-link').click()
    await page.getByTestId('campaign-detail').waitFor({ timeout: 15_000 })
    await page.getByTestId('engagement-results').getByTestId('report-range').waitFor({ timeout: 20_000 })
    const charts = page.getByTestId('engagement-results').locator('[data-testid^="chart-"]')
    await expect.poll(() => charts.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    const first = (await charts.first().getAttribute('data-testid')) ?? ''
    await expect.poll(() => chartPixels(page, first), { timeout: 15_000 }).toBeGreaterThan(500)
    await expectConsoleFits(page)
    await shot('campaign')
  }, 90_000)

  it('shows a campaign still delivering: its bar, figures and minutes left, and its share in the list', async () => {
    const { db, clock } = server
    const deps = { db, logger: pino({ level: 'warn' }) }
    const settings = await readEngagementSettings(db)
    // Whatever earlier steps scheduled is planned and delivered first, so the drain's queue holds only this one.
    await runCampaigns(deps, clock.now(), 'e2e')
    await deliverCampaigns(db, settings, clock.now())
    const everyone = await db
      .selectFrom('segments')
      .select('id')
      .where('name', '=', '全部会员')
      .executeTakeFirstOrThrow()
    const name = `周末上新提醒 ${viewport.name}`
    const created = await createCampaign(
      db,
      {
        name,
        segmentId: everyone.id,
        category: 'offers',
        variants: [{ copy: { title: '周末上新', body: '本周新品已上架，会员先看。' }, coupon: null }],
        holdoutPercent: 10,
        budgetCoupons: null,
        stopAtBudget: false,
        scheduledAt: null,
      },
      'e2e',
      clock.now(),
    )
    await runCampaigns(deps, clock.now(), 'e2e')
    const { messages_planned: planned } = await db
      .selectFrom('campaigns')
      .select('messages_planned')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(planned).toBeGreaterThan(30)
    const third = Math.floor(planned / 3)
    const first = await deliverCampaigns(db, settings, clock.now(), third)
    await page.goto(`${server.baseUrl}/#/merchant/pages/campaigns/index`)
    const row = page.getByTestId(`campaign-row-${created.id}`)
    await row.waitFor({ timeout: 15_000 })
    await expect.poll(() => row.textContent()).toContain(`发送中已送达 ${Math.floor((first * 100) / planned)}%`)
    // The next pass moves it on: the open list follows (it asks every 10 s while a campaign is sending).
    const delivered = first + (await deliverCampaigns(db, settings, clock.now(), third))
    const percent = Math.floor((delivered * 100) / planned)
    await expect.poll(() => row.textContent(), { timeout: 25_000 }).toContain(`发送中已送达 ${percent}%`)
    await shot('campaigns-delivering')
    await row.locator('.eng-link').click()
    const card = page.getByTestId('campaign-delivery')
    await card.waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('campaign-delivery-percent').textContent()).toBe(`${percent}%`)
    expect(await card.getByRole('progressbar').getAttribute('aria-valuenow')).toBe(String(percent))
    const figures = `已送达 ${delivered.toLocaleString('en-US')} / ${planned.toLocaleString('en-US')} 条`
    expect(await page.getByTestId('campaign-delivery-figures').textContent()).toBe(figures)
    expect(await page.getByTestId('campaign-delivery-note').textContent()).toBe(
      '预计 1 分钟内全部送达（每分钟送达 60,000 条，先发送的活动先送达）',
    )
    // The bar is drawn as wide as the share delivered.
    const [bar, fill] = await Promise.all([
      card.getByRole('progressbar').boundingBox(),
      card.locator('.eng-delivery__fill').boundingBox(),
    ])
    expect(Math.abs((fill?.width ?? 0) / (bar?.width ?? 1) - percent / 100)).toBeLessThan(0.02)
    // The decisions of its one day are drawn (as bars: a line over one day would join nothing), in the series green
    // well beyond the legend's dot.
    await page.getByTestId('chart-daily').locator('canvas').waitFor({ timeout: 20_000 })
    await expect.poll(() => chartPixels(page, 'chart-daily', [7, 193, 96]), { timeout: 15_000 }).toBeGreaterThan(2000)
    await expectConsoleFits(page)
    await shot('campaign-delivering')

    // The next pass delivers the rest: the open page follows it (it asks every 10 s while sending) to 已完成 and a
    // full bar, without a reload.
    await deliverCampaigns(db, settings, clock.now())
    await expect
      .poll(() => page.getByTestId('campaign-delivery-note').textContent(), { timeout: 25_000 })
      .toBe('全部送达')
    expect(await page.getByTestId('campaign-delivery-percent').textContent()).toBe('100%')
    // The results were asked again once the pass delivered more: nothing queued is left in their 已发送.
    const sent = page.getByTestId('engagement-results').last().getByTestId('figure-sent')
    await expect.poll(() => sent.textContent(), { timeout: 15_000 }).not.toContain('排队投递中')
    // The list page stays in the document under this one (Taro's page stack): ask this page's badge.
    expect(await page.getByTestId('campaign-detail').getByTestId('campaign-status').textContent()).toBe('已完成')
  }, 150_000)

  it('lists failed messages by channel and retries one', async () => {
    const ids = await seedFailedMessages(viewport.name)
    await page.goto(`${server.baseUrl}/#/merchant/pages/outbox/index`)
    await page.getByTestId(`outbox-row-${ids.wechat}`).waitFor({ timeout: 15_000 })
    await page.getByTestId(`outbox-row-${ids.sms}`).waitFor()
    await page.getByTestId('outbox-channel-sms').click()
    await expect.poll(() => page.getByTestId(`outbox-row-${ids.wechat}`).count(), { timeout: 15_000 }).toBe(0)
    await page.getByTestId(`outbox-row-${ids.sms}`).waitFor()
    await page.getByTestId('outbox-channel-all').click()
    await page.getByTestId(`outbox-row-${ids.wechat}`).waitFor({ timeout: 15_000 })
    await expectConsoleFits(page)
    await shot('outbox')
    await page.getByTestId(`outbox-retry-${ids.wechat}`).click()
    await page.getByTestId('outbox-notice').getByText('已重新排队').waitFor({ timeout: 15_000 })
    await expect.poll(() => page.getByTestId(`outbox-row-${ids.wechat}`).count(), { timeout: 15_000 }).toBe(0)
    const retried = await server.db
      .selectFrom('outbox')
      .select(['state'])
      .where('id', '=', ids.wechat)
      .executeTakeFirstOrThrow()
    expect(retried.state).toBe('pending')
  }, 60_000)
})
