import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import { CHROMIUM_PATH } from './global-setup'

export const baseURL = inject('baseURL')
export const browserMissing = inject('browserMissing')

export interface BrowserSession {
  browser: Browser
  page: Page
  /** Uncaught page errors, which fail the test that caused them. */
  pageErrors: string[]
  close: () => Promise<void>
}

/** Debian's Chromium, headless and offline (Playwright gives it a fresh temporary profile). */
/**
 * One browser for the calling `describe` block, opened before its tests and closed after them.
 * Returns a getter, since the session exists only once `beforeAll` has run.
 */
export function useBrowser(): () => BrowserSession {
  let session: BrowserSession | undefined
  beforeAll(async () => {
    session = await openBrowser()
  })
  afterAll(async () => {
    await session?.close()
  })
  return () => {
    if (!session) throw new Error('the browser is opened in beforeAll')
    return session
  }
}

export async function openBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  return {
    browser,
    page,
    pageErrors,
    close: () => browser.close(),
  }
}

export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseURL}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** Drags with real pointer events, in small steps, as React Flow's own tests do. */
export async function drag(page: Page, from: Locator, to: Locator | { x: number; y: number }): Promise<void> {
  await from.hover()
  await page.mouse.down()
  const target = 'x' in to ? to : await centreOf(to)
  await page.mouse.move(target.x, target.y, { steps: 12 })
  if (!('x' in to)) await to.hover()
  await page.mouse.up()
}

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox()
  if (!box) throw new Error(`${locator} is not visible`)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

export function flowNode(page: Page, nodeId: string): Locator {
  return page.locator(`.react-flow__node[data-id="${nodeId}"]`)
}

/** Connects the default output of one node to the input of another. */
export async function connect(page: Page, sourceId: string, targetId: string, handle?: string): Promise<void> {
  const source = handle
    ? flowNode(page, sourceId).locator(`.react-flow__handle.source[data-handleid="${handle}"]`)
    : flowNode(page, sourceId).locator('.react-flow__handle.source.wf-handle--out').first()
  await drag(page, source, flowNode(page, targetId).locator('.react-flow__handle.target'))
}

/** Drops a palette item on the canvas at a point given relative to the canvas' top-left corner. */
export async function dropFromPalette(page: Page, nodeType: string, at: { x: number; y: number }): Promise<void> {
  const canvas = await page.getByTestId('canvas').boundingBox()
  if (!canvas) throw new Error('the canvas is not visible')
  await drag(page, page.getByTestId(`palette-${nodeType}`), { x: canvas.x + at.x, y: canvas.y + at.y })
}

/** Replaces the text of a CodeMirror editor. */
export async function fillCode(editor: Locator, text: string): Promise<void> {
  await editor.locator('.cm-content').fill(text)
}

export function uniqueTag(): string {
  return `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}
