import type { ExecutionStatus, StepStatus } from '../lib/api'

export function StatusBadge({ status }: { status: ExecutionStatus | StepStatus }) {
  return (
    <span className={`status-pill status-${status}`} data-testid="status-badge">
      {status}
    </span>
  )
}
