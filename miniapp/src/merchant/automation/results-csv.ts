import Taro from '@tarojs/taro'
import type { ReportTable } from '@mc/shared'

/**
 * A results table as CSV text: a BOM so Excel reads the Chinese, the column labels, then the rows with every
 * cell quoted when it holds a comma, a quote or a line break.
 */
export function tableCsv(table: ReportTable): string {
  const cell = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value)
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  const lines = [
    table.columns.map((column) => cell(column.label)).join(','),
    ...table.rows.map((row) => table.columns.map((column) => cell(row[column.key])).join(',')),
  ]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/**
 * Saves a results table the page already holds (results have no export route: the answer is small). H5 saves a
 * Blob; the mini program cannot save a file without a server URL, so it says to export on a computer.
 */
export async function downloadTableCsv(table: ReportTable, name: string): Promise<void> {
  if (process.env.TARO_ENV !== 'h5') {
    await Taro.showToast({ title: '请在电脑端导出', icon: 'none' })
    return
  }
  const href = URL.createObjectURL(new Blob([tableCsv(table)], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = href
  link.download = `${name}.csv`
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}
