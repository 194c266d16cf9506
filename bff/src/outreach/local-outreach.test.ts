import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { createLocalSmsSender, createLocalWechatSubscribeSender, maskedPhone } from './local-outreach'

const capture = () => {
  const lines: string[] = []
  return { lines, logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }) }
}

describe('local push providers (npm start, demos)', () => {
  it('"sends" an SMS by logging one line with the phone masked, and answers ok', async () => {
    const { lines, logger } = capture()
    const outcome = await createLocalSmsSender(logger).send({
      phone: '13812345678',
      signName: '会员中心',
      templateCode: 'SMS_100001',
      params: { days: '7' },
      outId: 'obx_01',
    })
    expect(outcome).toEqual({ ok: true, providerId: 'local-sms-1' })
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({ channel: 'sms', phone: '138****5678', outId: 'obx_01' })
    expect(lines[0]).not.toContain('13812345678')
  })

  it('"sends" a subscribe message by logging one line without the whole openid', async () => {
    const { lines, logger } = capture()
    const openid = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'
    const sender = createLocalWechatSubscribeSender(logger)
    const message = { openid, templateId: 'TPL_1', page: 'inbox/pages/index/index', data: { thing1: '升级啦' } }
    expect(await sender.send(message)).toEqual({ ok: true, providerId: 'local-wechat-1' })
    expect(await sender.send(message)).toEqual({ ok: true, providerId: 'local-wechat-2' })
    expect(lines).toHaveLength(2)
    expect(JSON.parse(lines[0]!)).toMatchObject({ channel: 'wechat', templateId: 'TPL_1', data: { thing1: '升级啦' } })
    expect(lines.join('')).not.toContain(openid)
  })

  it.each([
    ['13812345678', '138****5678'],
    ['123', '****'],
  ])('masks %s as %s', (phone, masked) => {
    expect(maskedPhone(phone)).toBe(masked)
  })
})
