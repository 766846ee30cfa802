import { describe, expect, it } from 'vitest'
import type { Workflow } from '../../../lib/api'
import { editorReducer, initEditorState, isDirty, fingerprint, type EditorAction, type EditorState } from './document'

const WORKFLOW: Workflow = {
  id: 'w',
  name: 'W',
  version: 1,
  created_at: '',
  updated_at: '',
  is_active: true,
  trigger: null,
  graph: { nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }], edges: [] },
}

const run = (actions: EditorAction[], state = initEditorState(WORKFLOW)): EditorState => actions.reduce(editorReducer, state)

describe('the edited document', () => {
  it('is clean when loaded, dirty after an edit, and clean again once saved', () => {
    const added = run([{ type: 'addNode', nodeType: 'delay', position: { x: 0, y: 100 } }])
    expect(isDirty(initEditorState(WORKFLOW))).toBe(false)
    expect(isDirty(added)).toBe(true)
    expect(isDirty(editorReducer(added, { type: 'saved', fingerprint: fingerprint(added.doc) }))).toBe(false)
  })

  it('undoes and redoes edits, and a connection names its edge after its ends', () => {
    const state = run([
      { type: 'addNode', nodeType: 'delay', position: { x: 0, y: 100 } },
      { type: 'connect', connection: { source: 'start', target: 'delay', sourceHandle: null, targetHandle: null } },
    ])
    expect(state.doc.edges.map((edge) => edge.id)).toEqual(['start-delay'])
    const undone = run([{ type: 'undo' }], state)
    expect(undone.doc.edges).toEqual([])
    expect(run([{ type: 'undo' }, { type: 'undo' }], state).doc.nodes.map((node) => node.id)).toEqual(['start'])
    expect(run([{ type: 'redo' }], undone).doc.edges).toHaveLength(1)
  })

  it('makes one undo step of consecutive edits to one node’s form', () => {
    const state = run([
      { type: 'addNode', nodeType: 'delay', position: { x: 0, y: 100 } },
      { type: 'updateConfig', nodeId: 'delay', config: { ms: 1 }, handles: ['default'] },
      { type: 'updateConfig', nodeId: 'delay', config: { ms: 10 }, handles: ['default'] },
      { type: 'updateConfig', nodeId: 'delay', config: { ms: 100 }, handles: ['default'] },
    ])
    const undone = run([{ type: 'undo' }], state)
    expect(undone.doc.nodes[1].data.config).toEqual({})
  })

  it('removes a node with its edges in one step', () => {
    const state = run([
      { type: 'addNode', nodeType: 'delay', position: { x: 0, y: 100 } },
      { type: 'connect', connection: { source: 'start', target: 'delay', sourceHandle: null, targetHandle: null } },
      { type: 'removeNode', nodeId: 'delay' },
    ])
    expect(state.doc.edges).toEqual([])
    const undone = run([{ type: 'undo' }], state)
    expect(undone.doc.nodes).toHaveLength(2)
    expect(undone.doc.edges).toHaveLength(1)
  })
})
