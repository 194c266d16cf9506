/** A syntax error in a CSV file, at the physical line (1-based) where it was found. */
export class CsvError extends Error {
  readonly line: number

  constructor(line: number, problem: string) {
    super(`line ${line}: ${problem}`)
    this.name = 'CsvError'
    this.line = line
  }
}

/** One record of a CSV file: its fields, and the physical line (1-based) it starts on. */
export interface CsvRecord {
  line: number
  fields: string[]
}

/**
 * Parses RFC 4180 CSV: fields separated by commas, records by CRLF, LF or a lone CR (old Excel for Mac), fields
 * quoted with `"` may hold commas, line breaks and `""` for a quote. A leading UTF-8 BOM (Excel writes one) is
 * dropped. A quote inside an unquoted field, text after a closing quote, or a quote left open is a malformed file,
 * not something to guess at: a guessed split would import balances into the wrong columns.
 * A completely empty line yields no record; a trailing line break does not add one.
 */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false // the current field was quoted, so even an empty one makes the line a record
  let line = 1
  let recordLine = 1
  let i = 0
  const endField = () => {
    fields.push(field)
    field = ''
    quoted = false
  }
  const endRecord = () => {
    const blank = fields.length === 0 && field === '' && !quoted
    endField()
    if (!blank) records.push({ line: recordLine, fields })
    fields = []
  }
  while (i < input.length) {
    const char = input[i]
    if (char === '"') {
      if (field !== '' || quoted)
        throw new CsvError(line, 'a quote inside an unquoted field (quote the whole field and double its quotes)')
      const read = readQuoted(input, i + 1, line)
      field = read.value
      quoted = true
      i = read.end
      line = read.line
      const next = input[i]
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new CsvError(line, 'text after a closing quote (a quoted field must end where its quotes end)')
      }
    } else if (char === ',') {
      endField()
      i += 1
    } else if (char === '\r' || char === '\n') {
      endRecord()
      i += char === '\r' && input[i + 1] === '\n' ? 2 : 1
      line += 1
      recordLine = line
    } else {
      field += char
      i += 1
    }
  }
  if (fields.length > 0 || field !== '' || quoted) endRecord()
  return records
}

/** Reads a quoted field's content from just after its opening quote; returns where the closing quote ends. */
function readQuoted(input: string, start: number, startLine: number): { value: string; end: number; line: number } {
  let value = ''
  let line = startLine
  let i = start
  for (;;) {
    if (i >= input.length) throw new CsvError(startLine, 'a quoted field is never closed')
    const char = input[i]
    if (char === '"') {
      if (input[i + 1] !== '"') return { value, end: i + 1, line }
      value += '"'
      i += 2
      continue
    }
    if (char === '\n' || (char === '\r' && input[i + 1] !== '\n')) line += 1
    value += char
    i += 1
  }
}

/** Quotes a field when it holds a comma, quote, line break or edge spaces, doubling any quotes (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/**
 * Writes records as CSV with CRLF line ends and a BOM, because the merchants open these files in Excel, which
 * shows UTF-8 Chinese as mojibake without one. `parseCsv` reads its own output back unchanged.
 */
export function toCsv(records: string[][]): string {
  return `\ufeff${records.map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`
}
