import { CsvError, parseCsv } from './csv'
import { importColumns, type ImportColumn, type RawRow } from './import-row'

/** One data row: the file line it starts on, its values by column, and why it cannot be read, if it cannot. */
export interface SourceRow {
  line: number
  raw: RawRow
  problem: string | null
}

/** What an import reads: the columns in file order (for the rejects file) and the data rows. */
export interface ImportSource {
  columns: ImportColumn[]
  rows: SourceRow[]
}

// A rejects file carries these two extra columns; ignoring them lets the merchant fix it and import it as it is.
const rejectsFileColumns = new Set(['line', 'reason'])

/**
 * Reads an import file: a header row naming the columns, then one member per record. An unknown column is a
 * malformed file rather than an ignored one, because a misspelt `grwoth` would otherwise import every balance as 0.
 */
export function sourceFromCsv(text: string): ImportSource {
  const [header, ...records] = parseCsv(text)
  if (!header)
    throw new CsvError(
      1,
      'the file is empty; expected a header row (phone,openid,name,birthday,growth,points,points_expires_on)',
    )
  const names = header.fields.map((name) => name.trim().toLowerCase())
  names.forEach((name, i) => {
    if (!rejectsFileColumns.has(name) && !(importColumns as readonly string[]).includes(name)) {
      throw new CsvError(
        header.line,
        `unknown column "${header.fields[i]}" in the header (expected ${importColumns.join(', ')})`,
      )
    }
    if (names.indexOf(name) !== i) throw new CsvError(header.line, `column "${name}" appears twice in the header`)
  })
  if (!names.includes('phone') && !names.includes('openid')) {
    throw new CsvError(header.line, 'the header needs a phone or an openid column')
  }
  const columns = names.filter((name): name is ImportColumn => (importColumns as readonly string[]).includes(name))
  const rows = records.map((record): SourceRow => {
    const raw: RawRow = {}
    names.forEach((name, i) => {
      if (i < record.fields.length && !rejectsFileColumns.has(name)) raw[name as ImportColumn] = record.fields[i]
    })
    const problem =
      record.fields.length === names.length
        ? null
        : `列数与表头不符：应为 ${names.length} 列，实际 ${record.fields.length} 列 / ` +
          `expected ${names.length} fields, got ${record.fields.length}`
    return { line: record.line, raw, problem }
  })
  return { columns, rows }
}

/** Rows given as objects (tests, other callers): numbered as if line 1 were a header. */
export function sourceFromRows(rows: Array<Partial<Record<ImportColumn, string | number | null>>>): ImportSource {
  return {
    columns: [...importColumns],
    rows: rows.map((row, i) => ({
      line: i + 2,
      raw: Object.fromEntries(
        Object.entries(row)
          .filter(([, v]) => v !== null && v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      ),
      problem: null,
    })),
  }
}
