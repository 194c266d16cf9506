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
