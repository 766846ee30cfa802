/**
 * The stored graph (what the API takes and gives) <-> React Flow's nodes and edges.
 *
 * A stored node `{id, type, position, data}` becomes a flow node whose `type` picks the drawing
 * (start, branch, join, or a plain task) and whose `data` keeps the node type and its config, so
 * that any node type the server adds is drawn and saved without UI code.
 */
import type { Edge, Node } from '@xyflow/react'
import { isRecord, type Graph, type NodeTypeInfo, type Schemas } from './api'

export type NodeConfig = Record<string, unknown>

export interface WorkflowNodeData extends Record<string, unknown> {
  /** The server's node type, e.g. `send_notification`. */
  nodeType: string
  /** The node's `data` as stored: its config, plus the common `label` and `retry`. */
  config: NodeConfig
}

export type StartFlowNode = Node<WorkflowNodeData, 'start'>
export type BranchFlowNode = Node<WorkflowNodeData, 'branch'>
export type JoinFlowNode = Node<WorkflowNodeData, 'join'>
export type TaskFlowNode = Node<WorkflowNodeData, 'task'>
export type FlowNode = StartFlowNode | BranchFlowNode | JoinFlowNode | TaskFlowNode
export type FlowNodeKind = NonNullable<FlowNode['type']>
export type FlowEdge = Edge

export const DEFAULT_HANDLE = 'default'
export const ERROR_HANDLE = 'error'
export const ELSE_HANDLE = 'else'

const DRAWN_APART: Record<string, FlowNodeKind> = { start: 'start', branch: 'branch', join: 'join' }

export function flowKindOf(nodeType: string): FlowNodeKind {
  return DRAWN_APART[nodeType] ?? 'task'
}

export function toFlowNode(node: Schemas['GraphNode']): FlowNode {
  return {
    id: node.id,
    type: flowKindOf(node.type),
    position: { x: node.position?.x ?? 0, y: node.position?.y ?? 0 },
    data: { nodeType: node.type, config: { ...(node.data ?? {}) } },
  } as FlowNode
}

/**
 * The flow's nodes and edges for a stored graph.
 *
 * A branch case's `next` is shown as an edge from the case's handle, which the engine treats the
 * same way, so that every link on the canvas can be seen, selected and deleted alike. When the
 * handle already has an edge, `next` (which wins over edges) stays in the config untouched.
 */
export function fromGraph(graph: Graph): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const storedNodes = graph.nodes ?? []
  const nodeIds = new Set(storedNodes.map((node) => node.id))
  const edges: FlowEdge[] = (graph.edges ?? []).map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
    ...(edge.targetHandle ? { targetHandle: edge.targetHandle } : {}),
    ...(edge.label ? { label: edge.label } : {}),
  }))
  const nodes = storedNodes.map((stored) => {
    const node = toFlowNode(stored)
    if (node.type !== 'branch') return node
    const cases = readCases(node.data.config).map((branchCase) => {
      const handle = caseHandle(branchCase)
      const handleTaken = edges.some((edge) => edge.source === node.id && edge.sourceHandle === handle)
      if (typeof branchCase.next !== 'string' || !nodeIds.has(branchCase.next) || handleTaken) return branchCase
      edges.push({ id: uniqueEdgeId(edges, node.id, branchCase.next), source: node.id, target: branchCase.next, sourceHandle: handle })
      const { next: _next, ...rest } = branchCase
      return rest
    })
    return { ...node, data: { ...node.data, config: { ...node.data.config, cases } } }
  })
  return { nodes, edges }
}

/** The graph to store. React Flow's UI-only fields (`measured`, `selected`...) are left out. */
export function toGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[], viewport?: Graph['viewport']): Graph {
  return {
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.data.nodeType,
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      data: node.data.config,
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      ...(edge.sourceHandle && edge.sourceHandle !== DEFAULT_HANDLE ? { sourceHandle: edge.sourceHandle } : {}),
      ...(edge.targetHandle ? { targetHandle: edge.targetHandle } : {}),
      ...(typeof edge.label === 'string' && edge.label ? { label: edge.label } : {}),
    })),
    ...(viewport ? { viewport } : {}),
  }
}

// ---------------------------------------------------------------------------------------------
// Handles

export interface BranchCase extends Record<string, unknown> {
  label?: string | null
  else?: boolean
  next?: string | null
}

export function readCases(config: NodeConfig): BranchCase[] {
  return Array.isArray(config.cases) ? config.cases.filter(isRecord) : []
}

export function caseHandle(branchCase: BranchCase): string {
  return branchCase.else ? ELSE_HANDLE : String(branchCase.label ?? '')
}

/**
 * The output handles a node draws, in order: for a type with config-driven handles (a branch),
 * one per case label plus `else`, then whatever else the type declares (such as `error`).
 */
export function outputHandles(nodeType: Pick<NodeTypeInfo, 'handles' | 'dynamic_handles'> | undefined, config: NodeConfig): string[] {
  const declared = nodeType?.handles ?? [DEFAULT_HANDLE]
  if (!nodeType?.dynamic_handles) return [...declared]
  const labels = readCases(config)
    .filter((branchCase) => !branchCase.else)
    .map(caseHandle)
    .filter((label) => label !== '')
  const dynamic = [...new Set([...labels, ELSE_HANDLE])]
  return [...dynamic, ...declared.filter((handle) => !dynamic.includes(handle))]
}

/**
 * Keeps a branch's edges attached when its cases change in the form: an edge follows its case
 * when the case's label is renamed (cases are matched by position), and goes when no handle is
 * left for it.
 */
export function reconcileBranchEdges(
  nodeId: string,
  before: NodeConfig,
  after: NodeConfig,
  edges: readonly FlowEdge[],
  handlesAfter: readonly string[],
): FlowEdge[] {
  const oldCases = readCases(before)
  const newCases = readCases(after)
  const renamed = new Map<string, string>()
  oldCases.forEach((oldCase, index) => {
    const newCase = newCases[index]
    if (newCase && !oldCase.else && !newCase.else && caseHandle(oldCase) !== caseHandle(newCase)) {
      renamed.set(caseHandle(oldCase), caseHandle(newCase))
    }
  })
  return edges.flatMap((edge) => {
    if (edge.source !== nodeId) return [edge]
    const handle = edge.sourceHandle ?? DEFAULT_HANDLE
    const moved = renamed.get(handle) ?? handle
    if (!handlesAfter.includes(moved)) return []
    return [moved === handle ? edge : { ...edge, sourceHandle: moved }]
  })
}

// ---------------------------------------------------------------------------------------------
// Ids

/** `base`, or `base_2`, `base_3`... whichever is not taken yet. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  if (!used.has(base)) return base
  let suffix = 2
  while (used.has(`${base}_${suffix}`)) suffix += 1
  return `${base}_${suffix}`
}

export function uniqueEdgeId(edges: readonly FlowEdge[], source: string, target: string): string {
  return uniqueId(`${source}-${target}`, edges.map((edge) => edge.id))
}

/** Renames a node and every edge and branch `next` that points at it. */
export function renameNode(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  oldId: string,
  newId: string,
): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const follow = (id: string) => (id === oldId ? newId : id)
  return {
    nodes: nodes.map((node) => {
      const renamed = node.id === oldId ? { ...node, id: newId } : node
      if (renamed.type !== 'branch') return renamed
      const cases = readCases(renamed.data.config).map((branchCase) =>
        branchCase.next === oldId ? { ...branchCase, next: newId } : branchCase,
      )
      return { ...renamed, data: { ...renamed.data, config: { ...renamed.data.config, cases } } }
    }),
    edges: edges.map((edge) =>
      edge.source === oldId || edge.target === oldId
        ? { ...edge, source: follow(edge.source), target: follow(edge.target) }
        : edge,
    ),
  }
}

/** Every node a path leads from to `nodeId`: whose outputs a template in it may read. */
export function upstreamOf(nodeId: string, edges: readonly FlowEdge[]): string[] {
  const seen = new Set<string>()
  const stack = [nodeId]
  while (stack.length > 0) {
    const current = stack.pop()
    for (const edge of edges) {
      if (edge.target === current && !seen.has(edge.source) && edge.source !== nodeId) {
        seen.add(edge.source)
        stack.push(edge.source)
      }
    }
  }
  return [...seen].sort()
}
