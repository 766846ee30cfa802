import { Link } from 'react-router'
import { StatusBadge } from '../../../components/StatusBadge'
import type { Workflow } from '../../../lib/api'
import { downloadJson, formatTime } from '../../../lib/format'
import { paths } from '../../../lib/paths'
import { exportFilename, toWorkflowInput } from '../../../lib/workflow-file'
import { useDeleteWorkflow, useSetWorkflowActive } from '../api/workflows'

export function WorkflowRow({ workflow }: { workflow: Workflow }) {
  const lastRun = workflow.last_execution
  const setActive = useSetWorkflowActive()
  const remove = useDeleteWorkflow()
  const confirmDelete = () => {
    if (window.confirm(`Delete "${workflow.name}"? Its past runs stay readable.`)) remove.mutate(workflow.id)
  }
  return (
    <tr data-testid="workflow-row" data-workflow-id={workflow.id}>
      <td>
        <Link to={paths.editor(workflow.id)} className="row-title">
          {workflow.name}
        </Link>
        {workflow.description && <div className="muted small">{workflow.description}</div>}
      </td>
      <td>
        <label className="switch" title={workflow.is_active ? 'Events can start it' : 'Events are ignored'}>
          <input
            type="checkbox"
            role="switch"
            aria-label={`Active: ${workflow.name}`}
            checked={workflow.is_active}
            disabled={setActive.isPending}
            onChange={(event) => setActive.mutate({ workflow, isActive: event.target.checked })}
          />
          <span>{workflow.is_active ? 'Active' : 'Paused'}</span>
        </label>
      </td>
      <td className="numeric">v{workflow.version}</td>
      <td>
        {lastRun ? (
          <Link to={paths.execution(lastRun.id)} className="last-run">
            <StatusBadge status={lastRun.status} />
            <span className="muted small">{formatTime(lastRun.started_at)}</span>
          </Link>
        ) : (
          <span className="muted small">Never run</span>
        )}
      </td>
      <td className="row-actions">
        <Link to={paths.workflowExecutions(workflow.id)} className="button button--ghost">
          Runs
        </Link>
        <button type="button" className="button--ghost" onClick={() => downloadJson(exportFilename(workflow), toWorkflowInput(workflow))}>
          Export
        </button>
        <button type="button" className="button--ghost button--danger" onClick={confirmDelete} disabled={remove.isPending}>
          Delete
        </button>
      </td>
    </tr>
  )
}
