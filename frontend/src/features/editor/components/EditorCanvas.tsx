import { ReactFlow, useReactFlow, type Connection, type EdgeChange, type NodeChange, type Viewport } from '@xyflow/react'
import type { DragEvent } from 'react'
import { CanvasChrome } from '../../../components/flow/CanvasChrome'
import { nodeTypes } from '../../../components/flow/WorkflowNodes'
import type { FlowEdge, FlowNode } from '../../../lib/graph'
import { PALETTE_DRAG_TYPE } from './Palette'

interface EditorCanvasProps {
  nodes: FlowNode[]
  edges: FlowEdge[]
  defaultViewport?: Viewport
  onNodesChange: (changes: NodeChange<FlowNode>[]) => void
  onEdgesChange: (changes: EdgeChange<FlowEdge>[]) => void
  onConnect: (connection: Connection) => void
  /** Called before a drag or a deletion, which are each one undo step. */
  onCheckpoint: () => void
  onDropNodeType: (nodeType: string, position: { x: number; y: number }) => void
  onOpenNode: (nodeId: string | null) => void
}

const DELETE_KEYS = ['Delete', 'Backspace']
// Half a typical node, so that a dropped node lands centred under the pointer.
const DROP_OFFSET = { x: 120, y: 40 }

export function EditorCanvas({ nodes, edges, defaultViewport, onNodesChange, onEdgesChange, onConnect, onCheckpoint, onDropNodeType, onOpenNode }: EditorCanvasProps) {
  const { screenToFlowPosition } = useReactFlow()

  const onDrop = (event: DragEvent) => {
    const nodeType = event.dataTransfer.getData(PALETTE_DRAG_TYPE)
    if (!nodeType) return
    event.preventDefault()
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY })
    onDropNodeType(nodeType, { x: point.x - DROP_OFFSET.x, y: point.y - DROP_OFFSET.y })
  }

  const isValidConnection = (connection: Connection | FlowEdge) =>
    connection.source !== connection.target &&
    !edges.some(
      (edge) =>
        edge.source === connection.source && edge.target === connection.target && (edge.sourceHandle ?? null) === (connection.sourceHandle ?? null),
    )

  return (
    <div
      className="canvas"
      data-testid="canvas"
      onDragOver={(event) => {
        event.preventDefault()
        event.dataTransfer.dropEffect = 'move'
      }}
      onDrop={onDrop}
    >
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeDragStart={onCheckpoint}
        onBeforeDelete={async () => {
          onCheckpoint()
          return true
        }}
        onNodeClick={(_, node) => onOpenNode(node.id)}
        onPaneClick={() => onOpenNode(null)}
        deleteKeyCode={DELETE_KEYS}
        defaultViewport={defaultViewport}
        fitView={!defaultViewport}
        fitViewOptions={{ maxZoom: 1.1, padding: 0.2 }}
        minZoom={0.2}
      >
        <CanvasChrome />
      </ReactFlow>
    </div>
  )
}
