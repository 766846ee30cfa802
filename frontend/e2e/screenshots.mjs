// Takes the README's screenshots from a running server that has the sample workflows:
//   make run   (and, in another terminal)   make seed
//   BASE_URL=http://localhost:8000 npm run screenshots
// Writes docs/screenshots/{editor,rule-editor,run-view}.png at the repository root.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'

const baseURL = process.env.BASE_URL ?? 'http://localhost:8000'
const outDir = resolve(import.meta.dirname, '../../docs/screenshots')
const SAMPLE = 'Hot lead'

mkdirSync(outDir, { recursive: true })
const workflows = await (await fetch(`${baseURL}/workflows`)).json()
const sample = workflows.items.find((/** @type {{name: string}} */ workflow) => workflow.name === SAMPLE)
if (!sample) throw new Error(`No "${SAMPLE}" workflow at ${baseURL}: run \`make seed\` first.`)

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
const page = await browser.newPage({ baseURL, viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1 })
const node = (/** @type {string} */ id) => page.locator(`.react-flow__node[data-id="${id}"]`)

// The editor, with a node's generated form open.
await page.goto(`/ui/workflows/${sample.id}`)
await node('notify').click()
await page.getByTestId('node-config').locator('[name="message"]').waitFor()
await page.screenshot({ path: `${outDir}/editor.png` })

// The trigger rule editor, with the rule tested against a sample payload.
await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } })
await page.getByTestId('rule-condition').waitFor()
await page.getByTestId('test-rule').click()
await page.locator('.result--match').waitFor()
await page.screenshot({ path: `${outDir}/rule-editor.png` })

// A finished run, down the CEO path, with a step's input and output open.
const accepted = await (
  await fetch(`${baseURL}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'lead.created', lead: { title: 'CEO' } }),
  })
).json()
const run = accepted.executions.find((/** @type {{workflow_id: string}} */ execution) => execution.workflow_id === sample.id)
await page.goto(`/ui/executions/${run.id}`)
await node('gift').locator('[data-status="completed"]').waitFor({ timeout: 30_000 })
await page.getByTestId('live-indicator').waitFor({ state: 'detached' })
await page.getByTestId('step-row').filter({ hasText: 'gift' }).click()
await page.screenshot({ path: `${outDir}/run-view.png` })

await browser.close()
console.log(`screenshots written to ${outDir}`)
