import type { FlowEdge, FlowNode } from '../../../lib/graph'

const FALLBACK_SIZE = { width: 240, height: 90 }

/** Top-to-bottom layered layout (dagre, loaded on first use). Returns repositioned copies. */
export async function layoutNodes(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): Promise<FlowNode[]> {
  const { default: dagre } = await import('@dagrejs/dagre')
  const graph = new dagre.graphlib.Graph()
  graph.setGraph({ rankdir: 'TB', nodesep: 60, ranksep: 80 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const node of nodes) {
    graph.setNode(node.id, { ...FALLBACK_SIZE, ...node.measured })
  }
  for (const edge of edges) graph.setEdge(edge.source, edge.target)
  dagre.layout(graph)
  return nodes.map((node) => {
    const { x, y, width, height } = graph.node(node.id)
    return { ...node, position: { x: x - width / 2, y: y - height / 2 } }
  })
}

/** A graph saved without positions (e.g. through the API) has every node at the origin. */
export function needsLayout(nodes: readonly FlowNode[]): boolean {
  return nodes.length > 1 && nodes.every((node) => node.position.x === 0 && node.position.y === 0)
}

const NEARBY = 60
const STEP_DOWN = 110

/** `position`, or the first spot below it that no node already sits on, so added nodes never hide one another. */
export function freeSpot(position: { x: number; y: number }, nodes: readonly FlowNode[]): { x: number; y: number } {
  let spot = position
  while (nodes.some((node) => Math.abs(node.position.x - spot.x) < NEARBY && Math.abs(node.position.y - spot.y) < NEARBY)) {
    spot = { x: spot.x, y: spot.y + STEP_DOWN }
  }
  return spot
}
