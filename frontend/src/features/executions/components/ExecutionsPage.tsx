import { useNavigate, useParams, useSearchParams, Link } from 'react-router'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { StatusBadge } from '../../../components/StatusBadge'
import type { ExecutionStatus } from '../../../lib/api'
import { formatDuration, formatTime } from '../../../lib/format'
import { paths } from '../../../lib/paths'
import { EXECUTION_STATUSES } from '../../../lib/status'
import { useExecutions } from '../api/executions'

export function ExecutionsPage() {
  const { workflowId = '' } = useParams()
  const [searchParams, setSearchParams] = useSearchParams()
  const navigate = useNavigate()
  const status = (EXECUTION_STATUSES as readonly string[]).includes(searchParams.get('status') ?? '')
    ? (searchParams.get('status') as ExecutionStatus)
    : null
  const executions = useExecutions(workflowId, status)

  return (
    <section className="page">
      <div className="page-header">
        <div>
          <div className="breadcrumbs">
            <Link to={paths.workflows()}>Workflows</Link> › <Link to={paths.editor(workflowId)}>Editor</Link>
          </div>
          <h1>Runs</h1>
        </div>
        <label className="toolbar">
          Status
          <select
            aria-label="Filter by status"
            data-testid="status-filter"
            value={status ?? ''}
            onChange={(event) => setSearchParams(event.target.value ? { status: event.target.value } : {})}
          >
            <option value="">All</option>
            {EXECUTION_STATUSES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
      </div>
      {executions.error && <ErrorBanner error={executions.error} title="Could not load the runs" />}
      {executions.data?.length === 0 && (
        <EmptyState title={status ? `No ${status} runs` : 'No runs yet'}>
          <p>Send a test event from the editor, or post one to <code>/events</code>.</p>
        </EmptyState>
      )}
      {executions.data && executions.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Status</th>
              <th>Started</th>
              <th>Duration</th>
              <th>Version</th>
              <th>Run</th>
            </tr>
          </thead>
          <tbody>
            {executions.data.map((execution) => (
              <tr key={execution.id} data-testid="execution-row" className="clickable" onClick={() => navigate(paths.execution(execution.id))}>
                <td>
                  <StatusBadge status={execution.status} />
                </td>
                <td>{formatTime(execution.started_at)}</td>
                <td className="numeric">{formatDuration(execution.started_at, execution.finished_at)}</td>
                <td className="numeric">v{execution.workflow_version}</td>
                <td>
                  <Link to={paths.execution(execution.id)}>
                    <code>{execution.id.slice(0, 8)}</code>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
