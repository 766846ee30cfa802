import { describe, expect, it } from 'vitest'
import type { Graph } from './api'
import { fromGraph, outputHandles, reconcileBranchEdges, renameNode, toGraph, uniqueId, upstreamOf } from './graph'

const SEED: Graph = {
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'call', type: 'http_call', position: { x: 0, y: 120 }, data: { method: 'POST', url: 'http://x' } },
    {
      id: 'branch',
      type: 'branch',
      position: { x: 0, y: 240 },
      data: {
        cases: [
          { label: 'CEO', condition: { '==': [{ var: 'lead.title' }, 'CEO'] }, next: 'gift' },
          { else: true, next: 'drip' },
        ],
      },
    },
    { id: 'gift', type: 'send_notification', position: { x: -250, y: 360 }, data: { toRole: 'AE', message: 'Gift' } },
    { id: 'drip', type: 'send_notification', position: { x: 250, y: 360 }, data: { toRole: 'MKT', message: 'Drip' } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'call' },
    { id: 'e2', source: 'call', target: 'branch' },
    { id: 'oops', source: 'call', target: 'drip', sourceHandle: 'error' },
  ],
}

const BRANCH_TYPE = { handles: ['else', 'error'], dynamic_handles: 'one handle per case label, plus else' }

describe('fromGraph / toGraph', () => {
  it('draws start, branch and join apart and every other type as a task', () => {
    const { nodes } = fromGraph({
      nodes: [
        { id: 'a', type: 'start', data: {} },
        { id: 'b', type: 'branch', data: { cases: [{ else: true }] } },
        { id: 'c', type: 'join', data: {} },
        { id: 'd', type: 'some_future_type', data: { x: 1 } },
      ],
      edges: [],
    })
    expect(nodes.map((node) => node.type)).toEqual(['start', 'branch', 'join', 'task'])
    expect(nodes[3].data).toEqual({ nodeType: 'some_future_type', config: { x: 1 } })
    expect(nodes[3].position).toEqual({ x: 0, y: 0 })
  })

  it('shows a branch case `next` as an edge from the case handle, and saves it as that edge', () => {
    const { nodes, edges } = fromGraph(SEED)
    expect(edges).toContainEqual({ id: 'branch-gift', source: 'branch', target: 'gift', sourceHandle: 'CEO' })
    expect(edges).toContainEqual({ id: 'branch-drip', source: 'branch', target: 'drip', sourceHandle: 'else' })
    const branch = nodes.find((node) => node.id === 'branch')!
    expect(branch.data.config.cases).toEqual([{ label: 'CEO', condition: { '==': [{ var: 'lead.title' }, 'CEO'] } }, { else: true }])

    const saved = toGraph(nodes, edges)
    expect(saved.edges).toContainEqual({ id: 'branch-gift', source: 'branch', target: 'gift', sourceHandle: 'CEO' })
    expect(saved.edges).toContainEqual({ id: 'oops', source: 'call', target: 'drip', sourceHandle: 'error' })
  })

  it('keeps a `next` whose handle already has an edge, since `next` wins over edges', () => {
    const graph: Graph = {
      nodes: [
        { id: 'b', type: 'branch', data: { cases: [{ label: 'A', condition: true, next: 'x' }, { else: true }] } },
        { id: 'x', type: 'end', data: {} },
        { id: 'y', type: 'end', data: {} },
      ],
      edges: [{ id: 'by', source: 'b', target: 'y', sourceHandle: 'A' }],
    }
    const { nodes, edges } = fromGraph(graph)
    expect(edges).toHaveLength(1)
    expect(nodes[0].data.config.cases).toEqual(graph.nodes![0].data!.cases)
  })

  it('round-trips a graph without a branch exactly, dropping React Flow UI fields', () => {
    const graph: Graph = {
      nodes: [
        { id: 'start', type: 'start', position: { x: 10, y: 20 }, data: {} },
        { id: 'n', type: 'send_notification', position: { x: 10, y: 140 }, data: { toRole: 'AE', message: 'hi', retry: { max_attempts: 3 } } },
      ],
      edges: [{ id: 'e', source: 'start', target: 'n', label: 'go' }],
    }
    const { nodes, edges } = fromGraph(graph)
    const decorated = nodes.map((node) => ({ ...node, selected: true, measured: { width: 240, height: 80 }, dragging: false }))
    expect(toGraph(decorated, edges)).toEqual(graph)
  })

  it('leaves out the default handle and rounds positions', () => {
    const graph = toGraph(
      [{ id: 'a', type: 'task', position: { x: 1.4, y: 2.6 }, data: { nodeType: 'end', config: {} } }],
      [{ id: 'e', source: 'a', target: 'b', sourceHandle: 'default' }],
      { x: 1, y: 2, zoom: 0.5 },
    )
    expect(graph).toEqual({
      nodes: [{ id: 'a', type: 'end', position: { x: 1, y: 3 }, data: {} }],
      edges: [{ id: 'e', source: 'a', target: 'b' }],
      viewport: { x: 1, y: 2, zoom: 0.5 },
    })
  })
})

describe('branch handles', () => {
  it('are the case labels in order, then else, then the declared ones such as error', () => {
    const config = { cases: [{ label: 'big', condition: {} }, { label: 'small', condition: {} }, { else: true }] }
    expect(outputHandles(BRANCH_TYPE, config)).toEqual(['big', 'small', 'else', 'error'])
  })

  it('always include else, even with no else case or no cases at all', () => {
    expect(outputHandles(BRANCH_TYPE, { cases: [{ label: 'only', condition: {} }] })).toEqual(['only', 'else', 'error'])
    expect(outputHandles(BRANCH_TYPE, {})).toEqual(['else', 'error'])
  })

  it('skip cases with no label yet and repeated labels', () => {
    expect(outputHandles(BRANCH_TYPE, { cases: [{ label: '' }, { label: 'a' }, { label: 'a' }] })).toEqual(['a', 'else', 'error'])
  })

  it('are the declared handles for a type without config-driven handles', () => {
    expect(outputHandles({ handles: ['default', 'error'], dynamic_handles: null }, { cases: [{ label: 'x' }] })).toEqual(['default', 'error'])
    expect(outputHandles(undefined, {})).toEqual(['default'])
  })

  it('keep their edges when a case is renamed, and drop those of a removed case', () => {
    const before = { cases: [{ label: 'A' }, { label: 'B' }, { else: true }] }
    const after = { cases: [{ label: 'A2' }, { else: true }] }
    const edges = [
      { id: '1', source: 'b', target: 'x', sourceHandle: 'A' },
      { id: '2', source: 'b', target: 'y', sourceHandle: 'B' },
      { id: '3', source: 'b', target: 'z', sourceHandle: 'else' },
      { id: '4', source: 'b', target: 'w', sourceHandle: 'error' },
      { id: '5', source: 'other', target: 'b' },
    ]
    const result = reconcileBranchEdges('b', before, after, edges, outputHandles(BRANCH_TYPE, after))
    expect(result).toEqual([
      { id: '1', source: 'b', target: 'x', sourceHandle: 'A2' },
      { id: '3', source: 'b', target: 'z', sourceHandle: 'else' },
      { id: '4', source: 'b', target: 'w', sourceHandle: 'error' },
      { id: '5', source: 'other', target: 'b' },
    ])
  })
})

describe('ids', () => {
  it('uniqueId suffixes taken names', () => {
    expect(uniqueId('delay', [])).toBe('delay')
    expect(uniqueId('delay', ['delay', 'delay_2'])).toBe('delay_3')
  })

  it('renameNode follows edges and branch `next`s', () => {
    const { nodes, edges } = renameNode(
      [
        { id: 'a', type: 'task', position: { x: 0, y: 0 }, data: { nodeType: 'end', config: {} } },
        { id: 'b', type: 'branch', position: { x: 0, y: 0 }, data: { nodeType: 'branch', config: { cases: [{ else: true, next: 'a' }] } } },
      ],
      [{ id: 'e', source: 'b', target: 'a', sourceHandle: 'else' }],
      'a',
      'done',
    )
    expect(nodes.map((node) => node.id)).toEqual(['done', 'b'])
    expect(nodes[1].data.config.cases).toEqual([{ else: true, next: 'done' }])
    expect(edges).toEqual([{ id: 'e', source: 'b', target: 'done', sourceHandle: 'else' }])
  })

  it('upstreamOf lists every node a path leads from', () => {
    const edges = [
      { id: '1', source: 'start', target: 'a' },
      { id: '2', source: 'a', target: 'b' },
      { id: '3', source: 'x', target: 'b' },
      { id: '4', source: 'b', target: 'c' },
    ]
    expect(upstreamOf('b', edges)).toEqual(['a', 'start', 'x'])
    expect(upstreamOf('start', edges)).toEqual([])
  })
})
