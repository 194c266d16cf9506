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
 * The redaction of a line whose fields are all scalars, such as the request line: the top-level paths only. The
 * others look inside a field's object value, which such a line has none of, yet pino runs them over every field of
 * every line (a clone and a walk per field, about as much CPU again as the rest of the line), so dropping them for
 * such a line changes nothing it can show.
 */
export const scalarLineRedactPaths = logRedactPaths.filter((path) => !path.includes('.'))

const couponCode = /\/coupons\/[^/]+/g
const pickupCode = /\/pickups\/(?!verify(?:\/|$))[^/]+/g
const longDigits = /\/\d{6,}(?=\/|$)/g
/** What every path that needs blanking contains; most paths have none of it and are logged as they are. */
const mayHoldCode = /\/(?:coupons|pickups)\/|\d{6}/

/**
 * What the request log may show of a path: coupon codes and pickup codes are bearer values (whoever holds one can
 * use the coupon or collect the item), so they are replaced by the parameter's name, as are any long runs of digits
 * (member codes, phone numbers) in a segment of their own.
 */
export function redactedPath(path: string): string {
  if (!mayHoldCode.test(path)) return path
  return path
    .replace(couponCode, '/coupons/:code')
    .replace(pickupCode, '/pickups/:code')
    .replace(longDigits, '/:digits')
}
