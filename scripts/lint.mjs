#!/usr/bin/env node
// `pnpm lint`: formatting and lint (Biome), import rules (dependency-cruiser) and line length. Runs every check
// even when one fails, so one run lists everything to fix; exits 1 if any failed.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules/.bin', name)

// Biome's errors fail the lint and are printed; its warnings are only counted (below), so they cannot crowd the
// errors out of the 50 diagnostics shown.
const biomeCheck = ['check', '--diagnostic-level=error', '--max-diagnostics=50', '.']
const checks = [
  ['format and lint (biome check; `pnpm format` fixes formatting)', bin('biome'), biomeCheck],
  ['import cycles and BFF floors (dependency-cruiser)', process.execPath, [join(root, 'scripts/check-deps.mjs')]],
  ['line length', process.execPath, [join(root, 'scripts/check-line-length.mjs')]],
]

const failed = []
for (const [name, file, args] of checks) {
  console.log(`\n▶ lint: ${name}`)
  const result = spawnSync(file, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) failed.push(name)
}
const warnings = spawnSync(bin('biome'), ['lint', '--max-diagnostics=0', '.'], { cwd: root, encoding: 'utf8' })
const warningCount = /Found (\d+) warnings?/.exec(`${warnings.stdout}${warnings.stderr}`)?.[1]
if (warningCount) console.log(`\nℹ ${warningCount} lint warning(s), not failing: \`pnpm exec biome lint .\` lists them`)
if (failed.length > 0) {
  console.error(`\n✗ lint failed: ${failed.join('; ')}`)
  process.exit(1)
}
console.log('\n✓ lint passed')
