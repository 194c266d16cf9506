import type { ReportTable } from './insights.schemas'

/** Excel reads a CSV as the system code page unless it starts with the UTF-8 byte order mark. */
export const utf8Bom = '\uFEFF'

/**
 * A report table as CSV: the byte order mark, a header row of the column labels, then one line per row, CRLF line
 * ends (RFC 4180). Fen are written as yuan with two decimals (the labels of fen columns say 元), so the sheet reads
 * as the page does.
 */
export function csvOfTable(table: Pick<ReportTable, 'columns' | 'rows'>): string {
  const lines = [table.columns.map((c) => csvField(c.label))]
  for (const row of table.rows) {
    lines.push(table.columns.map((c) => csvField(cellText(row[c.key] ?? null, c.unit))))
  }
  return utf8Bom + lines.map((fields) => fields.join(',')).join('\r\n') + '\r\n'
}

function cellText(value: string | number | null, unit: ReportTable['columns'][number]['unit']): string {
  if (value === null) return ''
  if (typeof value === 'string') return unit === 'text' ? defused(value) : value
  if (unit === 'fen') return (value / 100).toFixed(2)
  return String(value)
}

/**
 * Text a merchant or operator typed (item titles, tags) that starts like a formula would run as one in Excel;
 * a leading apostrophe makes it text (the OWASP advice for CSV injection).
 */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** Quotes a field with a comma, quote or line break, doubling its quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * The `Content-Disposition` of a download: an ASCII name for old clients, and the Chinese one as `filename*`
 * (RFC 6266 / 5987), which browsers and WeChat prefer.
 */
export function attachmentDisposition(asciiName: string, utf8Name: string): string {
  const ascii = asciiName.replace(/[^\w.-]/g, '_')
  const encoded = encodeURIComponent(utf8Name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
