import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv'
import { progressLine, progressReporter, rejectsCsv, summaryLine } from './import-report'

const recorder = (isTTY: boolean) => {
  const writes: string[] = []
  return { stream: { isTTY, write: (text: string) => writes.push(text) }, writes }
}

describe('import progress and summary', () => {
  it.each([
    [0, 10_000, '[----------] 0% 0/10,000 rows'],
    [5_200, 10_000, '[#####-----] 52% 5,200/10,000 rows'],
    [9_999, 10_000, '[#########-] 99% 9,999/10,000 rows'],
    [10_000, 10_000, '[##########] 100% 10,000/10,000 rows'],
    [0, 0, '[##########] 100% 0/0 rows'],
  ])('draws %i of %i as %s', (done, total, line) => {
    expect(progressLine(done, total)).toBe(line)
  })

  it('summarises with thousands separators', () => {
    const summary = { total: 10_000, imported: 9_990, alreadyImported: 0, rejected: 10, rejects: [] }
    expect(summaryLine(summary, 3456.4)).toBe('imported 9,990 · already imported 0 · rejected 10 · 3,456 rows/s')
  })

  it('redraws one line with \\r on a terminal', () => {
    const { stream, writes } = recorder(true)
    const progress = progressReporter(stream)
    progress.update(500, 1000)
    progress.update(1000, 1000)
    progress.finish()
    expect(writes).toEqual([
      '\r[#####-----] 50% 500/1,000 rows\u001b[K',
      '\r[##########] 100% 1,000/1,000 rows\u001b[K',
      '\n',
    ])
  })

  it('writes one line per tenth done elsewhere, however the batches fall', () => {
    const { stream, writes } = recorder(false)
    const progress = progressReporter(stream)
    for (let done = 500; done <= 10_000; done += 500) progress.update(done, 10_000)
    progress.finish()
    expect(writes).toHaveLength(10)
    expect(writes[0]).toBe('[#---------] 10% 1,000/10,000 rows\n')
    expect(writes.at(-1)).toBe('[##########] 100% 10,000/10,000 rows\n')
  })

  it("writes rejects in the file's column order with line and reason, readable back", () => {
    const text = rejectsCsv(
      ['openid', 'phone'],
      [{ line: 7, row: { phone: '123', openid: 'o,"x"' }, reason: '手机号格式不正确 / invalid phone' }],
    )
    expect(parseCsv(text).map((r) => r.fields)).toEqual([
      ['openid', 'phone', 'line', 'reason'],
      ['o,"x"', '123', '7', '手机号格式不正确 / invalid phone'],
    ])
  })
})
