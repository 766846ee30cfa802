import { describe, expect, it } from 'vitest'
import type { Step, StepStatus } from '../../../lib/api'
import { latestStatuses, takenEdges } from './run-path'

function step(node_id: string, status: StepStatus, output: unknown = null, node_type = 'task'): Step {
  return { id: `${node_id}-${status}`, node_id, node_type, status, attempt: 1, input: null, output, error: null, started_at: null, finished_at: null }
}

describe('the path a run took', () => {
  const edges = [
    { id: 'e1', source: 'start', target: 'call' },
    { id: 'e2', source: 'call', target: 'branch' },
    { id: 'ceo', source: 'branch', target: 'gift', sourceHandle: 'CEO' },
    { id: 'else', source: 'branch', target: 'drip', sourceHandle: 'else' },
    { id: 'err', source: 'call', target: 'ops', sourceHandle: 'error' },
  ]

  it('follows completed nodes along the handle a branch picked', () => {
    const steps = [
      step('start', 'completed'),
      step('call', 'completed', { status: 200, selected: 'ignored: not a branch' }),
      step('branch', 'completed', { selected: 'CEO', next: 'gift' }, 'branch'),
      step('gift', 'running'),
    ]
    expect([...takenEdges(edges, steps, new Set(['branch']))].sort()).toEqual(['ceo', 'e1', 'e2'])
  })

  it('follows the error edge of a failed node', () => {
    const steps = [step('start', 'completed'), step('call', 'failed'), step('ops', 'completed')]
    expect([...takenEdges(edges, steps, new Set(['branch']))].sort()).toEqual(['e1', 'err'])
  })

  it('gives each node the status of its latest step', () => {
    expect(latestStatuses([step('call', 'failed'), step('call', 'completed'), step('start', 'completed')])).toEqual({
      call: 'completed',
      start: 'completed',
    })
  })
})
