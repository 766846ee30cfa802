import { ReactFlow, ReactFlowProvider, useNodesInitialized, useReactFlow } from '@xyflow/react'
import { useEffect, useMemo } from 'react'
import { FlowDecorationsContext } from '../../../components/flow/decorations'
import { decorateEdges } from '../../../components/flow/edges'
import { CanvasChrome } from '../../../components/flow/CanvasChrome'
import { nodeTypes } from '../../../components/flow/WorkflowNodes'
import type { Graph, Step } from '../../../lib/api'
import { fromGraph, type FlowEdge, type FlowNode } from '../../../lib/graph'
import { useNodeTypeMap } from '../../../lib/node-types'
import { latestStatuses, takenEdges } from '../lib/run-path'

interface RunGraphViewProps {
  graph: Graph
  steps: readonly Step[]
  onSelectNode: (nodeId: string) => void
}

/** The run's graph, read-only: each node coloured by its latest step, the path taken drawn bold. */
export function RunGraphView({ graph, steps, onSelectNode }: RunGraphViewProps) {
  const typeMap = useNodeTypeMap()
  const { nodes, edges } = useMemo(() => fromGraph(graph), [graph])
  const pickingTypes = useMemo(
    () => new Set(Object.values(typeMap).filter((nodeType) => nodeType.dynamic_handles).map((nodeType) => nodeType.type)),
    [typeMap],
  )
  const decorations = useMemo(() => ({ statuses: latestStatuses(steps) }), [steps])
  const drawnEdges = useMemo(() => decorateEdges(edges, { taken: takenEdges(edges, steps, pickingTypes) }), [edges, steps, pickingTypes])
  return (
    <div className="canvas canvas--readonly" data-testid="run-graph">
      <ReactFlowProvider>
        <FlowDecorationsContext.Provider value={decorations}>
          <ReactFlow<FlowNode, FlowEdge>
            // Uncontrolled nodes, so that React Flow keeps their measured sizes (fitView, minimap);
            // statuses reach them through the decorations context instead.
            defaultNodes={nodes}
            edges={drawnEdges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            edgesFocusable={false}
            deleteKeyCode={null}
            onNodeClick={(_, node) => onSelectNode(node.id)}
            minZoom={0.2}
          >
            <CanvasChrome interactive={false} />
            <FitViewOnceMeasured />
          </ReactFlow>
        </FlowDecorationsContext.Provider>
      </ReactFlowProvider>
    </div>
  )
}

/** Frames the whole graph once React Flow has measured its (uncontrolled) nodes. */
function FitViewOnceMeasured() {
  const measured = useNodesInitialized()
  const { fitView } = useReactFlow()
  useEffect(() => {
    if (measured) void fitView({ maxZoom: 1.1, padding: 0.15 })
  }, [measured, fitView])
  return null
}
