#!/usr/bin/env node
// The README's two commands: `npm start` and `npm test`. A fresh machine has only Node and npm, so this
// installs what is missing (pnpm, the workspace's packages, and for tests Chromium and a CJK font) first.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pnpmVersion = '10.34.9'
const command = process.argv[2]
// better-sqlite3 builds from source here; pointing node-gyp at the installed headers stops it downloading them.
const env = { ...process.env, ...(existsSync('/usr/include/node/node.h') ? { npm_config_nodedir: '/usr' } : {}) }

const log = (message) => console.log(`\n▶ ${message}`)

function run(file, args, options = {}) {
  const result = spawnSync(file, args, { cwd: root, stdio: 'inherit', env, ...options })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/**
 * Runs pnpm commands at once (each build leaves a core idle for much of its time) and prints each one's output
 * whole when it ends, so the logs do not interleave; exits like `run` when any of them failed.
 */
async function runTogether(commands) {
  const results = await Promise.all(
    commands.map(
      ([name, args]) =>
        new Promise((resolve) => {
          const child = spawn(pnpm, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
          const output = []
          child.stdout.on('data', (chunk) => output.push(chunk))
          child.stderr.on('data', (chunk) => output.push(chunk))
          child.on('close', (status) => {
            console.log(`\n── ${name} (exit ${status}) ──`)
            process.stdout.write(Buffer.concat(output))
            resolve(status)
          })
        }),
    ),
  )
  const failed = results.find((status) => status !== 0)
  if (failed !== undefined) process.exit(failed ?? 1)
}

function works(file, args) {
  try {
    return execFileSync(file, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()
  } catch {
    return null
  }
}

function ensurePnpm() {
  if (works('pnpm', ['--version']) === pnpmVersion) return 'pnpm'
  const local = join(root, '.tools/node_modules/.bin/pnpm')
  if (works(local, ['--version']) === pnpmVersion) return local
  log(`installing pnpm ${pnpmVersion}`)
  if (
    spawnSync('npm', ['install', '-g', `pnpm@${pnpmVersion}`], { stdio: 'inherit', env }).status === 0 &&
    works('pnpm', ['--version']) === pnpmVersion
  )
    return 'pnpm'
  // No permission for a global install: keep pnpm inside the checkout instead.
  run('npm', ['install', '--no-save', '--prefix', join(root, '.tools'), `pnpm@${pnpmVersion}`])
  return local
}

function newestMtime(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path)
      .filter((n) => n !== 'node_modules' && n !== 'dist')
      .map((n) => newestMtime(join(path, n))),
  )
}

function h5IsStale() {
  const built = join(root, 'miniapp/dist/h5/index.html')
  if (!existsSync(built)) return true
  const sources = ['miniapp/src', 'miniapp/config', 'shared/src'].map((p) => newestMtime(join(root, p)))
  return Math.max(...sources) > statSync(built).mtimeMs
}

function ensureBrowser() {
  const haveChromium = existsSync('/usr/bin/chromium')
  const haveCjkFont = Boolean(works('fc-list', [':lang=zh', 'family']))
  if (haveChromium && haveCjkFont) return
  const isRoot = process.getuid?.() === 0
  if (!isRoot || !works('apt-get', ['--version'])) {
    console.error("Browser tests need Debian's chromium and fonts-noto-cjk: apt-get install -y chromium fonts-noto-cjk")
    process.exit(1)
  }
  log('installing Chromium and a CJK font with apt-get')
  run('apt-get', ['update', '-qq'])
  run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], {
    env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}

const pnpm = ensurePnpm()
log('installing workspace packages')
run(pnpm, ['install', '--frozen-lockfile'])

if (command === 'start') {
  if (h5IsStale()) {
    log('building the H5 member app')
    run(pnpm, ['--filter', 'miniapp', 'build:h5'])
  }
  log('starting the BFF (migrates and seeds demo data on first start)')
  run(pnpm, ['--filter', '@mc/bff', 'start'], {
    env: {
      ...env,
      LOCAL_LOGIN_ENABLED: env.LOCAL_LOGIN_ENABLED ?? 'true',
      LOCAL_PAYMENT_ENABLED: env.LOCAL_PAYMENT_ENABLED ?? 'true',
      SEED_DEMO: env.SEED_DEMO ?? 'true',
      H5_DIR: env.H5_DIR ?? join(root, 'miniapp/dist/h5'),
      DATABASE_URL: env.DATABASE_URL ?? join(root, 'data/member-center.db'),
      // The order webhook and store QR codes need secrets: the BFF makes random ones for this install on the
      // first start and keeps them beside the database, readable by this user only (0600). Nothing is printed.
      SECRETS_FILE: env.SECRETS_FILE ?? join(root, 'data/secrets.json'),
    },
  })
} else if (command === 'test') {
  // Static checks first: they take seconds, the builds take a minute. Both run even when one fails, so one
  // run lists every type error, lint error, import-rule violation and unformatted file.
  const failed = []
  log('type-checking shared, bff and miniapp (tsc)')
  const typecheck = spawnSync(pnpm, ['-r', '--no-bail', 'typecheck'], { cwd: root, stdio: 'inherit', env })
  if (typecheck.status !== 0) failed.push('type check')
  log('linting: format, lint rules, import cycles and BFF floors, line length')
  const lint = spawnSync(process.execPath, [join(root, 'scripts/lint.mjs')], { cwd: root, stdio: 'inherit', env })
  if (lint.status !== 0) failed.push('lint (`pnpm format` fixes formatting)')
  if (failed.length > 0) {
    console.error(`\n✗ npm test stopped before building and testing: ${failed.join(' and ')} failed (see above)`)
    process.exit(1)
  }
  ensureBrowser()
  log('building the mini-program for weapp and H5 (side by side)')
  await runTogether([
    ['weapp', ['--filter', 'miniapp', 'build:weapp']],
    ['h5', ['--filter', 'miniapp', 'build:h5']],
  ])
  run(pnpm, ['--filter', 'miniapp', 'size:weapp'])
  log('running every test: shared, bff on SQLite and PostgreSQL, miniapp components, H5 in Chromium')
  run(pnpm, ['exec', 'vitest', 'run'])
} else {
  console.error('usage: node scripts/run.mjs start|test')
  process.exit(2)
}
