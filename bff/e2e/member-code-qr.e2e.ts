import type { Locator, Page } from 'playwright-core'
import decodeQR from 'qr/decode.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiCaller } from './support/api'
import { expectNoHorizontalOverflow, loginAndJoin, screenshot, waitForPage } from './support/browser'
import { e2eAdminToken } from './support/h5-server'
import { useServerAndPhone } from './support/server-and-phone'

const phoneNo = '13900000161'
const staffPhone = '13700000161'
const staffPin = '246801'
// 32 characters, the longest nickname the profile takes.
const longNickname = '林小夏的名字特别特别长长到一行放不下还要再多写几个字才够三十二'
const memberCodePage = '/#/member-code/pages/code/index'

/**
 * The pixels of the member QR image as the page draws it, read back from a canvas at `scale` pixels per CSS pixel.
 * The QR image is an SVG data URL, which leaves the canvas readable.
 */
async function qrPixels(image: Locator, scale: number) {
  const pixels = await image.evaluate(async (el, s) => {
    const img = (el.tagName === 'IMG' ? el : el.querySelector('img')) as HTMLImageElement
    await img.decode()
    const { width, height } = img.getBoundingClientRect()
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(width * s)
    canvas.height = Math.round(height * s)
    const context = canvas.getContext('2d')!
    context.fillStyle = '#fff'
    context.fillRect(0, 0, canvas.width, canvas.height)
    context.drawImage(img, 0, 0, canvas.width, canvas.height)
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
    return { width: canvas.width, height: canvas.height, data: Array.from(data) }
  }, scale)
  return { ...pixels, data: Uint8ClampedArray.from(pixels.data) }
}

/** How many lines an element's text takes on screen, and its content height in lines of that text. */
async function textLines(element: Locator) {
  return element.evaluate((el) => {
    const range = document.createRange()
    range.selectNodeContents(el)
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0)
    const lineHeight = Math.max(...rects.map((r) => r.height))
    const style = getComputedStyle(el)
    const content = el.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
    return { lines: new Set(rects.map((r) => Math.round(r.top))).size, heightInLines: content / lineHeight }
  })
}

describe('H5: the member code page', () => {
  const { server, phone } = useServerAndPhone()
  const api = apiCaller(() => server.baseUrl)
  let page: Page
  let memberId: string
  let token: string

  beforeAll(async () => {
    page = phone.page
    await loginAndJoin(page, server.baseUrl, phoneNo)
    await page.waitForURL(/#\/pages\/home\/index/)
    const login = await api('POST', '/api/auth/local', null, { phone: phoneNo })
    token = login.body.token
    memberId = login.body.member.id
  })

  // The old drawing was the transpose of the symbol: its finder patterns sit in the right corners, so it looks
  // right, but only scanners that retry a mirrored reading decode it. `qr` does not retry one.
  it('draws a QR code that a scanner without the mirrored retry reads as the code the till accepts', async () => {
    await page.goto(`${server.baseUrl}${memberCodePage}`)
    await page.reload()
    const digits = page.getByLabel('会员码')
    await waitForPage(page, digits)
    const shown = (await digits.textContent())!.replace(/\s/g, '')
    expect(shown).toMatch(/^9\d{17}$/)
    await screenshot(page, '160-member-code-qr')

    const decoded = decodeQR(await qrPixels(page.getByLabel('会员二维码'), 2), { format: 'RGBA' })
    expect(decoded).toBe(shown)

    const created = await api('POST', '/api/admin/staff', e2eAdminToken, {
      name: '李店员',
      phone: staffPhone,
      outletId: 'outlet_xuhui',
      pin: staffPin,
    })
    expect(created.status).toBe(201)
    const staff = await api('POST', '/api/staff/login', null, { phone: staffPhone, pin: staffPin })
    const verified = await api('POST', '/api/staff/member-code/verify', staff.body.token, { code: decoded })
    expect(verified.status).toBe(200)
    expect(verified.body.member).toMatchObject({ memberId })
  })

  it('keeps the tier badge on one line beside a long nickname on a 320 px phone', async () => {
    const saved = await api('PATCH', '/api/me/profile', token, { nickname: longNickname })
    expect(saved.status).toBe(200)
    await page.setViewportSize({ width: 320, height: 640 })
    await page.goto(`${server.baseUrl}${memberCodePage}`)
    await page.reload()
    await waitForPage(page, page.getByLabel('会员码'))

    await screenshot(page, '161-320-member-code-long-nickname')
    const badge = page.getByText('普通会员', { exact: true })
    const badgeText = await textLines(badge)
    expect(badgeText.lines).toBeLessThanOrEqual(2)
    expect(badgeText.heightInLines).toBeLessThan(2.1)
    // The nickname gives way instead: one line (or two at most), not a column of characters.
    const nickname = await textLines(page.getByText(longNickname, { exact: true }))
    expect(nickname.lines).toBeLessThanOrEqual(2)
    expect(nickname.heightInLines).toBeLessThan(2.1)
    await expectNoHorizontalOverflow(page)
  })
})
