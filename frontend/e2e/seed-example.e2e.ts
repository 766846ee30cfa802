/**
 * The contract's seed example, imported from a file: its branch draws one handle per case, and a
 * run of it shows the path the branch took; the run list filters by status.
 */
import { describe, expect, test } from 'vitest'
import { apiRequest, baseURL, browserMissing, connect, flowNode, uniqueTag, useBrowser } from './support'

describe.skipIf(browserMissing)('the seed example', () => {
  const tag = uniqueTag()

  const browser = useBrowser()

  test('imports, draws its branch handles, runs down the CEO path and is listed among the runs', async () => {
    const { page } = browser()
    const seed = {
      name: `Seed example ${tag}`,
      trigger: { '==': [{ var: 'test_tag' }, tag] },
      graph: {
        nodes: [
          { id: 'start', type: 'start', data: {} },
          { id: 'notify', type: 'send_notification', data: { toRole: 'AE', message: 'New hot lead' } },
          { id: 'wait', type: 'delay', data: { ms: 200 } },
          { id: 'call', type: 'http_call', data: { method: 'POST', url: `${baseURL}/demo/echo` } },
          {
            id: 'branch',
            type: 'branch',
            data: { cases: [{ label: 'CEO', condition: { '==': [{ var: 'lead.title' }, 'CEO'] }, next: 'gift' }, { else: true, next: 'drip' }] },
          },
          { id: 'gift', type: 'send_notification', data: { toRole: 'AE', message: 'Send a gift to {{ payload.lead.title }}' } },
          { id: 'drip', type: 'send_notification', data: { toRole: 'MKT', message: 'Add to drip' } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'notify' },
          { id: 'e2', source: 'notify', target: 'wait' },
          { id: 'e3', source: 'wait', target: 'call' },
          { id: 'e4', source: 'call', target: 'branch' },
        ],
      },
    }

    await page.goto('/ui/')
    await page.getByTestId('import-file').setInputFiles({ name: 'seed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(seed)) })
    await page.waitForURL(/\/ui\/workflows\/[0-9a-f-]{36}$/)

    // Positions were left out, so the editor lays the graph out; the branch has CEO, else and error handles.
    const branch = flowNode(page, 'branch')
    for (const handle of ['CEO', 'else', 'error']) await branch.locator(`.react-flow__handle[data-handleid="${handle}"]`).waitFor()
    await page.getByTestId('rf__edge-branch-gift').waitFor()
    await page.getByTestId('rf__edge-branch-drip').waitFor()

    await page.getByTestId('send-test-event').click()
    await page.getByTestId('test-event-dialog').locator('.cm-content').fill(JSON.stringify({ test_tag: tag, lead: { title: 'CEO' } }))
    await page.getByTestId('test-event-submit').click()
    await page.waitForURL(/\/ui\/executions\//)

    await flowNode(page, 'gift').locator('[data-status="completed"]').waitFor({ timeout: 30_000 })
    await page.getByTestId('status-badge').filter({ hasText: 'completed' }).first().waitFor()
    await expect.poll(() => page.getByTestId('rf__edge-branch-gift').getAttribute('class')).toContain('edge-taken')
    expect(await page.getByTestId('rf__edge-branch-drip').getAttribute('class')).toContain('edge-idle')
    expect(await flowNode(page, 'drip').locator('[data-status="completed"]').count()).toBe(0)
    await expect.poll(() => page.getByTestId('live-indicator').count()).toBe(0)

    await page.getByRole('link', { name: 'Runs' }).click()
    await expect.poll(() => page.getByTestId('execution-row').count()).toBe(1)
    await page.getByTestId('status-filter').selectOption('failed')
    await page.getByText('No failed runs').waitFor()
    await page.getByTestId('status-filter').selectOption('completed')
    await expect.poll(() => page.getByTestId('execution-row').count()).toBe(1)
    expect(browser().pageErrors).toEqual([])
  })

  test('a branch grows one handle per case; renaming a case keeps its edge', async () => {
    const { page } = browser()
    const workflow = await apiRequest<{ id: string }>('POST', '/workflows', {
      name: `Branch ${tag}`,
      graph: { nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }], edges: [] },
    })
    await page.goto(`/ui/workflows/${workflow.id}`)
    await page.getByTestId('palette-branch').click()
    const form = page.getByTestId('node-config')
    await form.locator('[name="cases.0.label"]').fill('big')
    await form.locator('[name="cases.0.condition"]').fill('{">": [{"var": "amount"}, 100]}')
    await form.getByRole('button', { name: 'Add' }).click()
    await form.locator('[name="cases.1.else"]').check()
    const handles = flowNode(page, 'branch').locator('.react-flow__handle.source')
    await expect.poll(() => handles.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-handleid')))).toEqual(['big', 'else', 'error'])

    await page.getByTestId('palette-end').click()
    await connect(page, 'branch', 'end', 'big')
    await flowNode(page, 'branch').click()
    await form.locator('[name="cases.0.label"]').fill('large')
    await page.getByTestId('save-workflow').click()
    await page.getByTestId('saved-indicator').waitFor()
    const saved = await apiRequest<{ graph: { edges: { source: string; target: string; sourceHandle?: string }[] } }>('GET', `/workflows/${workflow.id}`)
    expect(saved.graph.edges).toMatchObject([{ source: 'branch', target: 'end', sourceHandle: 'large' }])
  })
})
