import { createHmac } from 'node:crypto'

/**
 * Alibaba Cloud's RPC request signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0), as its SMS "签名机制"
 * document describes it:
 *   CanonicalizedQueryString = the parameters except Signature, sorted by name, each `percentEncode(name) + '=' +
 *     percentEncode(value)`, joined with '&';
 *   StringToSign = HTTPMethod + '&' + percentEncode('/') + '&' + percentEncode(CanonicalizedQueryString);
 *   Signature = Base64(HMAC-SHA1(AccessKeySecret + '&', StringToSign)).
 */

/**
 * RFC 3986 encoding of UTF-8: only A–Z a–z 0–9 - _ . ~ stay as they are, a space is %20 (never '+').
 * encodeURIComponent also leaves ! ' ( ) * alone, so those five are encoded here by hand.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
}

/** The parameters, Signature left out, sorted by name (plain code-unit order, as the document's examples sort). */
export function canonicalizedQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`)
    .join('&')
}

export function stringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQuery(params))}`
}

/** The Signature parameter's value for these parameters (Base64, not yet URL-encoded). */
export function rpcSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params), 'utf8').digest('base64')
}
