import fc from 'fast-check'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app'
import { logRedactPaths, scalarLineRedactPaths } from './log-redact'

/** The JSON line `logger` writes for `fields`, without the time (which differs between two calls). */
function lineOf(paths: string[], fields: Record<string, unknown>, child: boolean): string {
  let line = ''
  const destination = {
    write: (text: string) => {
      line = text
    },
  }
  const root = pino({ level: 'info', redact: logRedactPaths, timestamp: false }, destination)
  const logger = child ? root.child({}, { redact: paths }) : root
  logger.info(fields, 'request')
  return line
}

describe('the request log', () => {
  const t = useTestApp({}, { verifyLedgers: false })

  it('writes one line per request with its id, method, path, status and duration', async () => {
    const before = t.logLines.length
    const response = await t.app.request('/api/nothing-here', { headers: { 'x-request-id': 'req-test-1' } })
    expect(response.headers.get('x-request-id')).toBe('req-test-1')
    const lines = t.logLines
      .slice(before)
      .map((line) => JSON.parse(line))
      .filter((line) => line.msg === 'request')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ requestId: 'req-test-1', method: 'GET', path: '/api/nothing-here', status: 404 })
    expect(typeof lines[0].durationMs).toBe('number')
  })

  it('redacts a line of scalar fields exactly as the full redaction would', () => {
    const names = [...new Set(logRedactPaths.map((path) => path.split('.').at(-1) ?? path))]
    const key = fc.oneof(fc.constantFrom(...names, 'requestId', 'method', 'path', 'status'), fc.string())
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))
    fc.assert(
      fc.property(fc.dictionary(key, scalar), (fields) => {
        expect(lineOf(scalarLineRedactPaths, fields, true)).toBe(lineOf(logRedactPaths, fields, false))
      }),
    )
  })
})
