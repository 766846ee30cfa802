import { Handle, Position, useNodeConnections, useUpdateNodeInternals, type NodeProps } from '@xyflow/react'
import { memo, useEffect, useRef, type ReactNode } from 'react'
import { DEFAULT_HANDLE, ERROR_HANDLE, outputHandles, type BranchFlowNode, type FlowNode, type JoinFlowNode, type StartFlowNode, type TaskFlowNode } from '../../lib/graph'
import { useNodeTypeMap } from '../../lib/node-types'
import { summarizeConfig } from '../../lib/summary'
import { useFlowDecorations } from './decorations'
import { NodeIcon } from './NodeIcon'

type AnyNodeProps = NodeProps<FlowNode>

/** The card every node type shares: icon, title, id, config summary, status and problems. */
function NodeCard({ id, data, selected, children, hasInput = true }: AnyNodeProps & { children?: ReactNode; hasInput?: boolean }) {
  const nodeType = useNodeTypeMap()[data.nodeType]
  const { problems, statuses } = useFlowDecorations()
  const nodeProblems = problems?.[id] ?? []
  const status = statuses ? (statuses[id] ?? 'not_run') : undefined
  const title = typeof data.config.label === 'string' && data.config.label ? data.config.label : (nodeType?.title ?? data.nodeType)
  const summary = summarizeConfig(data.config, nodeType)
  const handles = outputHandles(nodeType, data.config)
  const bottomHandles = handles.filter((handle) => handle !== ERROR_HANDLE)
  useRemeasureOnChange(id, handles.join('\u0000'))
  const classes = ['wf-node', `wf-node--${data.nodeType}`, selected && 'is-selected', nodeProblems.length > 0 && 'is-invalid']
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-testid="flow-node"
      data-node-type={data.nodeType}
      data-status={status}
      aria-invalid={nodeProblems.length > 0 || undefined}
    >
      {hasInput && <Handle type="target" position={Position.Top} className="wf-handle wf-handle--in" />}
      <div className="wf-node__header">
        <span className="wf-node__icon">
          <NodeIcon nodeType={data.nodeType} />
        </span>
        <span className="wf-node__title">{title}</span>
        {status && <span className={`status-pill status-${status}`}>{status.replace('_', ' ')}</span>}
      </div>
      <div className="wf-node__meta">
        <code className="wf-node__id">{id}</code>
        {summary && (
          <span className="wf-node__summary" title={summary}>
            {summary}
          </span>
        )}
      </div>
      {children}
      {nodeProblems.length > 0 && (
        <ul className="wf-node__problems" data-testid="node-problem" role="alert">
          {nodeProblems.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {bottomHandles.map((handle, index) => (
        <OutputHandle key={handle} handle={handle} index={index} count={bottomHandles.length} />
      ))}
      {handles.includes(ERROR_HANDLE) && (
        <Handle type="source" id={ERROR_HANDLE} position={Position.Right} className="wf-handle wf-handle--error" title="On failure">
          <span className="wf-handle__label">error</span>
        </Handle>
      )}
    </div>
  )
}

/**
 * React Flow measures a node's handles when it first draws it; a branch gains or loses handles
 * as its cases change, which it must be told about. (Not on first draw: that would upset the
 * initial fitView.)
 */
function useRemeasureOnChange(nodeId: string, handleKey: string) {
  const updateNodeInternals = useUpdateNodeInternals()
  const measuredKey = useRef(handleKey)
  useEffect(() => {
    if (measuredKey.current === handleKey) return
    measuredKey.current = handleKey
    updateNodeInternals(nodeId)
  }, [nodeId, handleKey, updateNodeInternals])
}

/** A bottom handle; the default one has no id, which is how the stored graph spells it. */
function OutputHandle({ handle, index, count }: { handle: string; index: number; count: number }) {
  const isDefault = handle === DEFAULT_HANDLE
  return (
    <Handle
      type="source"
      id={isDefault ? undefined : handle}
      position={Position.Bottom}
      className={`wf-handle wf-handle--out${isDefault ? '' : ' wf-handle--named'}`}
      style={{ left: `${((index + 1) / (count + 1)) * 100}%` }}
      title={isDefault ? 'Next' : handle}
      data-handle={handle}
    >
      {!isDefault && <span className="wf-handle__label">{handle}</span>}
    </Handle>
  )
}

const StartNode = memo(function StartNode(props: NodeProps<StartFlowNode>) {
  return <NodeCard {...props} hasInput={false} />
})

const TaskNode = memo(function TaskNode(props: NodeProps<TaskFlowNode>) {
  return <NodeCard {...props} />
})

const BranchNode = memo(function BranchNode(props: NodeProps<BranchFlowNode>) {
  return <NodeCard {...props} />
})

/** A join waits for every input, so it lists them. */
const JoinNode = memo(function JoinNode(props: NodeProps<JoinFlowNode>) {
  const inputs = useNodeConnections({ handleType: 'target' })
  return (
    <NodeCard {...props}>
      <div className="wf-node__inputs" data-testid="join-inputs">
        {inputs.length === 0 ? 'No inputs yet' : `Waits for ${inputs.map((input) => input.source).join(', ')}`}
      </div>
    </NodeCard>
  )
})

/** React Flow's registry, at module level so that it keeps one identity. */
export const nodeTypes = {
  start: StartNode,
  task: TaskNode,
  branch: BranchNode,
  join: JoinNode,
}
