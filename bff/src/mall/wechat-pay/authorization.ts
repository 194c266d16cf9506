import { signMessage, newNonce, unixSeconds, type PrivateKeyInput } from './rsa-signature'

/** The scheme name WeChat Pay expects before the Authorization parameters. */
export const authorizationScheme = 'WECHATPAY2-SHA256-RSA2048'

/** What the merchant signs for one request; `urlPath` includes the query string. */
export interface RequestToSign {
  method: string
  urlPath: string
  body: string
  mchid: string
  /** Serial number of the merchant API certificate whose private key signs. */
  serialNo: string
  privateKey: PrivateKeyInput
  /** Injected by tests; a fresh random nonce and the current time otherwise. */
  nonce?: string
  timestamp?: string
}

/** The parameters of an Authorization header, as WeChat reads them. */
export interface AuthorizationParts {
  mchid: string
  nonce_str: string
  signature: string
  timestamp: string
  serial_no: string
}

/** The signed message: method, path with query, timestamp, nonce and body, each followed by a newline. */
export function requestSignMessage(
  method: string,
  urlPath: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  return `${method.toUpperCase()}\n${urlPath}\n${timestamp}\n${nonce}\n${body}\n`
}

/** The full `Authorization` header value for one API v3 request. */
export function authorizationHeader(request: RequestToSign): string {
  const nonce = request.nonce ?? newNonce()
  const timestamp = request.timestamp ?? unixSeconds(new Date())
  const message = requestSignMessage(request.method, request.urlPath, timestamp, nonce, request.body)
  const signature = signMessage(request.privateKey, message)
  return (
    `${authorizationScheme} mchid="${request.mchid}",nonce_str="${nonce}",signature="${signature}",` +
    `timestamp="${timestamp}",serial_no="${request.serialNo}"`
  )
}

/** Reads an Authorization header back into its parts; null when the scheme or any parameter is missing. */
export function parseAuthorization(header: string | undefined): AuthorizationParts | null {
  if (!header?.startsWith(`${authorizationScheme} `)) return null
  const values = new Map<string, string>()
  for (const match of header.slice(authorizationScheme.length + 1).matchAll(/([a-z_]+)="([^"]*)"/g)) {
    values.set(match[1]!, match[2]!)
  }
  const keys = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const
  if (keys.some((key) => !values.get(key))) return null
  return Object.fromEntries(keys.map((key) => [key, values.get(key)!])) as unknown as AuthorizationParts
}
