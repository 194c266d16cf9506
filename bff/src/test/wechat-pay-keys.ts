import { execFileSync } from 'node:child_process'
import { createPublicKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** An RSA key pair as PEM text, the form the adapter's configuration takes. */
export interface PemKeyPair {
  privateKeyPem: string
  publicKeyPem: string
}

/** Keys for playing both sides of WeChat Pay in tests. */
export interface WechatPayTestKeys {
  /** The merchant's API key pair and its certificate serial (`serial_no`). */
  merchant: PemKeyPair & { serialNo: string }
  /** The platform key pair, its self-signed certificate with that certificate's serial, and a 微信支付公钥 id. */
  platform: PemKeyPair & { certificatePem: string; certificateSerial: string; publicKeyId: string }
  /** A key pair nobody trusts, for signatures that must be refused. */
  stranger: PemKeyPair
  /** A 32-character APIv3 key. */
  apiV3Key: string
}

let cached: WechatPayTestKeys | undefined

function rsaKeyPair(): PemKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}

/**
 * A platform certificate the way WeChat issues them: an X.509 certificate with a 20-byte serial. openssl makes
 * it because node:crypto can read certificates but not create them; the key pair comes out of the same call.
 */
function platformCertificate(): WechatPayTestKeys['platform'] {
  const dir = mkdtempSync(join(tmpdir(), 'wechat-pay-keys-'))
  try {
    const serialHex = `1${randomBytes(19).toString('hex').slice(1)}`.padEnd(40, '0')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '3650',
        '-subj',
        '/C=CN/O=Tenpay.com/CN=Tenpay.com Test Platform',
        '-set_serial',
        `0x${serialHex}`,
      ],
      { stdio: 'pipe' },
    )
    const privateKeyPem = readFileSync(join(dir, 'key.pem'), 'utf8')
    const certificatePem = readFileSync(join(dir, 'cert.pem'), 'utf8')
    return {
      privateKeyPem,
      publicKeyPem: createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString(),
      certificatePem,
      certificateSerial: new X509Certificate(certificatePem).serialNumber,
      publicKeyId: `PUB_KEY_ID_0114${randomBytes(14).toString('hex').toUpperCase()}`,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The keys, made once per test process because RSA generation takes a noticeable moment. */
export function wechatPayTestKeys(): WechatPayTestKeys {
  cached ??= {
    merchant: { ...rsaKeyPair(), serialNo: randomBytes(20).toString('hex').toUpperCase() },
    platform: platformCertificate(),
    stranger: rsaKeyPair(),
    apiV3Key: randomBytes(16).toString('hex'),
  }
  return cached
}
