/**
 * The run view's controls: cancelling a waiting run, and retrying a failed one from its failed step.
 */
import { describe, expect, test } from 'vitest'
import { apiRequest, baseURL, browserMissing, flowNode, uniqueTag, useBrowser } from './support'

interface Accepted {
  executions: { id: string; workflow_id: string }[]
}

describe.skipIf(browserMissing)('run controls', () => {
  const browser = useBrowser()

  /** Creates a workflow started by its own tag, sends it an event and opens the run. */
  async function openRunOf(nodes: object[]): Promise<void> {
    const tag = uniqueTag()
    const edges = nodes.slice(1).map((node, index) => ({ id: `e${index}`, source: (nodes[index] as { id: string }).id, target: (node as { id: string }).id }))
    const workflow = await apiRequest<{ id: string }>('POST', '/workflows', {
      name: `Run controls ${tag}`,
      trigger: { '==': [{ var: 'test_tag' }, tag] },
      graph: { nodes, edges },
    })
    const accepted = await apiRequest<Accepted>('POST', '/events', { test_tag: tag })
    const run = accepted.executions.find((execution) => execution.workflow_id === workflow.id)!
    await browser().page.goto(`/ui/executions/${run.id}`)
  }

  test('a waiting run can be cancelled', async () => {
    const { page } = browser()
    await openRunOf([
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'nap', type: 'delay', position: { x: 0, y: 150 }, data: { hours: 1 } },
    ])
    await flowNode(page, 'nap').locator('[data-status="waiting"]').waitFor()
    expect(await page.getByTestId('retry-execution').isDisabled()).toBe(true)
    await page.getByTestId('cancel-execution').click()
    await page.getByTestId('status-badge').filter({ hasText: 'cancelled' }).first().waitFor()
    await expect.poll(() => page.getByTestId('cancel-execution').isDisabled()).toBe(true)
  })

  test('a failed run is retried from its failed step, as a new attempt', async () => {
    const { page } = browser()
    await openRunOf([
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      { id: 'call', type: 'http_call', position: { x: 0, y: 150 }, data: { method: 'GET', url: `${baseURL}/demo/status/500` } },
    ])
    await flowNode(page, 'call').locator('[data-status="failed"]').waitFor({ timeout: 30_000 })
    await page.getByTestId('step-row').filter({ hasText: 'call' }).click()
    await expect.poll(() => page.getByTestId('step-error').textContent()).toMatch(/500/)
    await page.getByTestId('retry-execution').click()
    await expect.poll(() => page.getByTestId('step-row').filter({ hasText: 'call' }).count(), { timeout: 30_000 }).toBe(2)
    await page.getByTestId('retry-execution').and(page.locator(':enabled')).waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('step-row').last().locator('td').nth(1).textContent()).toBe('2')
  })
})
