import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const srcDir = join(import.meta.dirname, '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name)
    if (item.isDirectory()) return sourceFiles(path)
    return item.name.endsWith('.ts') ? [relative(srcDir, path)] : []
  })
}

// Test files and their kits seed ledgers directly; product code may not.
const isTestCode = (path: string) => /\.test\.ts$|test-kit\.ts$|^test\//.test(path)

// An insert into a ledger table, through Kysely, `bulkInsert` or raw SQL.
const ledgerInsert =
  /insertInto\(\s*'ledger_(entries|lots|accounts)'|'ledger_(entries|lots|accounts)'\s*,\s*\w+\s*\)|insert into ledger_/

describe('the ledger is written one way', () => {
  it('only ledger/ and earning/ call postEntry: domains use `earn`, `postDebit` and `reverseEntry` instead', () => {
    const callers = sourceFiles(srcDir)
      .filter((path) => !isTestCode(path) && !path.startsWith('ledger/') && !path.startsWith('earning/'))
      .filter((path) => /import\s*\{[^}]*\bpostEntry\b[^}]*\}\s*from/.test(readFileSync(join(srcDir, path), 'utf8')))
    expect(callers).toEqual([])
  })

  it('only ledger/ writes ledger rows: no other product file inserts into the ledger tables', () => {
    const writers = sourceFiles(srcDir)
      .filter((path) => !isTestCode(path) && !path.startsWith('ledger/') && !path.startsWith('db/migrations/'))
      .filter((path) => ledgerInsert.test(readFileSync(join(srcDir, path), 'utf8')))
    expect(writers).toEqual([])
  })
})
