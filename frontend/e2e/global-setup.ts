/**
 * Starts a real Switchyard server (embedded mode: SQLite + in-process worker) for the browser
 * tests, serving the production build in ../dist, on a free port with a fresh database.
 *
 * Without Chromium the tests are skipped with a notice, except in CI (CI=true), where that fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const FRONTEND_DIR = resolve(import.meta.dirname, '..')
const BACKEND_DIR = resolve(FRONTEND_DIR, '../backend')
const DIST_DIR = join(FRONTEND_DIR, 'dist')
const STARTUP_TIMEOUT_MS = 90_000

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    browserMissing: boolean
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    const message = `Chromium was not found at ${CHROMIUM_PATH}: the browser tests need it (apt-get install chromium, or set CHROMIUM_PATH).`
    if (process.env.CI === 'true') throw new Error(message)
    console.warn(`\n*** SKIPPING the browser tests. ${message}\n`)
    project.provide('browserMissing', true)
    project.provide('baseURL', '')
    return
  }
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error('frontend/dist is not built: run `npm run build` before the browser tests.')
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'))
  const port = await freePort()
  // Embedded mode: without REDIS_URL the server runs its own worker.
  const { REDIS_URL: _distributed, ...inherited } = process.env
  const env = {
    ...inherited,
    DATABASE_URL: `sqlite:///${join(dataDir, 'e2e.sqlite3')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    FRONTEND_DIST: DIST_DIR,
  }
  const migrate = spawnSync('uv', ['run', '--frozen', 'python', '-m', 'app.cli', 'migrate'], { cwd: BACKEND_DIR, env, encoding: 'utf8' })
  if (migrate.status !== 0) throw new Error(`migrating the test database failed:\n${migrate.stderr}`)

  const server = spawn('uv', ['run', '--frozen', 'python', '-m', 'app.cli', 'serve'], {
    cwd: BACKEND_DIR,
    env,
    detached: true, // its own process group, so that teardown stops uv and the server under it
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  server.stdout?.on('data', (chunk) => (log += chunk))
  server.stderr?.on('data', (chunk) => (log += chunk))
  const baseURL = `http://127.0.0.1:${port}`
  try {
    await waitForHealth(baseURL, server)
  } catch (error) {
    stop(server)
    throw new Error(`${(error as Error).message}\n--- server output ---\n${log}`)
  }
  project.provide('browserMissing', false)
  project.provide('baseURL', baseURL)

  return async () => {
    await stop(server)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function waitForHealth(baseURL: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the test server exited with code ${server.exitCode}`)
    try {
      const response = await fetch(`${baseURL}/health`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 250))
  }
  throw new Error(`the test server did not answer ${baseURL}/health within ${STARTUP_TIMEOUT_MS / 1000} s`)
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.pid === undefined) return Promise.resolve()
  const exited = new Promise<void>((resolveExit) => server.once('exit', () => resolveExit()))
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-server.pid!, signal)
    } catch {
      // already gone
    }
  }
  signalGroup('SIGTERM')
  const killer = setTimeout(() => signalGroup('SIGKILL'), 10_000)
  return exited.finally(() => clearTimeout(killer))
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))))
    })
  })
}
