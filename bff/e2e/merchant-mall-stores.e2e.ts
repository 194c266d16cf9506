import { readFile } from 'node:fs/promises'
import { deflateSync } from 'node:zlib'
import { groupOrderNo, redemptionOrderNo } from '@mc/shared'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { expectNoHorizontalOverflow, screenshot, screenshotDir } from './support/browser'
import { memberIdByPhone } from './support/server-and-phone'
import { apiCaller } from './support/api'
import { e2eAdminToken } from './support/h5-server'
import { loginAsOwner, merchantViewports, useServerAndConsole } from './support/merchant'

/** A real PNG of `size`×`size` pixels in one colour, as a merchant's photo would be (the BFF checks content). */
function solidPng(size: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).fill(Buffer.from(rgb))])
  const pixels = Buffer.concat(Array.from({ length: size }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const pngSignature = '89504e470d0a1a0a'

describe.each(merchantViewports)('merchant console: mall and stores at $width×$height', (viewport) => {
  const { server, browser } = useServerAndConsole(viewport)
  let page: Page
  const shot = (name: string) => screenshot(page, `merchant-${name}-${viewport.name}`)
  const title = `测试保温杯 ${viewport.name}`
  const storeName = `测试门店${viewport.name === 'phone' ? '一' : '二'}`
  let itemId: string
  let outletId: string
  const api = apiCaller(() => server.baseUrl)

  beforeAll(() => {
    page = browser.page
  })

  const openSection = async (section: 'mall' | 'stores') => {
    const nav = viewport.name === 'desktop' ? `console-nav-${section}` : `console-tab-${section}`
    await page.getByTestId(nav).click()
  }

  it('logs in as the owner and lists the mall items', async () => {
    await loginAsOwner(page, server.baseUrl)
    await openSection('mall')
    await page.getByText('品牌帆布袋').first().waitFor()
    await shot('mall-items')
    await expectNoHorizontalOverflow(page)
  })

  it('shows field errors in Chinese, uploads an image and creates an item', async () => {
    await page.getByTestId('mall-new-item').click()
    await page.getByTestId('item-save').click()
    await page.getByText('请填写商品名称').waitFor()
    await page.getByText('请填写积分价').waitFor()
    await page.getByPlaceholder('例如：300').fill('0')
    await page.getByText('积分价至少为 1').waitFor()
    await shot('mall-item-errors')

    await page
      .getByTestId('item-image-input')
      .setInputFiles({ name: 'cup.png', mimeType: 'image/png', buffer: solidPng(96, [7, 193, 96]) })
    const image = page.getByTestId('item-image').locator('img')
    await image.waitFor()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96)
    await page
      .getByTestId('item-image')
      .screenshot({ path: `${screenshotDir}/merchant-mall-item-image-${viewport.name}.png` })

    await page.getByPlaceholder('例如：品牌帆布袋').fill(title)
    await page.getByPlaceholder('例如：300').fill('500')
    await page.getByPlaceholder('例如：9.90').fill('9.9')
    await page.getByPlaceholder('例如：100').fill('10')
    await page.getByPlaceholder('例如：2').fill('2')
    // A pickup item: how many days it waits at the store (自提期限), 30 unless changed, 1–365.
    await page.getByTestId('item-kind-pickup').click()
    const pickupDays = page.getByPlaceholder('例如：30', { exact: true })
    await expect(pickupDays.inputValue()).resolves.toBe('30')
    await pickupDays.fill('0')
    await page.getByText('自提期限至少 1 天').waitFor()
    await shot('mall-item-pickup-days-error')
    await pickupDays.fill('14')
    await expect.poll(() => page.getByText('自提期限至少 1 天').count()).toBe(0)
    await expect.poll(() => page.getByText('积分价至少为 1').count()).toBe(0)
    await shot('mall-item-form')
    await expectNoHorizontalOverflow(page)
    await page.getByTestId('item-save').click()

    await page.getByText(title).first().waitFor()
    const row = await server.db
      .selectFrom('mall_items')
      .select(['id', 'cash_fen', 'points_price', 'stock', 'images', 'fulfilment', 'pickup_days'])
      .where('title', '=', title)
      .executeTakeFirstOrThrow()
    itemId = row.id
    expect(row).toMatchObject({ cash_fen: 990, points_price: 500, stock: 10, fulfilment: 'pickup', pickup_days: 14 })
    expect(String(row.images)).toMatch(/\/uploads\/upl_[0-9a-f]{32}/)
  })

  it('adjusts the stock and takes the item off sale', async () => {
    await page.getByTestId(`item-restock-${itemId}`).click()
    await page.getByPlaceholder('变动数量').fill('5')
    await page.getByText('调整后库存 15').waitFor()
    await shot('mall-stock-dialog')
    await page.getByTestId('stock-confirm').click()
    await expect.poll(() => page.getByTestId(`item-stock-value-${itemId}`).textContent()).toContain('15')

    await page.getByTestId(`item-sale-${itemId}`).click()
    await page.getByTestId(`item-${itemId}`).getByText('已下架').waitFor()
    const saved = await server.db
      .selectFrom('mall_items')
      .select(['stock', 'on_sale'])
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow()
    expect(saved.stock).toBe(15)
    expect(Boolean(saved.on_sale)).toBe(false)
    await shot('mall-items-changed')
    await expectNoHorizontalOverflow(page)
  })

  it('ships a delivery redemption, refunds it with a reason, and shows the reconciliation queue', async () => {
    // A member redeems a points-only delivery item through the API, as the shopper pages would.
    const item = await api('POST', '/api/admin/mall/items', e2eAdminToken, {
      title: `快递帆布包 ${viewport.name}`,
      pointsPrice: 100,
      stock: 5,
      fulfilment: 'delivery',
    })
    expect(item.status).toBe(201)
    const phone = viewport.name === 'phone' ? '13900000071' : '13900000072'
    const member = (await api('POST', '/api/auth/local', null, { phone })).body.token as string
    expect((await api('POST', '/api/members/join', member, {})).status).toBeLessThan(300)
    const memberId = await memberIdByPhone(server, phone)
    const credit = { ledger: 'points', amount: 500, reason: '活动赠送积分' }
    const adjustments = `/api/admin/members/${memberId}/adjustments`
    const key = { 'idempotency-key': `e2e-console-${viewport.name}` }
    expect((await api('POST', adjustments, e2eAdminToken, credit, key)).status).toBe(201)
    const address = { name: '张三', phone: '13800000000', address: '上海市徐汇区漕溪北路 1 号' }
    const placed = await api(
      'POST',
      '/api/mall/redemptions',
      member,
      { itemId: item.body.item.id, delivery: address },
      { 'idempotency-key': `e2e-console-redeem-${viewport.name}` },
    )
    expect(placed.body.redemption?.status).toBe('completed')
    const redemptionId = placed.body.redemption.id as string

    await page.getByTestId('mall-tab-redemptions').click()
    await page.getByTestId(`ship-${redemptionId}`).click()
    await page.getByTestId('ship-confirm').click()
    await page.getByText('请填写快递公司').waitFor()
    await page.getByText('顺丰速运', { exact: true }).click()
    await page.getByPlaceholder('请输入运单号').fill('SF1234567890')
    await expect.poll(() => page.getByText(/请填写快递公司|运单号为/).count()).toBe(0)
    await shot('mall-ship-dialog')
    await page.getByTestId('ship-confirm').click()
    await page.getByTestId('mall-notice').getByText('SF1234567890').waitFor()
    await page.getByTestId('redemptions-shipped').click()
    await page.getByTestId(`redemption-${redemptionId}`).getByText('已发货').waitFor()
    // The order number as the shopper reads it on their redemption (issue 16), never the internal id.
    const orderNo = groupOrderNo(redemptionOrderNo(redemptionId))
    expect(orderNo).toMatch(/^\d{4} \d{4} \d{4} \d$/)
    await expect.poll(() => page.getByTestId(`redemption-order-no-${redemptionId}`).textContent()).toBe(orderNo)
    expect(await page.locator('body').innerText()).not.toContain('rdm_')
    await shot('mall-redemptions')
    await expectNoHorizontalOverflow(page)
    // Found by that number as a shopper would read it out, spaces and all, whatever tab was open.
    await page.getByTestId('redemptions-all').click()
    await page.getByPlaceholder('输入 13 位兑换单号查找').fill(orderNo)
    await page.getByTestId('redemption-search-go').click()
    await page.getByTestId(`redemption-${redemptionId}`).waitFor()
    await expect.poll(() => page.locator('[data-testid^="redemption-order-no-"]').count()).toBe(1)
    await shot('mall-redemption-search')
    await page.getByTestId('redemption-search-clear').click()
    await page.getByTestId('redemptions-shipped').click()
    await page.getByTestId(`redemption-${redemptionId}`).getByText('已发货').waitFor()

    await page.getByTestId(`refund-${redemptionId}`).click()
    await page.getByPlaceholder('例如：商品缺货，协商退款').fill('商品破损，协商退款')
    await page.getByTestId('refund-confirm').click()
    await page.getByTestId('mall-notice').getByText('已退款').waitFor()
    const refunded = await server.db
      .selectFrom('mall_redemptions')
      .select(['status', 'tracking_no'])
      .where('id', '=', redemptionId)
      .executeTakeFirstOrThrow()
    expect(refunded).toEqual({ status: 'refunded', tracking_no: 'SF1234567890' })

    await page.getByTestId('mall-tab-reconciliation').click()
    await page
      .getByText(/对账队列为空|退款失败|超时支付|支付通知/)
      .first()
      .waitFor()
    await shot('mall-reconciliation')
  })

  it('creates a store, downloads its join QR as a PNG and shows the poster', async () => {
    await openSection('stores')
    await page.getByPlaceholder('例如：南京西路店').fill(storeName)
    await page.getByTestId('outlet-create').click()
    await page.getByTestId('stores-notice').waitFor()
    outletId = (
      await server.db.selectFrom('outlets').select('id').where('name', '=', storeName).executeTakeFirstOrThrow()
    ).id
    const qr = page.getByTestId(`outlet-qr-${outletId}`).locator('img')
    await qr.waitFor()
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100)
    await shot('stores')
    await expectNoHorizontalOverflow(page)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`outlet-download-${outletId}`).click(),
    ])
    expect(download.suggestedFilename()).toBe(`${storeName}-入会二维码.png`)
    const bytes = await readFile(await download.path())
    expect(bytes.subarray(0, 8).toString('hex')).toBe(pngSignature)

    await page.getByTestId(`outlet-poster-${outletId}`).click()
    const poster = page.getByTestId('outlet-poster')
    await poster.getByText(storeName).waitFor()
    await poster.getByText(/加入会员/).waitFor()
    await expect
      .poll(() => poster.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(100)
    await shot('stores-poster')
    await expectNoHorizontalOverflow(page)
    await page.getByTestId('poster-size-A6').click()
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, `merchant-stores-poster-print-${viewport.name}`)
    const printed = await poster.boundingBox()
    const printedQr = await poster.locator('.outlet-poster__qr').boundingBox()
    await page.emulateMedia({ media: 'screen' })
    // A6 is 105×148 mm: about 397×559 CSS pixels at 96 dpi; the code takes 62% of the width.
    expect(printed?.width).toBeCloseTo(397, -1)
    expect(printed?.height).toBeCloseTo(559, -1)
    expect(printedQr?.width).toBeCloseTo(246, -1)
  })

  it("fills in a store's pickup details for shoppers and pauses its pickups", async () => {
    await page.reload()
    await openSection('stores')
    await page.getByTestId(`outlet-edit-${outletId}`).click()
    const dialog = page.getByTestId('outlet-details-dialog')
    await dialog.getByPlaceholder('例如：上海市静安区南京西路 1515 号 B1 层').fill('上海市浦东新区世纪大道 100 号 1 层')
    await dialog.getByPlaceholder('例如：每日 10:00–22:00').fill('每日 09:00–21:00')
    await dialog.getByPlaceholder('例如：021-6288 0202').fill('电话号码')
    await page.getByTestId('outlet-details-save').click()
    await dialog.getByText('电话为 5–20 位数字、+、- 或空格').waitFor()
    await dialog.getByPlaceholder('例如：021-6288 0202').fill('021-5888 0303')
    await page.getByTestId('outlet-pickups-off').click()
    await shot('stores-pickup-dialog')
    await page.getByTestId('outlet-details-save').click()
    await page.getByTestId('stores-notice').getByText('自提信息已保存').waitFor()
    const cell = page.getByTestId(`outlet-pickup-${outletId}`)
    await cell.getByText('暂停自提').waitFor()
    await cell.getByText('上海市浦东新区世纪大道 100 号 1 层 · 每日 09:00–21:00 · 电话 021-5888 0303').waitFor()
    const row = await server.db
      .selectFrom('outlets')
      .select(['address', 'opening_hours', 'phone', 'closed_at'])
      .where('id', '=', outletId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ address: '上海市浦东新区世纪大道 100 号 1 层', phone: '021-5888 0303' })
    expect(row.closed_at).not.toBeNull()
    await shot('stores-pickup')
    await expectNoHorizontalOverflow(page)
  })
})
