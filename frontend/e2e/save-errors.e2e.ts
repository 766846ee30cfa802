/**
 * What the editor does with a save the server refuses, and with undo/redo on the canvas.
 */
import { describe, expect, test } from 'vitest'
import { apiRequest, browserMissing, connect, dropFromPalette, flowNode, useBrowser } from './support'

describe.skipIf(browserMissing)('a save the server refuses', () => {
  const browser = useBrowser()

  test('is shown on the offending node, and saving works once it is fixed', async () => {
    const { page } = browser()
    const workflow = await apiRequest<{ id: string }>('POST', '/workflows', {
      name: 'Refused save',
      trigger: null,
      graph: { nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }], edges: [] },
    })
    await page.goto(`/ui/workflows/${workflow.id}`)
    await flowNode(page, 'start').waitFor()

    // A notification without its required fields.
    await dropFromPalette(page, 'send_notification', { x: 420, y: 320 })
    await flowNode(page, 'send_notification').waitFor()
    await connect(page, 'start', 'send_notification')
    await page.getByTestId('save-workflow').click()

    await page.getByTestId('save-problems').waitFor()
    const problem = flowNode(page, 'send_notification').getByTestId('node-problem')
    await expect.poll(() => problem.textContent()).toMatch(/toRole/)
    expect(await flowNode(page, 'send_notification').locator('[aria-invalid="true"]').count()).toBe(1)
    expect(await flowNode(page, 'start').getByTestId('node-problem').count()).toBe(0)
    await page.getByTestId('unsaved-indicator').waitFor()

    // Fixing the node clears its marks; the save then goes through.
    await flowNode(page, 'send_notification').click()
    const form = page.getByTestId('node-config')
    await form.locator('[name="toRole"]').fill('Ops')
    await form.locator('[name="message"]').fill('Fixed')
    await expect.poll(() => problem.count()).toBe(0)
    await page.getByTestId('save-workflow').click()
    await page.getByTestId('saved-indicator').waitFor()
    expect(await page.getByTestId('save-problems').count()).toBe(0)
    expect(browser().pageErrors).toEqual([])
  })

  test('Delete removes a node and Ctrl+Z / Ctrl+Shift+Z undo and redo it', async () => {
    const { page } = browser()
    await flowNode(page, 'send_notification').click()
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } })
    await flowNode(page, 'send_notification').click()
    await page.keyboard.press('Delete')
    await expect.poll(() => flowNode(page, 'send_notification').count()).toBe(0)
    await page.keyboard.press('Control+z')
    await flowNode(page, 'send_notification').waitFor()
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1)
    await page.keyboard.press('Control+Shift+z')
    await expect.poll(() => flowNode(page, 'send_notification').count()).toBe(0)
  })
})
