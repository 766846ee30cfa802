import { StatusBadge } from '../../../components/StatusBadge'
import type { Step } from '../../../lib/api'
import { formatDuration } from '../../../lib/format'

interface StepsListProps {
  steps: readonly Step[]
  selectedStepId: string | null
  onSelect: (stepId: string) => void
}

export function StepsList({ steps, selectedStepId, onSelect }: StepsListProps) {
  if (steps.length === 0) return <p className="muted">No step has started yet.</p>
  return (
    <table className="table table--compact steps-table">
      <thead>
        <tr>
          <th>Node</th>
          <th>Attempt</th>
          <th>Status</th>
          <th>Duration</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step) => (
          <tr
            key={step.id}
            data-testid="step-row"
            data-node-id={step.node_id}
            data-status={step.status}
            className={step.id === selectedStepId ? 'is-selected' : undefined}
            onClick={() => onSelect(step.id)}
            tabIndex={0}
            onKeyDown={(event) => event.key === 'Enter' && onSelect(step.id)}
            aria-selected={step.id === selectedStepId}
          >
            <td>
              <code>{step.node_id}</code> <span className="muted small">{step.node_type}</span>
            </td>
            <td className="numeric">{step.attempt}</td>
            <td>
              <StatusBadge status={step.status} />
            </td>
            <td className="numeric">{step.started_at ? formatDuration(step.started_at, step.finished_at) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
