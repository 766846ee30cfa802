import { ReactFlowProvider } from '@xyflow/react'
import { useParams } from 'react-router'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { useNodeTypes } from '../../../lib/node-types'
import { useWorkflow } from '../api/workflow'
import { WorkflowEditor } from './WorkflowEditor'

export function EditorPage() {
  const { workflowId = '' } = useParams()
  const workflow = useWorkflow(workflowId)
  const nodeTypes = useNodeTypes()
  if (workflow.error) return <ErrorBanner error={workflow.error} title="Could not load the workflow" />
  if (nodeTypes.error) return <ErrorBanner error={nodeTypes.error} title="Could not load the node types" />
  if (!workflow.data || !nodeTypes.data) return <p className="page muted">Loading the workflow…</p>
  return (
    <ReactFlowProvider>
      <WorkflowEditor key={workflow.data.id} workflow={workflow.data} nodeTypes={nodeTypes.data} />
    </ReactFlowProvider>
  )
}
