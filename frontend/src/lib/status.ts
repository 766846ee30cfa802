import type { ExecutionStatus, StepStatus } from './api'

const TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled', 'skipped'])

/** Whether nothing more will happen to an execution or step in this status. */
export function isTerminal(status: ExecutionStatus | StepStatus | undefined): boolean {
  return status !== undefined && TERMINAL.has(status)
}

export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'pending',
  'running',
  'waiting',
  'completed',
  'failed',
  'cancelled',
]
