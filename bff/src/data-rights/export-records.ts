/** One exported row: column names in camelCase, values as stored (PostgreSQL's bigint strings become numbers). */
export type ExportRecord = Record<string, string | number | boolean | null>

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/**
 * A stored row as the member reads it in the export: every column, named in camelCase, except the ones listed
 * as `withheld` (credentials and internal keys) and the member id itself, which the document states once.
 * Taking every column rather than a hand-picked list means a column added later is exported without anyone
 * remembering to; withholding one is the decision that has to be written down.
 */
export function exportRecord(row: Record<string, unknown>, withheld: readonly string[] = []): ExportRecord {
  const record: ExportRecord = {}
  for (const [column, value] of Object.entries(row)) {
    if (column === 'member_id' || withheld.includes(column)) continue
    record[camel(column)] = exportValue(value)
  }
  return record
}

function exportValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Date) return value.toISOString()
  return JSON.stringify(value)
}
