#!/usr/bin/env node
// Import rules (dependency-cruiser, .dependency-cruiser.mjs): no cycles in shared/src, bff/src, miniapp/src, and
// the BFF's floors from bff/layers.json. Checks the layer file against the tree first, so a folder missing from it
// is named plainly instead of inside a stack trace.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LayersError, readLayers } from './bff-layers.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

try {
  readLayers()
} catch (error) {
  if (!(error instanceof LayersError)) throw error
  console.error(`✗ ${error.message}`)
  process.exit(1)
}

const depcruise = join(root, 'node_modules/.bin/depcruise')
const args = ['--config', '.dependency-cruiser.mjs', 'shared/src', 'bff/src', 'miniapp/src']
const result = spawnSync(depcruise, args, { cwd: root, stdio: 'inherit' })
if (result.status !== 0) {
  console.error(
    '✗ import rules broken: an import cycle, an upward import in the BFF, or an unresolvable import (above)',
  )
  process.exit(1)
}
