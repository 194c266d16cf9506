// Prints the weapp main package and each subpackage size from dist/weapp, as WeChat counts them
// (every file under a subpackage root belongs to it; everything else is the main package).
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const distDir = fileURLToPath(new URL('../dist/weapp', import.meta.url))
const mainLimitKb = 2048

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })
}

function readSubpackageRoots() {
  const appJson = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8'))
  const subpackages = appJson.subPackages ?? appJson.subpackages ?? []
  return subpackages.map((pkg) => pkg.root.replace(/\/+$/, ''))
}

function measure() {
  const roots = readSubpackageRoots()
  const sizes = new Map([['main', 0], ...roots.map((root) => [root, 0])])
  for (const file of filesUnder(distDir)) {
    const path = relative(distDir, file).split(sep).join('/')
    const owner = roots.find((root) => path === root || path.startsWith(`${root}/`)) ?? 'main'
    sizes.set(owner, sizes.get(owner) + statSync(file).size)
  }
  return sizes
}

let sizes
try {
  sizes = measure()
} catch (error) {
  console.error(`Cannot read ${distDir}: run \`pnpm build:weapp\` first. (${error.message})`)
  process.exit(1)
}
const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(8)
let total = 0
for (const [name, bytes] of sizes) {
  total += bytes
  const label = name === 'main' ? 'main package' : `subpackage ${name}`
  console.log(`${label.padEnd(28)}${kb(bytes)} KB`)
}
console.log(`${'total'.padEnd(28)}${kb(total)} KB`)
if (sizes.get('main') > mainLimitKb * 1024) console.warn(`main package is over WeChat's ${mainLimitKb} KB limit`)
