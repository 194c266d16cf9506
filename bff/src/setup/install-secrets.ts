import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * The secrets `npm start` needs for the order webhook and the store join QR codes, each with the prefix that says
 * what it is. Production sets its own; a demo install gets random ones, never a value printed in the README.
 */
export const installSecretPrefixes = { WEBHOOK_SECRET: 'whsec_', QR_SCENE_SECRET: 'qrscene_' } as const

export type InstallSecrets = Record<keyof typeof installSecretPrefixes, string>

const ownerOnly = 0o600

/**
 * Reads the install's secrets from `file`, creating it (mode 0600, owner only) with fresh random values on the
 * first start. A secret missing from an older file is added; a file others can read is narrowed to the owner, since
 * anyone holding the webhook secret can credit points.
 */
export function installSecrets(file: string): InstallSecrets {
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : null
  const secrets = { ...(existing ?? {}) } as Record<string, unknown>
  let changed = existing === null
  for (const [name, prefix] of Object.entries(installSecretPrefixes)) {
    if (typeof secrets[name] === 'string' && (secrets[name] as string).length >= 32) continue
    secrets[name] = `${prefix}${randomBytes(32).toString('hex')}`
    changed = true
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true })
    // Written with the mode from the start, so there is no moment at which the file is readable by others.
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: ownerOnly })
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, ownerOnly)
  return secrets as InstallSecrets
}

/**
 * The environment with the install's secrets filled in where the environment gives none (an empty value counts as
 * none, as in env.ts). Without SECRETS_FILE the environment is returned as it is.
 */
export function withInstallSecrets(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const file = source.SECRETS_FILE
  if (!file) return source
  const filled = { ...source }
  for (const [name, value] of Object.entries(installSecrets(file))) if (!filled[name]) filled[name] = value
  return filled
}
