// Reads bff/layers.json, checks it against the tree, and turns it into dependency-cruiser rules: a module in one
// floor may import from its own floor or below; an import into a higher floor is an "upward import" and fails
// unless bff/layers.json lists that exact file pair, with a reason, in `upwardAllowed` (at most 5).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const layersFile = 'bff/layers.json'
const srcDir = 'bff/src'
const maxUpwardAllowed = 5

export class LayersError extends Error {}

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A regex matching a top-level entry of bff/src: a folder and everything under it, or one file. */
const entryPattern = (entry) => `^${escapeRegex(srcDir)}/${escapeRegex(entry)}${entry.includes('.') ? '$' : '/'}`
const filePattern = (path) => `^${escapeRegex(path)}$`

/** The parsed, validated layer file: { layers, notLayered, testFiles, upwardAllowed }. Throws LayersError. */
export function readLayers() {
  const problems = []
  const config = JSON.parse(readFileSync(join(root, layersFile), 'utf8'))
  const { layers = [], notLayered = [], testFiles = [], upwardAllowed = [] } = config
  const testPatterns = testFiles.map((p) => new RegExp(p))
  const isTest = (path) => testPatterns.some((p) => p.test(path))

  const duplicates = layers.filter((entry, i) => layers.indexOf(entry) !== i)
  if (duplicates.length > 0) problems.push(`listed twice in "layers": ${duplicates.join(', ')}`)
  const present = readdirSync(join(root, srcDir), { withFileTypes: true })
    .filter((d) => d.isDirectory() || /\.tsx?$/.test(d.name))
    .map((d) => d.name)
    .filter((name) => !isTest(`${srcDir}/${name}`))
  const missing = present.filter((name) => !layers.includes(name) && !notLayered.includes(name))
  for (const name of missing) {
    problems.push(`${srcDir}/${name} is not in ${layersFile}: add it to "layers" at its floor (ground first)`)
  }
  for (const name of layers.filter((entry) => !present.includes(entry))) {
    problems.push(`"${name}" in ${layersFile} does not exist under ${srcDir}/: remove or rename it`)
  }

  if (upwardAllowed.length > maxUpwardAllowed) {
    problems.push(`"upwardAllowed" has ${upwardAllowed.length} entries; at most ${maxUpwardAllowed} are allowed`)
  }
  for (const { from, to, reason } of upwardAllowed) {
    const pair = `${from} → ${to}`
    if (!reason || !String(reason).trim()) problems.push(`upwardAllowed ${pair} has no reason`)
    for (const file of [from, to])
      if (!existsSync(join(root, file))) problems.push(`upwardAllowed ${pair}: ${file} does not exist`)
    const fromFloor = floorOf(layers, from)
    const toFloor = floorOf(layers, to)
    if (fromFloor >= 0 && toFloor >= 0 && fromFloor >= toFloor) {
      problems.push(`upwardAllowed ${pair} is not an upward import under this order: remove it`)
    }
  }
  if (problems.length > 0) {
    throw new LayersError(`${layersFile} does not match the tree:\n  - ${problems.join('\n  - ')}`)
  }
  return { layers, notLayered, testFiles, upwardAllowed }
}

function floorOf(layers, path) {
  return layers.findIndex((entry) => new RegExp(entryPattern(entry)).test(path))
}

/** dependency-cruiser `forbidden` rules for the floors in bff/layers.json. */
export function bffLayerRules({ layers, testFiles, upwardAllowed } = readLayers()) {
  const rules = []
  const any = (patterns) => patterns.join('|')
  for (let floor = 0; floor < layers.length - 1; floor++) {
    const here = entryPattern(layers[floor])
    const above = any(layers.slice(floor + 1).map(entryPattern))
    const allowedHere = upwardAllowed.filter((a) => new RegExp(here).test(a.from))
    const allowedFrom = [...new Set(allowedHere.map((a) => a.from))]
    const comment =
      `${layers[floor]} is floor ${floor + 1} of ${layers.length} in ${layersFile}: it may not import from ` +
      `${layers.slice(floor + 1).join(', ')}. Move the code down, or pass it in from above.`
    rules.push({
      name: 'bff-upward-import',
      severity: 'error',
      comment,
      from: { path: here, pathNot: any([...testFiles, ...allowedFrom.map(filePattern)]) },
      to: { path: above, pathNot: any(testFiles) },
    })
    for (const from of allowedFrom) {
      const allowedTo = allowedHere.filter((a) => a.from === from).map((a) => filePattern(a.to))
      rules.push({
        name: 'bff-upward-import',
        severity: 'error',
        comment,
        from: { path: filePattern(from) },
        to: { path: above, pathNot: any([...testFiles, ...allowedTo]) },
      })
    }
  }
  return rules
}
