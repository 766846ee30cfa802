import type { ProblemReport } from '../lib/problems'
import { problemCount } from '../lib/problems'

interface SaveProblemsProps {
  report: ProblemReport
  onShowNode: (nodeId: string) => void
  onDismiss: () => void
}

/** Why the server refused to save. Problems that belong to a node are also drawn on it. */
export function SaveProblems({ report, onShowNode, onDismiss }: SaveProblemsProps) {
  const count = problemCount(report)
  return (
    <div className="save-problems" role="alert" data-testid="save-problems">
      <div className="save-problems__header">
        <strong>
          Not saved: the server found {count} problem{count === 1 ? '' : 's'}.
        </strong>{' '}
        Those on a node or an edge are marked in red on the canvas.
        <button type="button" className="button--ghost button--small" onClick={onDismiss} aria-label="Dismiss">
          ✕
        </button>
      </div>
      <ul>
        {report.general.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {Object.entries(report.byNode).map(([nodeId, messages]) => (
          <li key={nodeId}>
            <button type="button" className="button--link" onClick={() => onShowNode(nodeId)}>
              {nodeId}
            </button>
            : {messages.join('; ')}
          </li>
        ))}
        {Object.entries(report.byEdge).map(([edgeId, messages]) => (
          <li key={edgeId}>
            edge <code>{edgeId}</code>: {messages.join('; ')}
          </li>
        ))}
      </ul>
    </div>
  )
}
