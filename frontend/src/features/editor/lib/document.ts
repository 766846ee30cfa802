/**
 * The workflow being edited, with undo/redo and an unsaved-changes fingerprint. A pure reducer,
 * so every edit the canvas, the forms and the trigger editor make goes through one place.
 */
import { addEdge, applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react'
import type { Workflow, WorkflowInput } from '../../../lib/api'
import {
  fromGraph,
  reconcileBranchEdges,
  renameNode,
  toFlowNode,
  toGraph,
  uniqueEdgeId,
  uniqueId,
  type FlowEdge,
  type FlowNode,
  type NodeConfig,
} from '../../../lib/graph'

export interface WorkflowDocument {
  name: string
  description: string | null
  isActive: boolean
  trigger: unknown
  nodes: FlowNode[]
  edges: FlowEdge[]
}

export interface EditorState {
  doc: WorkflowDocument
  past: WorkflowDocument[]
  future: WorkflowDocument[]
  /** Consecutive edits with the same key (typing in one field) make one undo step. */
  lastEditKey: string | null
  savedFingerprint: string
}

export type EditorAction =
  | { type: 'nodesChanged'; changes: NodeChange<FlowNode>[] }
  | { type: 'edgesChanged'; changes: EdgeChange<FlowEdge>[] }
  | { type: 'checkpoint' }
  | { type: 'connect'; connection: Connection }
  | { type: 'addNode'; nodeType: string; position: { x: number; y: number } }
  | { type: 'removeNode'; nodeId: string }
  | { type: 'updateConfig'; nodeId: string; config: NodeConfig; handles: string[] }
  | { type: 'renameNode'; from: string; to: string }
  | { type: 'setNodes'; nodes: FlowNode[] }
  | { type: 'setTrigger'; trigger: unknown }
  | { type: 'setMeta'; patch: Partial<Pick<WorkflowDocument, 'name' | 'description' | 'isActive'>> }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'saved'; fingerprint: string }

const HISTORY_LIMIT = 100

export function initEditorState(workflow: Workflow): EditorState {
  const doc: WorkflowDocument = {
    name: workflow.name,
    description: workflow.description ?? null,
    isActive: workflow.is_active ?? true,
    trigger: workflow.trigger ?? null,
    ...fromGraph(workflow.graph),
  }
  return { doc, past: [], future: [], lastEditKey: null, savedFingerprint: fingerprint(doc) }
}

/** The request body that saves `doc`. */
export function toWorkflowInput(doc: WorkflowDocument, viewport?: WorkflowInput['graph']['viewport']): WorkflowInput {
  return {
    name: doc.name,
    description: doc.description,
    is_active: doc.isActive,
    trigger: doc.trigger,
    graph: toGraph(doc.nodes, doc.edges, viewport),
  }
}

/** What saving would store, minus the viewport: equal fingerprints mean nothing to save. */
export function fingerprint(doc: WorkflowDocument): string {
  return JSON.stringify(toWorkflowInput(doc))
}

export function isDirty(state: EditorState): boolean {
  return fingerprint(state.doc) !== state.savedFingerprint
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const { doc } = state
  switch (action.type) {
    // Canvas changes record no undo step themselves: a deletion is one step for its nodes and
    // edges together (the canvas sends a checkpoint first), and a drag one step from its start.
    case 'nodesChanged':
      return edit(state, { ...doc, nodes: applyNodeChanges(action.changes, doc.nodes) }, false)
    case 'edgesChanged':
      return edit(state, { ...doc, edges: applyEdgeChanges(action.changes, doc.edges) }, false)
    case 'checkpoint':
      return record(state)
    case 'connect': {
      const { source, target } = action.connection
      const id = uniqueEdgeId(doc.edges, source, target)
      return edit(state, { ...doc, edges: addEdge({ ...action.connection, id }, doc.edges) })
    }
    case 'addNode': {
      const id = uniqueId(action.nodeType, doc.nodes.map((node) => node.id))
      const node = { ...toFlowNode({ id, type: action.nodeType, position: action.position, data: {} }), selected: true }
      const nodes = [...doc.nodes.map((other) => ({ ...other, selected: false })), node]
      return edit(state, { ...doc, nodes })
    }
    case 'removeNode': {
      const nodes = doc.nodes.filter((node) => node.id !== action.nodeId)
      const edges = doc.edges.filter((edge) => edge.source !== action.nodeId && edge.target !== action.nodeId)
      return edit(state, { ...doc, nodes, edges })
    }
    case 'updateConfig': {
      const node = doc.nodes.find((candidate) => candidate.id === action.nodeId)
      if (!node) return state
      const nodes = doc.nodes.map((other) =>
        other === node ? ({ ...node, data: { ...node.data, config: action.config } } as FlowNode) : other,
      )
      const edges = reconcileBranchEdges(node.id, node.data.config, action.config, doc.edges, action.handles)
      return edit(state, { ...doc, nodes, edges }, true, `config:${node.id}`)
    }
    case 'renameNode':
      return edit(state, { ...doc, ...renameNode(doc.nodes, doc.edges, action.from, action.to) })
    case 'setNodes':
      return edit(state, { ...doc, nodes: action.nodes })
    case 'setTrigger':
      return edit(state, { ...doc, trigger: action.trigger }, true, 'trigger')
    case 'setMeta':
      return edit(state, { ...doc, ...action.patch }, true, `meta:${Object.keys(action.patch).join(',')}`)
    case 'undo': {
      const previous = state.past.at(-1)
      if (!previous) return state
      return { ...state, doc: previous, past: state.past.slice(0, -1), future: [doc, ...state.future], lastEditKey: null }
    }
    case 'redo': {
      const next = state.future[0]
      if (!next) return state
      return { ...state, doc: next, past: [...state.past, doc], future: state.future.slice(1), lastEditKey: null }
    }
    case 'saved':
      return { ...state, savedFingerprint: action.fingerprint }
  }
}

/** Applies an edit; `undoable` ones first push the current document onto the undo stack. */
function edit(state: EditorState, doc: WorkflowDocument, undoable = true, key: string | null = null): EditorState {
  if (!undoable) return { ...state, doc }
  const recorded = key !== null && key === state.lastEditKey ? state : record(state)
  return { ...recorded, doc, lastEditKey: key }
}

function record(state: EditorState): EditorState {
  return { ...state, past: [...state.past, state.doc].slice(-HISTORY_LIMIT), future: [], lastEditKey: null }
}
