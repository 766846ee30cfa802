import { isRecord, type Step, type StepStatus } from '../../../lib/api'
import { DEFAULT_HANDLE, ERROR_HANDLE, type FlowEdge } from '../../../lib/graph'

/** Each node's status in its latest step (steps come in the order they started). */
export function latestStatuses(steps: readonly Step[]): Record<string, StepStatus> {
  return Object.fromEntries(steps.map((step) => [step.node_id, step.status]))
}

/**
 * The edges the run went along: from a node that finished to one that then ran, by the handle it
 * left by (the case a branch picked, `error` for a failure, otherwise the default one).
 * `pickingTypes` are the node types whose handles come from their config (branch): their output
 * `{selected}` names the handle they picked.
 */
export function takenEdges(edges: readonly FlowEdge[], steps: readonly Step[], pickingTypes: ReadonlySet<string>): Set<string> {
  const ran = new Set(steps.map((step) => step.node_id))
  const leftBy = new Map<string, Set<string>>()
  for (const step of steps) {
    const handle = handleLeftBy(step, pickingTypes.has(step.node_type))
    if (handle !== null) leftBy.set(step.node_id, (leftBy.get(step.node_id) ?? new Set()).add(handle))
  }
  return new Set(
    edges
      .filter((edge) => ran.has(edge.target) && leftBy.get(edge.source)?.has(edge.sourceHandle ?? DEFAULT_HANDLE))
      .map((edge) => edge.id),
  )
}

function handleLeftBy(step: Step, picksHandle: boolean): string | null {
  if (step.status === 'failed') return ERROR_HANDLE
  if (step.status !== 'completed') return null
  if (picksHandle && isRecord(step.output) && typeof step.output.selected === 'string') return step.output.selected
  return DEFAULT_HANDLE
}
