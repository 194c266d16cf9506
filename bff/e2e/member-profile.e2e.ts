import type { Page } from 'playwright-core'
import QRCode from 'qrcode'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { expectNoHorizontalOverflow, loginAndJoin, screenshot, waitForPage } from './support/browser'
import { useServerAndPhone } from './support/server-and-phone'

const phoneNo = '13900000141'

describe('H5: a new member completes the profile, uploads an avatar and finds the birthday locked', () => {
  const { server, phone } = useServerAndPhone()
  const api = apiCaller(() => server.baseUrl)
  let page: Page
  let memberId: string
  let token: string
  const entries = () =>
    server.db
      .selectFrom('ledger_entries')
      .select(['ledger', 'amount'])
      .where('member_id', '=', memberId)
      .where('kind', '=', 'profile_completed')
      .orderBy('ledger')
      .execute()

  beforeAll(async () => {
    page = phone.page
    await loginAndJoin(page, server.baseUrl, phoneNo)
    await page.getByText('个人资料', { exact: true }).waitFor()
    const login = await api('POST', '/api/auth/local', null, { phone: phoneNo })
    token = login.body.token
    memberId = login.body.member.id
  })

  it('opens from home with every required field missing and the reward of the rules', async () => {
    const profile = await api('GET', '/api/me/profile', token)
    const { growth, points } = profile.body.reward
    expect(growth + points).toBeGreaterThan(0)
    await page.getByText('个人资料', { exact: true }).click()
    const task = page.getByTestId('profile-task')
    await waitForPage(page, task)
    await expect(task.textContent()).resolves.toContain(`完善资料，得 ${growth} 成长值 + ${points} 积分`)
    await expect(task.textContent()).resolves.toContain('还需填写：昵称、性别、生日、地区')
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '70-profile-empty')
  })

  it('uploads an avatar from a file input through the image checks', async () => {
    const png = await QRCode.toBuffer('头像', { type: 'png', width: 240, margin: 1 })
    await page.getByTestId('profile-avatar-input').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png })
    const avatar = page.getByTestId('profile-avatar')
    await avatar.waitFor()
    const row = await server.db.selectFrom('members').select('avatar').where('id', '=', memberId).executeTakeFirst()
    expect(row?.avatar).toMatch(/^\/uploads\/upl_[0-9a-f]{32}$/)
    // The picture on the page is the one stored, served back from /uploads.
    await expect
      .poll(() =>
        avatar.evaluate((el) => el.querySelector('img')?.naturalWidth ?? (el as HTMLImageElement).naturalWidth),
      )
      .toBe(240)
    // A file that is not an image is refused by its bytes, and the avatar stays.
    const fake = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    await page
      .getByTestId('profile-avatar-input')
      .setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: fake })
    await page.getByText('只能上传 JPEG、PNG 或 WebP 格式的图片').waitFor()
    const after = await server.db.selectFrom('members').select('avatar').where('id', '=', memberId).executeTakeFirst()
    expect(after?.avatar).toBe(row?.avatar)
  })

  it('fills the rest, saves once and shows the reward credited through the ledgers', async () => {
    await page.getByPlaceholder('请输入昵称').fill('林小夏')
    await page.getByTestId('profile-gender-female').click()
    await page.getByTestId('profile-birthday').click()
    await page.getByText('确定', { exact: true }).click()
    await expect(page.getByTestId('profile-birthday').textContent()).resolves.toBe('1990-01-01')
    await page.getByTestId('profile-province').click()
    await page.getByText('确定', { exact: true }).click()
    await expect(page.getByTestId('profile-province').textContent()).resolves.toBe('北京市')
    await page.getByPlaceholder('城市').fill('朝阳区')
    await page.getByText('保存', { exact: true }).click()
    const reward = page.getByTestId('profile-reward')
    await reward.waitFor()
    const { growth, points } = (await api('GET', '/api/me/profile', token)).body.reward
    await expect(reward.textContent()).resolves.toContain(`已获得 ${growth} 成长值 + ${points} 积分`)
    expect(await entries()).toEqual([
      { ledger: 'growth', amount: growth },
      { ledger: 'points', amount: points },
    ])
    const row = await server.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      nickname: '林小夏',
      gender: 'female',
      birthday: '1990-01-01',
      birthday_set_by: 'member',
      region: '北京市/朝阳区',
    })
    await screenshot(page, '71-profile-completed')
  })

  it('shows the birthday locked afterwards, and saving again credits nothing more', async () => {
    const locked = page.getByTestId('profile-birthday-locked')
    await locked.waitFor()
    await expect(locked.textContent()).resolves.toContain('生日设置后不能自行修改')
    await page.getByTestId('profile-gender-undisclosed').click()
    await page.getByText('保存', { exact: true }).click()
    await expect
      .poll(
        async () =>
          (await server.db.selectFrom('members').select('gender').where('id', '=', memberId).executeTakeFirst())
            ?.gender,
      )
      .toBe('undisclosed')
    expect(await entries()).toHaveLength(2)
    // A fresh visit shows the task as done, the avatar and the locked birthday.
    await page.reload()
    const task = page.getByTestId('profile-task')
    await waitForPage(page, task)
    await expect(task.textContent()).resolves.toContain('完善资料奖励已发放')
    await page.getByTestId('profile-birthday-locked').waitFor()
    await page.getByTestId('profile-avatar').waitFor()
    await expectNoHorizontalOverflow(page)
    await screenshot(page, '72-profile-locked')
    // The API holds the lock too: the member cannot move the birthday to next month.
    const moved = await api('PATCH', '/api/me/profile', token, { birthday: '1990-02-01' })
    expect(moved).toMatchObject({ status: 409, body: { error: { code: 'BIRTHDAY_LOCKED' } } })
  })
})
