import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { publishedProgram } from '../program/published-program'
import { importBatch, type RowOutcome } from './import-batch'
import type { ImportContext } from './import-context'
import { importTime, validateRow, type ImportColumn, type ImportRow, type RawRow } from './import-row'
import { sourceFromCsv, sourceFromRows, type ImportSource, type SourceRow } from './import-source'
import { identityHasher } from './identity-key'

/** One refused row: the line it starts on in the file, its values, and why, in Chinese then English. */
export interface ImportReject {
  line: number
  row: RawRow
  reason: string
}

/** How the rows went: every row is exactly one of imported, already imported, or rejected. */
export interface ImportSummary {
  total: number
  imported: number
  alreadyImported: number
  rejected: number
  rejects: ImportReject[]
}

export interface ImportOptions {
  /** The secret identity keys are hashed with (IDENTITY_HASH_SECRET); the same secret must be used for every run. */
  identitySecret: string
  /** Rows per transaction (default 500): a crash loses at most the batch in flight, a re-run completes it. */
  batchSize?: number
  /** The import time: members join, and default expiries count, from here (default: the wall clock). */
  now?: Date
  /** See `ImportContext.writer`; 'bulk' unless a caller wants every posting through `postEntry`. */
  writer?: ImportContext['writer']
  /** After each committed batch: rows done so far, out of the total. */
  onProgress?: (done: number, total: number) => void
  /** Inside the batch's transaction, once row n (1-based position in the input) is written, before the commit. */
  onRowWritten?: (rowNumber: number) => void
}

type ImportInput = string | ImportSource | Array<Partial<Record<ImportColumn, string | number | null>>>

/**
 * Imports members and their opening balances, `batchSize` rows per transaction. Idempotent per row: a row whose
 * identity was imported before with the same numbers changes nothing, with other numbers it is refused. Throws
 * `CsvError` for a malformed file before writing anything, and passes database errors through.
 */
export async function importMembers(
  db: Kysely<Database>,
  input: ImportInput,
  options: ImportOptions,
): Promise<ImportSummary> {
  const source = typeof input === 'string' ? sourceFromCsv(input) : Array.isArray(input) ? sourceFromRows(input) : input
  const batchSize = options.batchSize ?? 500
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batch size must be a whole number ≥ 1, got ${batchSize}`)
  const program = await publishedProgram(db)
  const context: ImportContext = {
    program,
    time: importTime(options.now ?? new Date(), program.rules, identityHasher(options.identitySecret)),
    writer: options.writer ?? 'bulk',
  }
  const summary: ImportSummary = {
    total: source.rows.length,
    imported: 0,
    alreadyImported: 0,
    rejected: 0,
    rejects: [],
  }
  for (let start = 0; start < source.rows.length; start += batchSize) {
    const rows = source.rows.slice(start, start + batchSize)
    const outcomes = await importChunk(db, rows, start, context, options)
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'imported') summary.imported += 1
      else if (outcome.kind === 'alreadyImported') summary.alreadyImported += 1
      else summary.rejects.push({ line: rows[i].line, row: rows[i].raw, reason: outcome.reason })
    })
    summary.rejected = summary.rejects.length
    options.onProgress?.(start + rows.length, source.rows.length)
  }
  return summary
}

const maxAttempts = 3

/**
 * Validates a chunk (pure, outside the transaction) and imports what passed in one transaction. A unique
 * violation means someone created one of these members, or imported one of these rows, between our lookup and
 * our insert (possible on PostgreSQL, where two imports of overlapping files can also deadlock on each other's
 * new members); the whole batch rolled back, so it is simply run again and now sees them.
 */
async function importChunk(
  db: Kysely<Database>,
  rows: SourceRow[],
  start: number,
  context: ImportContext,
  options: ImportOptions,
): Promise<RowOutcome[]> {
  const checked = rows.map((source) =>
    source.problem ? { reason: source.problem } : validateRow(source.raw, context.time),
  )
  const valid = checked.flatMap((result): ImportRow[] => ('row' in result ? [result.row] : []))
  for (let attempt = 1; ; attempt += 1) {
    try {
      const written = await db.transaction().execute(async (trx) => {
        const outcomes = valid.length > 0 ? await importBatch(trx, valid, context) : []
        for (let n = start + 1; n <= start + rows.length; n += 1) options.onRowWritten?.(n)
        return outcomes
      })
      let next = 0
      return checked.map(
        (result): RowOutcome => ('row' in result ? written[next++] : { kind: 'rejected', reason: result.reason }),
      )
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryable(error)) throw error
    }
  }
}

const retryableCodes = new Set(['23505', '40P01', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'])

function isRetryable(error: unknown): boolean {
  return retryableCodes.has(String((error as { code?: unknown } | null)?.code))
}
