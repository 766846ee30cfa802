import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { StatusBadge } from '../../../components/StatusBadge'
import { errorMessage, type Execution } from '../../../lib/api'
import { formatDuration, formatTime } from '../../../lib/format'
import { useNodeTypes } from '../../../lib/node-types'
import { paths } from '../../../lib/paths'
import { isTerminal } from '../../../lib/status'
import { useExecution, useExecutionAction, useSteps } from '../api/executions'
import { useRunGraph } from '../api/run-graph'
import { RunGraphView } from './RunGraphView'
import { StepDetails } from './StepDetails'
import { StepsList } from './StepsList'

export function RunPage() {
  const { executionId = '' } = useParams()
  const execution = useExecution(executionId)
  const steps = useSteps(executionId, execution.data?.status)
  const runGraph = useRunGraph(execution.data?.workflow_id, execution.data?.workflow_version)
  // Nodes draw their handles from the node types, so the graph waits for them.
  const nodeTypes = useNodeTypes()
  const [selectedStepId, setSelectedStepId] = useState<string | null>(null)

  if (execution.error) return <ErrorBanner error={execution.error} title="Could not load the run" />
  if (!execution.data) return <p className="page muted">Loading the run…</p>
  const stepList = steps.data ?? []
  const selectedStep = stepList.find((step) => step.id === selectedStepId) ?? null
  const selectNode = (nodeId: string) => {
    const latest = stepList.findLast((step) => step.node_id === nodeId)
    if (latest) setSelectedStepId(latest.id)
  }

  return (
    <div className="run-page">
      <RunHeader execution={execution.data} workflowName={runGraph.data?.workflowName ?? null} />
      {runGraph.data && !runGraph.data.exact && (
        <p className="notice">This run's workflow version could not be read: the graph shown is the workflow's current one.</p>
      )}
      <div className="run-body">
        {runGraph.data && nodeTypes.data ? (
          <RunGraphView graph={runGraph.data.graph} steps={stepList} onSelectNode={selectNode} />
        ) : runGraph.error || nodeTypes.error ? (
          <ErrorBanner error={runGraph.error ?? nodeTypes.error} title="Could not load the graph" />
        ) : (
          <div className="canvas muted">Loading the graph…</div>
        )}
        <aside className="side-panel run-side">
          <h3>Steps</h3>
          <StepsList steps={stepList} selectedStepId={selectedStepId} onSelect={setSelectedStepId} />
          {selectedStep ? <StepDetails step={selectedStep} /> : stepList.length > 0 && <p className="muted small">Click a step or a node to see its input, output and error.</p>}
        </aside>
      </div>
    </div>
  )
}

function RunHeader({ execution, workflowName }: { execution: Execution; workflowName: string | null }) {
  const cancel = useExecutionAction(execution.id, 'cancel')
  const retry = useExecutionAction(execution.id, 'retry')
  const live = !isTerminal(execution.status)
  const actionError = cancel.error ?? retry.error
  return (
    <div className="run-header">
      <div>
        <div className="breadcrumbs">
          <Link to={paths.editor(execution.workflow_id)}>{workflowName ?? 'Workflow'}</Link> ›{' '}
          <Link to={paths.workflowExecutions(execution.workflow_id)}>Runs</Link> › <code>{execution.id.slice(0, 8)}</code>
        </div>
        <h1>
          Run <StatusBadge status={execution.status} />
          {live && <span className="live-dot" title="Updating live" data-testid="live-indicator" />}
        </h1>
        <p className="muted small">
          Version {execution.workflow_version} · started {formatTime(execution.started_at)} · {live ? 'running for' : 'took'}{' '}
          {formatDuration(execution.started_at, execution.finished_at)}
        </p>
        {execution.error && <p className="field-error">{execution.error}</p>}
        {actionError && <p className="field-error">{errorMessage(actionError)}</p>}
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => cancel.mutate()} disabled={!live || cancel.isPending} data-testid="cancel-execution">
          Cancel run
        </button>
        <button type="button" className="button--primary" onClick={() => retry.mutate()} disabled={execution.status !== 'failed' || retry.isPending} data-testid="retry-execution">
          Retry from failed step
        </button>
      </div>
    </div>
  )
}
