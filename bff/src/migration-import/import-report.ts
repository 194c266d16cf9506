import { toCsv } from './csv'
import type { ImportColumn } from './import-row'
import type { ImportReject, ImportSummary } from './import-members'

const count = (n: number) => n.toLocaleString('en-US')
const barWidth = 10

/** `[#####-----] 52% 5,200/10,000 rows`: the bar and the percent round down, so 100% means every row is done. */
export function progressLine(done: number, total: number): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total)
  const filled = Math.floor(ratio * barWidth)
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`
  return `${bar} ${Math.floor(ratio * 100)}% ${count(done)}/${count(total)} rows`
}

/** `imported 9,990 · already imported 0 · rejected 10 · 3,456 rows/s` */
export function summaryLine(summary: ImportSummary, rowsPerSecond: number): string {
  return (
    `imported ${count(summary.imported)} · already imported ${count(summary.alreadyImported)} · ` +
    `rejected ${count(summary.rejected)} · ${count(Math.round(rowsPerSecond))} rows/s`
  )
}

/**
 * Draws progress on a terminal by rewriting one line with `\r`; into a file or a CI log, where `\r` would pile
 * up as one huge line, it writes a line each time another tenth is done instead.
 */
export function progressReporter(stream: { isTTY?: boolean; write(text: string): unknown }) {
  let lastTenth = 0
  let drawn = false
  return {
    update(done: number, total: number) {
      if (stream.isTTY) {
        stream.write(`\r${progressLine(done, total)}\u001b[K`)
        drawn = true
        return
      }
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total)
      if (tenth > lastTenth) stream.write(`${progressLine(done, total)}\n`)
      lastTenth = Math.max(lastTenth, tenth)
    },
    finish() {
      if (drawn) stream.write('\n')
      drawn = false
    },
  }
}

/**
 * The rejected rows as the file had them, plus `line` and `reason`; the importer ignores those two columns on the way
 * back in.
 */
export function rejectsCsv(columns: ImportColumn[], rejects: ImportReject[]): string {
  return toCsv([
    [...columns, 'line', 'reason'],
    ...rejects.map((reject) => [
      ...columns.map((column) => reject.row[column] ?? ''),
      String(reject.line),
      reject.reason,
    ]),
  ])
}
