#!/usr/bin/env node
// Fails on source lines longer than 120 characters. Biome's formatter keeps code within 120 but leaves long string
// literals and comments alone; this catches those. Usage: node scripts/check-line-length.mjs [tree root]
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const maxLength = 120
const folders = ['shared/src', 'bff/src', 'bff/e2e', 'bff/bench', 'miniapp/src']
const extensions = /\.(ts|tsx|css)$/
const excluded = [/^bff\/src\/db\/migrations\//, /(^|\/)(node_modules|dist)\//]

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..')

function* sourceFiles(dir) {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* sourceFiles(path)
    else if (extensions.test(entry.name)) yield path
  }
}

const long = []
for (const folder of folders) {
  for (const path of sourceFiles(join(root, folder))) {
    const name = relative(root, path).split('\\').join('/')
    if (excluded.some((pattern) => pattern.test(`${name}`))) continue
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // Characters, not bytes or UTF-16 units: a Chinese character counts as one.
        const length = [...line.replace(/\r$/, '')].length
        if (length > maxLength) long.push(`${name}:${i + 1}: ${length} characters`)
      })
  }
}

if (long.length > 0) {
  console.error(long.join('\n'))
  console.error(
    `\n✗ ${long.length} source line(s) longer than ${maxLength} characters. Break long strings and comments ` +
      `(code is wrapped by \`pnpm format\`).`,
  )
  process.exit(1)
}
console.log(`✓ no source line longer than ${maxLength} characters`)
