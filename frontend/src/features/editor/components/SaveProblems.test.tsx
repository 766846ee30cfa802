import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { ReactFlow } from '@xyflow/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FlowDecorationsContext } from '../../../components/flow/decorations'
import { decorateEdges } from '../../../components/flow/edges'
import { nodeTypes } from '../../../components/flow/WorkflowNodes'
import { fromGraph } from '../../../lib/graph'
import { nodeTypesQuery } from '../../../lib/node-types'
import { SaveProblems } from './SaveProblems'

afterEach(cleanup)

describe('the error display of a refused save', () => {
  const report = {
    byNode: { notify: ['toRole: Field required'] },
    byEdge: { e1: ["target node 'ghost' does not exist"] },
    general: ['the graph has no start node'],
  }

  it('lists every problem, and a node’s id takes the user to it', () => {
    const onShowNode = vi.fn()
    render(<SaveProblems report={report} onShowNode={onShowNode} onDismiss={() => {}} />)
    const banner = screen.getByTestId('save-problems')
    expect(banner.textContent).toContain('3 problems')
    expect(banner.textContent).toContain('the graph has no start node')
    expect(banner.textContent).toContain("target node 'ghost' does not exist")
    fireEvent.click(screen.getByRole('button', { name: 'notify' }))
    expect(onShowNode).toHaveBeenCalledWith('notify')
  })

  it('marks the offending edges and labels them with the message', () => {
    const [bad, good] = decorateEdges(
      [
        { id: 'e1', source: 'a', target: 'ghost' },
        { id: 'e2', source: 'a', target: 'b', sourceHandle: 'error' },
      ],
      { problems: report.byEdge },
    )
    expect(bad.className).toBe('edge-invalid')
    expect(bad.label).toBe("⚠ target node 'ghost' does not exist")
    expect(good.className).toBe('edge-error')
  })

  it('draws a node’s problems on the node itself', () => {
    const queryClient = new QueryClient()
    queryClient.setQueryData(nodeTypesQuery.queryKey, [])
    const { nodes } = fromGraph({
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'notify', type: 'send_notification', data: {} },
      ],
      edges: [],
    })
    const { container } = render(
      <QueryClientProvider client={queryClient}>
        <FlowDecorationsContext.Provider value={{ problems: report.byNode }}>
          <div style={{ width: 800, height: 600 }}>
            <ReactFlow nodes={nodes} edges={[]} nodeTypes={nodeTypes} />
          </div>
        </FlowDecorationsContext.Provider>
      </QueryClientProvider>,
    )
    const notify = container.querySelector('.react-flow__node[data-id="notify"]')!
    expect(notify.querySelector('[data-testid="node-problem"]')?.textContent).toBe('toRole: Field required')
    expect(notify.querySelector('[aria-invalid="true"]')).not.toBeNull()
    expect(container.querySelector('.react-flow__node[data-id="start"] [data-testid="node-problem"]')).toBeNull()
  })
})
