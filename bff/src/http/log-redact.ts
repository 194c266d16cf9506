/**
 * Belt and braces: code never logs secrets on purpose, and pino blanks these fields if an object carrying one
 * is logged by mistake (an error's cause, a config dump).
 */
export const logRedactPaths = [
  'secret',
  '*.secret',
  'appSecret',
  '*.appSecret',
  'sessionKey',
  '*.sessionKey',
  'session_key',
  '*.session_key',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
]

/**
 * What the request log may show of a path: coupon codes and pickup codes are bearer values (whoever holds one can
 * use the coupon or collect the item), so they are replaced by the parameter's name, as are any long runs of digits
 * (member codes, phone numbers) in a segment of their own.
 */
export function redactedPath(path: string): string {
  return path
    .replace(/\/coupons\/[^/]+/g, '/coupons/:code')
    .replace(/\/pickups\/(?!verify(?:\/|$))[^/]+/g, '/pickups/:code')
    .replace(/\/\d{6,}(?=\/|$)/g, '/:digits')
}
