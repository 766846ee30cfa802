import { lazy, Suspense, useState } from 'react'
import { NodeIcon } from '../../../components/flow/NodeIcon'
import type { NodeTypeInfo } from '../../../lib/api'
import type { FlowNode, NodeConfig } from '../../../lib/graph'

const NodeSettingsForm = lazy(() => import('./NodeSettingsForm'))

interface NodeConfigPanelProps {
  node: FlowNode
  nodeType: NodeTypeInfo | undefined
  /** Ids of the nodes before this one, whose outputs its templates can read. */
  upstream: string[]
  problems: readonly string[]
  takenIds: ReadonlySet<string>
  onRename: (newId: string) => void
  onConfigChange: (config: NodeConfig) => void
  onDelete: () => void
}

export function NodeConfigPanel({ node, nodeType, upstream, problems, takenIds, onRename, onConfigChange, onDelete }: NodeConfigPanelProps) {
  const { config, nodeType: typeName } = node.data
  return (
    <section className="node-config" data-testid="node-config" data-node-id={node.id}>
      <header className="panel-header">
        <span className={`wf-node__icon wf-node--${typeName}`}>
          <NodeIcon nodeType={typeName} />
        </span>
        <div>
          <h3>{nodeType?.title ?? typeName}</h3>
          {nodeType?.description && <p className="muted small">{nodeType.description}</p>}
        </div>
      </header>
      {problems.length > 0 && (
        <ul className="problem-list" role="alert">
          {problems.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <section className="panel-section">
        <NodeIdField key={node.id} nodeId={node.id} takenIds={takenIds} onRename={onRename} />
        <div className="form-group">
          <label htmlFor="node-label">Display name</label>
          <input
            id="node-label"
            name="label"
            value={typeof config.label === 'string' ? config.label : ''}
            placeholder={nodeType?.title}
            onChange={(event) => onConfigChange(withLabel(config, event.target.value))}
          />
        </div>
      </section>
      {nodeType ? (
        <Suspense fallback={<p className="muted">Loading the form…</p>}>
          <NodeSettingsForm key={node.id} nodeType={nodeType} config={config} upstream={upstream} onChange={onConfigChange} />
        </Suspense>
      ) : (
        <p className="error-banner">The server does not know the node type “{typeName}”.</p>
      )}
      <footer className="panel-footer">
        <button type="button" className="button--danger" onClick={onDelete}>
          Delete node
        </button>
      </footer>
    </section>
  )
}

function withLabel(config: NodeConfig, label: string): NodeConfig {
  const { label: _previous, ...rest } = config
  return label ? { ...rest, label } : rest
}

const NODE_ID_PATTERN = /^[A-Za-z0-9_.-]{1,200}$/

/** The node's id, which templates and `nodes.<id>` use; renamed on Enter or when leaving the box. */
function NodeIdField({ nodeId, takenIds, onRename }: { nodeId: string; takenIds: ReadonlySet<string>; onRename: (id: string) => void }) {
  const [draft, setDraft] = useState(nodeId)
  const problem =
    draft === nodeId
      ? null
      : !NODE_ID_PATTERN.test(draft)
        ? 'Use letters, digits, _ . or -'
        : takenIds.has(draft)
          ? 'Another node has this id'
          : null
  const commit = () => {
    if (draft !== nodeId && problem === null) onRename(draft)
    else setDraft(nodeId)
  }
  return (
    <div className="form-group">
      <label htmlFor="node-id">Node id</label>
      <input
        id="node-id"
        name="id"
        className="mono"
        data-testid="node-id"
        value={draft}
        aria-invalid={problem !== null}
        onChange={(event) => setDraft(event.target.value.trim())}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && commit()}
      />
      {problem ? <p className="field-error">{problem}</p> : <p className="field-description">Templates read its output as nodes.{nodeId}.output</p>}
    </div>
  )
}
