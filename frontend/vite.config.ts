import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// FastAPI serves the build at /ui; `npm run dev` proxies the API to a server on :8000 (or API_URL).
const API_PREFIXES = ['/workflows', '/executions', '/events', '/node-types', '/rules', '/notifications', '/health']

export default defineConfig({
  base: '/ui/',
  plugins: [react()],
  server: {
    proxy: Object.fromEntries(
      API_PREFIXES.map((prefix) => [prefix, { target: process.env.API_URL ?? 'http://127.0.0.1:8000', bypass: browserNavigation }]),
    ),
  },
  // The two chunks near this size (RJSF + ajv, CodeMirror) load only when a form or a JSON editor opens.
  build: { chunkSizeWarningLimit: 450 },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}'], environment: 'happy-dom' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})

/** Page loads of deep links such as /workflows/{id} go to the dev server, API calls to FastAPI. */
function browserNavigation(request: { headers: Record<string, string | string[] | undefined> }) {
  const accept = String(request.headers.accept ?? '')
  return accept.includes('text/html') ? '/ui/index.html' : undefined
}
