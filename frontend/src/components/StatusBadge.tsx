import type { ExecutionStatus, StepStatus } from '../lib/api'

export function StatusBadge({ status }: { status: ExecutionStatus | StepStatus | null | undefined }) {
  if (!status) return <span className="status-pill status-not_run">never run</span>
  return (
    <span className={`status-pill status-${status}`} data-testid="status-badge">
      {status}
    </span>
  )
}
