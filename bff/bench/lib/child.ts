import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { dirname, resolve } from 'node:path'

/** The bff package directory, so children resolve the workspace's modules exactly as the product does. */
export const bffDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** A port the kernel just handed out; the child binds it a moment later (a race we accept on loopback). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

/** A server under test running in its own process. `stop()` ends exactly that process, by its pid. */
export interface ServerProcess {
  url: string
  pid: number
  stop(): Promise<void>
}

/**
 * Node with the tsx loader, the way `pnpm start` runs the product, minus the extra tsx wrapper process.
 * BENCH_CHILD_NODE_ARGS adds node flags to every child, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where time
 * goes.
 */
function spawnTs(script: string, args: string[], env: Record<string, string>, stdio: 'ignore' | 'pipe'): ChildProcess {
  const nodeArgs = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean)
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    cwd: bffDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', stdio, 'pipe'],
  })
}

/** Starts `script` with PORT set and waits until `readyPath` answers 200 (the child's stdout is discarded). */
export async function startServer(
  script: string,
  env: Record<string, string>,
  readyPath = '/',
): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawnTs(script, [], { ...env, PORT: String(port), HOST: '127.0.0.1' }, 'ignore')
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} before listening:\n${stderr}`)
    try {
      if ((await fetch(url + readyPath)).status === 200) break
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${script} did not answer ${readyPath} within 30 s:\n${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Runs a task script to completion in its own process and returns the JSON object it prints last on stdout. */
export async function runTask<T>(script: string, env: Record<string, string>): Promise<T> {
  const child = spawnTs(script, [], env, 'pipe')
  let stdout = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk))
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)))
  if (code !== 0) throw new Error(`${script} exited with ${code}`)
  const last = stdout.trim().split('\n').pop() ?? ''
  return JSON.parse(last) as T
}
