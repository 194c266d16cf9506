import { describe, expect, it } from 'vitest'
import { jsonResponse } from '../../../test/fixtures'
import { stubFetch } from '../../../test/fetch-stub'
import { initialWizardState, useCampaignWizardStore } from './campaign-wizard.store'

const fetchMock = stubFetch(() => useCampaignWizardStore.setState(initialWizardState()))
const store = () => useCampaignWizardStore.getState()
const fill = () => {
  store().draftEdited({ name: '回访', segmentId: 'seg_1', budgetCoupons: '100' })
}

describe('campaign wizard store', () => {
  it('下一步 stays on a step with errors and shows them', () => {
    store().nextPressed()
    expect(store().step).toBe('segment')
    expect(store().errors).toEqual({ name: '活动名称 1 ~ 40 个字', segmentId: '请选择人群' })
  })

  it('walks the steps in order and back', () => {
    fill()
    for (const step of ['offer', 'variants', 'holdout', 'budget', 'schedule', 'confirm']) {
      store().nextPressed()
      expect(store().step).toBe(step)
    }
    store().backPressed()
    expect(store().step).toBe('schedule')
  })

  it('a tap on a later step stops at the first step with errors', () => {
    store().draftEdited({ name: '回访', segmentId: 'seg_1' })
    store().stepChosen('confirm')
    expect(store().step).toBe('budget')
    expect(store().errors).toEqual({ budgetCoupons: '请填写最多发放的券数（正整数）' })
  })

  it('an over-budget refusal opens the budget step with expected against budget', async () => {
    fill()
    store().stepChosen('confirm')
    fetchMock.mockResolvedValueOnce(
      jsonResponse(400, {
        error: {
          code: 'CAMPAIGN_OVER_BUDGET',
          message: '预计发券数量超出预算',
          details: { expected: 180, budget: 100 },
        },
      }),
    )
    expect(await store().submit()).toBeNull()
    expect(store().step).toBe('budget')
    expect(store().refusal).toEqual({
      step: 'budget',
      text: '预计发券 180 张，超出预算 100 张。请提高预算，或选择“发到预算为止”。',
    })
    const [url, init] = fetchMock.mock.calls[0]
    expect(String(url)).toBe('/api/admin/campaigns')
    expect(JSON.parse(init?.body as string)).toMatchObject({ segmentId: 'seg_1', budgetCoupons: 100 })
  })

  it('a field error from the server opens the step of that field', async () => {
    fill()
    store().stepChosen('confirm')
    const issues = [{ path: 'variants.0.copy.title', message: 'Too big' }]
    fetchMock.mockResolvedValueOnce(
      jsonResponse(400, { error: { code: 'INVALID_REQUEST', message: '请求参数有误', details: { issues } } }),
    )
    await store().submit()
    expect(store().step).toBe('variants')
    expect(store().errors).toEqual({ 'variants.0.title': '标题 1 ~ 20 个字' })
  })

  it('keeps the created campaign; a reset starts a fresh draft', async () => {
    fill()
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { id: 'cmp_1', name: '回访' }))
    expect(await store().submit()).toMatchObject({ id: 'cmp_1' })
    store().wizardReset()
    expect(store().draft.name).toBe('')
    expect(store().created).toBeNull()
  })
})
