import { describe, expect, it } from 'vitest'
import type { Graph } from '../../../lib/api'
import { problemCount, problemsFromDetail, withoutNode } from './problems'

const SENT: Graph = {
  nodes: [
    { id: 'start', type: 'start', data: {} },
    { id: 'notify', type: 'send_notification', data: {} },
  ],
  edges: [{ id: 'e1', source: 'start', target: 'ghost' }],
}

describe('problemsFromDetail', () => {
  it('puts problems on the node or edge the server names', () => {
    const report = problemsFromDetail(
      [
        { loc: ['body', 'graph', 'nodes', 1, 'data', 'toRole'], msg: "node 'notify': toRole: Field required", type: 'missing', node_id: 'notify' },
        { loc: ['body', 'graph', 'edges', 0, 'target'], msg: "edge 'e1': target node 'ghost' does not exist", type: 'missing_node', edge_id: 'e1' },
      ],
      SENT,
    )
    expect(report).toEqual({
      byNode: { notify: ['toRole: Field required'] },
      byEdge: { e1: ["target node 'ghost' does not exist"] },
      general: [],
    })
    expect(problemCount(report)).toBe(2)
  })

  it('finds the node from the loc index when the server names none (a plain FastAPI 422)', () => {
    const report = problemsFromDetail([{ loc: ['body', 'graph', 'nodes', 1, 'id'], msg: 'String should have at least 1 character', type: 'x' }], SENT)
    expect(report.byNode).toEqual({ notify: ['String should have at least 1 character'] })
  })

  it('keeps problems with nowhere to go as general ones, with their field', () => {
    const report = problemsFromDetail(
      [
        { loc: ['body', 'graph', 'nodes'], msg: 'the graph has no start node', type: 'no_start' },
        { loc: ['body', 'name'], msg: 'String should have at least 1 character', type: 'string_too_short' },
      ],
      SENT,
    )
    expect(report.general).toEqual(['the graph has no start node', 'name: String should have at least 1 character'])
  })

  it('accepts a detail that is a plain string', () => {
    expect(problemsFromDetail('Workflow not found', SENT).general).toEqual(['Workflow not found'])
  })

  it('withoutNode drops one node’s problems once it is edited', () => {
    const report = problemsFromDetail([{ msg: 'bad', node_id: 'notify' }, { msg: 'worse', node_id: 'start' }], SENT)
    expect(Object.keys(withoutNode(report, 'notify').byNode)).toEqual(['start'])
  })
})
