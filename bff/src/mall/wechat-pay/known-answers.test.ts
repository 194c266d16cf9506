import { describe, expect, it } from 'vitest'
import { openNotice } from './notice'
import { loadPlatformKeys } from './platform-keys'
import { decryptResource } from './resource-cipher'
import { wechatpaySignatureProblem, wechatpaySignMessage } from './wechatpay-signature'

// Known answers made outside this code base on 2026-12-04 and pasted here as literals: the signature with
// `openssl dgst -sha256 -sign` over the message file, the ciphertext with OpenSSL's EVP_aes_256_gcm (a ten-line C
// program; `openssl enc` refuses AEAD ciphers). If the project's format drifts from WeChat's (a dropped newline, a
// nonce read as hex), these fail even though its own signer and verifier would still agree with each other.

const timestamp = '1733297400'
const nonce = 'KATNONCE0123456789ABCDEF01234567'
const body = '{"id":"EV-2018022511223320873","event_type":"TRANSACTION.SUCCESS"}'

/** The platform public key whose private half signed `opensslSignature`; only the public half is kept. */
const platformPublicKeyPem = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu/GWniQNO6MKgOx3vsRt
hlPDWmpX4785zCag0WxZUdk/MXUmhBDNQF+EGoC7pNbNjNnt2FlZ6izQG7YtUSIc
uNnbk2xfYzkLN4BFaTiZgPDqXJJzj4Q0Ky3qHiBQ9xUqmpw/A9p3J8jPNJwBkM5K
JqqyB3asim6JqCeDYhmufBUS5aWbPcBH9srrmcmH2mZHKhFqyS+y5nVO9cpUDige
AdEm/p/xKFSBl28rfZ4kLmqxAsE94yzWZg2PfJjX9CjwDG2FznRE3wQnC+PuDFjK
FKT6mWX4OTyO1pLZcN4aO9O0a4kZII6GT+oAtD0CuiaBIhzbS82Gec+U7aNWaoWD
SQIDAQAB
-----END PUBLIC KEY-----`

/** openssl dgst -sha256 -sign over the three lines above, each ended by "\n" (printf '%s\n%s\n%s\n'). */
const opensslSignature =
  'ClBhzuCPTkrO+FdZJ3QkUNbDJdv8+UIzuwm3STjRVUDxvULOu+DBWHavaTt8gRZNort0ouF0XUt/2OZytKUO6cZ8+78C4VQ0lZQg6dyq7dwJ7H' +
  'HOGP5TkGTF2LeFUEepfc38ccKjqYNmGrE5kbVcQhwRpfCtmVGKqsEP2WkU07/1RR4cRed8ie2WfaDMhZEKlTw68LmLw5aK4RMJg0/EGEa8Ni/' +
  '3JmgHOg3lXFgfrIQ3mZ9GsbkJ/9JMPAiDMvuMHpq7YJnObl/mu/Rpn58xRpHadGW0oETcDg0Dx6pRapcjJ7KW8Q5zRVQd90ZcBxspqxfra4plY' +
  'm9/P3nkH/Gd1Q=='

const serial = 'PUB_KEY_ID_0114KAT'
const platformKeys = loadPlatformKeys({ [serial]: platformPublicKeyPem })
const headers = {
  'Wechatpay-Timestamp': timestamp,
  'Wechatpay-Nonce': nonce,
  'Wechatpay-Signature': opensslSignature,
  'Wechatpay-Serial': serial,
}
const signedAt = new Date(Number(timestamp) * 1000)

describe('WeChat Pay signature format, pinned by known answers', () => {
  it('builds the notice and response message as timestamp, nonce and body, each ended by a newline', () => {
    expect(wechatpaySignMessage(timestamp, nonce, body)).toBe(
      '1733297400\nKATNONCE0123456789ABCDEF01234567\n' +
        '{"id":"EV-2018022511223320873","event_type":"TRANSACTION.SUCCESS"}\n',
    )
  })

  it('accepts the signature openssl made over that message, and nothing else', () => {
    expect(wechatpaySignatureProblem(headers, body, platformKeys, signedAt)).toBeNull()
    expect(wechatpaySignatureProblem(headers, `${body} `, platformKeys, signedAt)).toBe('bad signature')
    expect(wechatpaySignatureProblem(headers, `\uFEFF${body}`, platformKeys, signedAt)).toBe('bad signature')
  })

  it('checks the raw bytes: the genuine body with a byte-order mark before it is refused', () => {
    const genuine = new TextEncoder().encode(body)
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...genuine])
    const reason = (bytes: Uint8Array) => {
      try {
        openNotice({ headers, body: bytes }, { platformKeys, apiV3Key: 'k'.repeat(32) }, signedAt)
        return 'accepted'
      } catch (error) {
        return String((error as { details?: { reason?: string } }).details?.reason)
      }
    }
    // The genuine bytes pass the signature and only then fail, for carrying no resource.
    expect(reason(genuine)).toBe('missing resource')
    expect(reason(withBom)).toBe('bad signature')
    expect(reason(new Uint8Array([...genuine.slice(0, -1), 0xff]))).toBe('body is not UTF-8')
  })
})

describe('AEAD_AES_256_GCM resource decryption, pinned by a known answer', () => {
  const apiV3Key = 'm6T2wQ9kZr4Xb8Ns1Lp5Vd7Hc3Jf0Ga2'
  const plaintext =
    '{"mchid":"1900000001","appid":"wxd678efh567hg6787","out_trade_no":"rdm_kat_0001",' +
    '"transaction_id":"4200000001202612040000000001","trade_state":"SUCCESS",' +
    '"success_time":"2026-12-04T15:30:00+08:00","amount":{"total":990,"payer_total":990,"currency":"CNY",' +
    '"payer_currency":"CNY"},"payer":{"openid":"oKAT0000000000000000000001"}}'
  /** OpenSSL EVP_aes_256_gcm: key = the APIv3 key's ASCII bytes, IV = the nonce's 12 ASCII bytes, AAD, tag last. */
  const resource = {
    original_type: 'transaction',
    algorithm: 'AEAD_AES_256_GCM' as const,
    associated_data: 'transaction',
    nonce: 'fVtqWx3pZk9L',
    ciphertext:
      'bC/r7FRpLzZOgzJvI3swmpBYwxtXgFaFuH+hlVYE0zXSTtSqvXochiCx7ILGX8/YAShJP1zYrxShxkWOHJ8hJRZ8mVf3v1z2kNhpMprLbi8z' +
      '2inrqVJ9sLzeu69SUZicSFehLpADvDRgoisAWV7bgUbkazejNQYygTeCdiMnOizLbskqWLV9VT2tdTDwB9w1muhmVFxCzln7vvkJN3TlX1SDh' +
      '2M/Zk3/E15lckfjxmsnOW9aHuxGAtT3he8H/7YBjYbmLmp8Fw6aDr4f3VFWGRbnyzku7WlrKjvc/8smBkvV7gYgEOFVuNgrNYSKrfXOH8Zl+Ez' +
      'JC/65XlTi0ymsb+KOP0wL9yFZVOl7PpNc0TZz1nJYUeoD2iWQgXDu8UmAFSuTdUgx9Ai8oPZvW+UqB/AzB2Z/cuYXBmG1PcFgdd1lWwvL9VTjm' +
      '8P++Ng4XKT/eoub/lA=',
  }

  it('decrypts the vector OpenSSL sealed to the exact plaintext', () => {
    expect(decryptResource(resource, apiV3Key)).toBe(plaintext)
  })

  it.each([
    ['another associated data', { ...resource, associated_data: 'refund' }, apiV3Key],
    ['another nonce', { ...resource, nonce: 'fVtqWx3pZk9M' }, apiV3Key],
    ['another key', resource, `${apiV3Key.slice(0, 31)}3`],
    ['a cut tag', { ...resource, ciphertext: resource.ciphertext.slice(0, -8) }, apiV3Key],
  ])('refuses the vector with %s', (_, sealed, key) => {
    expect(() => decryptResource(sealed, key)).toThrow()
  })
})
