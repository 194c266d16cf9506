import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseEnv, publishedDemoSecrets } from '../env'
import { installSecrets, withInstallSecrets } from './install-secrets'

const dir = mkdtempSync(join(tmpdir(), 'mc-secrets-'))
const modeOf = (file: string) => statSync(file).mode & 0o777

describe('the secrets npm start keeps per install', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('creates random secrets on the first start, owner-only (0600), and keeps them afterwards', () => {
    const file = join(dir, 'first/data/secrets.json')
    const secrets = installSecrets(file)
    expect(modeOf(file)).toBe(0o600)
    expect(secrets.WEBHOOK_SECRET).toMatch(/^whsec_[0-9a-f]{64}$/)
    expect(secrets.QR_SCENE_SECRET).toMatch(/^qrscene_[0-9a-f]{64}$/)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(secrets)
    expect(installSecrets(file)).toEqual(secrets)
    const other = installSecrets(join(dir, 'second/secrets.json'))
    expect(other.WEBHOOK_SECRET).not.toBe(secrets.WEBHOOK_SECRET)
    expect(Object.values(secrets).some((value) => publishedDemoSecrets.includes(value))).toBe(false)
  })

  it('adds a secret an older file lacks and narrows a file others could read', () => {
    const file = join(dir, 'older.json')
    writeFileSync(file, JSON.stringify({ WEBHOOK_SECRET: `whsec_${'a'.repeat(64)}` }))
    chmodSync(file, 0o644)
    const secrets = installSecrets(file)
    expect(secrets.WEBHOOK_SECRET).toBe(`whsec_${'a'.repeat(64)}`)
    expect(secrets.QR_SCENE_SECRET).toMatch(/^qrscene_[0-9a-f]{64}$/)
    expect(modeOf(file)).toBe(0o600)
  })

  it('fills only what the environment leaves unset, and passes production checks', () => {
    const file = join(dir, 'env/secrets.json')
    const source = withInstallSecrets({ SECRETS_FILE: file, WEBHOOK_SECRET: 'whsec_set_by_the_operator_0001' })
    expect(source.WEBHOOK_SECRET).toBe('whsec_set_by_the_operator_0001')
    expect(source.QR_SCENE_SECRET).toBe(installSecrets(file).QR_SCENE_SECRET)
    expect(parseEnv({ ...source, NODE_ENV: 'production' })).toHaveProperty('env')
    expect(withInstallSecrets({ PORT: '1' })).toEqual({ PORT: '1' })
  })
})
