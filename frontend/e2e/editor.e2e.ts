/**
 * A workflow built by hand in the browser, from an empty workflow to a run marked completed.
 */
import { describe, expect, test } from 'vitest'
import { apiRequest, browserMissing, connect, dropFromPalette, fillCode, flowNode, uniqueTag, useBrowser } from './support'

interface GraphOut {
  graph: { nodes: { id: string; type: string; data: Record<string, unknown> }[]; edges: { source: string; target: string }[] }
  trigger: unknown
}

describe.skipIf(browserMissing)('building a workflow in the editor', () => {
  const tag = uniqueTag()

  const browser = useBrowser()

  test('create, draw, configure, trigger, save, reload, then run it', async () => {
    const { page } = browser()

    // Create a workflow from the list: the editor opens on its lone start node.
    await page.goto('/ui/')
    await page.getByTestId('new-workflow').click()
    await page.waitForURL(/\/ui\/workflows\/[0-9a-f-]{36}$/)
    const workflowId = page.url().split('/').at(-1)!
    await flowNode(page, 'start').waitFor()
    await page.getByTestId('workflow-name').fill(`Hot lead ${tag}`)

    // Drag two nodes from the palette; each opens its form when dropped.
    await dropFromPalette(page, 'send_notification', { x: 420, y: 300 })
    await flowNode(page, 'send_notification').waitFor()
    const form = page.getByTestId('node-config')
    await form.locator('[name="id"]').fill('notify')
    await form.locator('[name="id"]').press('Enter')
    await flowNode(page, 'notify').waitFor()
    await form.locator('[name="toRole"]').fill('AE')
    await form.locator('[name="message"]').fill('New hot lead: {{ payload.lead.title }}')
    await expect.poll(() => flowNode(page, 'notify').textContent()).toContain('New hot lead')

    await dropFromPalette(page, 'delay', { x: 420, y: 500 })
    await flowNode(page, 'delay').waitFor()
    await form.locator('[name="ms"]').fill('300')

    // Connect start → notify → delay.
    await connect(page, 'start', 'notify')
    await connect(page, 'notify', 'delay')
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2)

    // The trigger rule, built visually and checked on the server against a sample payload.
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } })
    await page.getByTestId('trigger-tab-builder').click()
    await page.getByTestId('add-condition').click()
    const condition = page.getByTestId('rule-condition')
    await condition.locator('[name="field"]').fill('test_tag')
    await condition.locator('[name="operator"]').selectOption('==')
    await condition.locator('[name="value"]').fill(tag)
    await fillCode(page.getByTestId('rule-test-payload'), JSON.stringify({ test_tag: tag, lead: { title: 'CEO' } }))
    await page.getByTestId('test-rule').click()
    await expect.poll(() => page.getByTestId('rule-test-result').textContent()).toContain('Matches')

    // Save, then reload: the same graph comes back.
    await page.getByTestId('unsaved-indicator').waitFor()
    await page.getByTestId('save-workflow').click()
    await page.getByTestId('saved-indicator').waitFor()
    const saved = await apiRequest<GraphOut>('GET', `/workflows/${workflowId}`)
    expect(saved.trigger).toEqual({ '==': [{ var: 'test_tag' }, tag] })
    expect(saved.graph.nodes.map((node) => node.id).sort()).toEqual(['delay', 'notify', 'start'])
    expect(saved.graph.nodes.find((node) => node.id === 'notify')?.data).toEqual({ toRole: 'AE', message: 'New hot lead: {{ payload.lead.title }}' })
    expect(saved.graph.edges.map((edge) => `${edge.source}>${edge.target}`).sort()).toEqual(['notify>delay', 'start>notify'])

    await page.reload()
    await flowNode(page, 'delay').waitFor()
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3)
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2)
    await flowNode(page, 'notify').click()
    await expect.poll(() => form.locator('[name="message"]').inputValue()).toBe('New hot lead: {{ payload.lead.title }}')
    await expect.poll(() => page.getByTestId('workflow-name').inputValue()).toBe(`Hot lead ${tag}`)

    // Send a test event and watch the run reach every node.
    await page.getByTestId('send-test-event').click()
    await page.getByTestId('test-event-submit').click()
    await page.waitForURL(/\/ui\/executions\/[0-9a-f-]{36}$/)
    for (const nodeId of ['start', 'notify', 'delay']) {
      await flowNode(page, nodeId).locator('[data-status="completed"]').waitFor({ timeout: 30_000 })
    }
    await expect.poll(() => page.getByTestId('step-row').count()).toBe(3)
    await page.getByTestId('step-row').filter({ hasText: 'notify' }).click()
    await expect.poll(() => page.getByTestId('step-output').textContent()).toContain('New hot lead: CEO')
    expect(browser().pageErrors).toEqual([])
  })
})
