import { useReactFlow } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { decorateEdges } from '../../../components/flow/edges'
import { FlowDecorationsContext } from '../../../components/flow/decorations'
import { ApiError, type NodeTypeInfo, type Workflow } from '../../../lib/api'
import { downloadJson } from '../../../lib/format'
import { outputHandles, uniqueId, upstreamOf, type NodeConfig } from '../../../lib/graph'
import { exportFilename } from '../../../lib/workflow-file'
import { useSaveWorkflow } from '../api/workflow'
import { useSamplePayload } from '../hooks/useSamplePayload'
import { useUndoRedoKeys } from '../hooks/useUndoRedoKeys'
import { useUnsavedChangesPrompt } from '../hooks/useUnsavedChangesPrompt'
import { editorReducer, fingerprint, initEditorState, isDirty, toWorkflowInput } from '../lib/document'
import { freeSpot, layoutNodes, needsLayout } from '../lib/layout'
import { problemsFromDetail, withoutNode, type ProblemReport } from '../lib/problems'
import { EditorCanvas } from './EditorCanvas'
import { EditorToolbar } from './EditorToolbar'
import { NodeConfigPanel } from './NodeConfigPanel'
import { Palette } from './Palette'
import { SaveProblems } from './SaveProblems'
import { TestEventDialog } from './TestEventDialog'
import { TriggerPanel } from './TriggerPanel'

interface WorkflowEditorProps {
  workflow: Workflow
  nodeTypes: NodeTypeInfo[]
}

export function WorkflowEditor({ workflow, nodeTypes }: WorkflowEditorProps) {
  const [state, dispatch] = useReducer(editorReducer, workflow, initEditorState)
  const { doc } = state
  const dirty = useMemo(() => isDirty(state), [state])
  const [problems, setProblems] = useState<ProblemReport | null>(null)
  const [openNodeId, setOpenNodeId] = useState<string | null>(null)
  const [testEventOpen, setTestEventOpen] = useState(false)
  const [samplePayload, setSamplePayload] = useSamplePayload(workflow.id)
  const save = useSaveWorkflow(workflow.id)
  const { getViewport, fitView } = useReactFlow()
  const typeMap = useMemo(() => Object.fromEntries(nodeTypes.map((nodeType) => [nodeType.type, nodeType])), [nodeTypes])

  const undo = useCallback(() => dispatch({ type: 'undo' }), [])
  const redo = useCallback(() => dispatch({ type: 'redo' }), [])
  useUndoRedoKeys(undo, redo)
  useUnsavedChangesPrompt(dirty)

  const saveNow = useCallback(async (): Promise<boolean> => {
    const body = toWorkflowInput(doc, getViewport())
    try {
      await save.mutateAsync(body)
      dispatch({ type: 'saved', fingerprint: fingerprint(doc) })
      setProblems(null)
      return true
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) setProblems(problemsFromDetail(error.detail, body.graph))
      return false
    }
  }, [doc, getViewport, save])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault()
        void saveNow()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [saveNow])

  const autoLayout = useCallback(async () => {
    dispatch({ type: 'setNodes', nodes: await layoutNodes(doc.nodes, doc.edges) })
    window.requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1.1 }))
  }, [doc.nodes, doc.edges, fitView])

  // A graph stored without positions (written through the API) would be a pile at the origin.
  const checkedLayout = useRef(false)
  useEffect(() => {
    if (checkedLayout.current) return
    checkedLayout.current = true
    if (needsLayout(doc.nodes)) void autoLayout()
  }, [doc.nodes, autoLayout])

  // Adds a node and opens its form; the reducer names it the same way.
  const addNode = (nodeType: string, position?: { x: number; y: number }) => {
    dispatch({ type: 'addNode', nodeType, position: position ?? freeSpot(centreOfView(), doc.nodes) })
    setOpenNodeId(uniqueId(nodeType, doc.nodes.map((node) => node.id)))
  }

  const centreOfView = () => {
    const { x, y, zoom } = getViewport()
    const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect()
    const width = canvas?.width ?? 800
    const height = canvas?.height ?? 600
    return { x: (width / 2 - x) / zoom - 120, y: (height / 2 - y) / zoom - 40 }
  }

  const openNode = doc.nodes.find((node) => node.id === openNodeId) ?? null
  const changeConfig = (nodeId: string, nodeType: string, config: NodeConfig) => {
    dispatch({ type: 'updateConfig', nodeId, config, handles: outputHandles(typeMap[nodeType], config) })
    setProblems((report) => report && withoutNode(report, nodeId))
  }

  const decorations = useMemo(() => ({ problems: problems?.byNode }), [problems])
  const edges = useMemo(() => decorateEdges(doc.edges, { problems: problems?.byEdge }), [doc.edges, problems])
  const nodeIds = useMemo(() => doc.nodes.map((node) => node.id), [doc.nodes])
  const takenIds = useMemo(() => new Set(nodeIds), [nodeIds])
  const upstream = useMemo(() => (openNodeId ? upstreamOf(openNodeId, doc.edges) : []), [openNodeId, doc.edges])
  const hasStart = doc.nodes.some((node) => node.data.nodeType === 'start')

  return (
    <div className="editor">
      <EditorToolbar
        workflowId={workflow.id}
        name={doc.name}
        isActive={doc.isActive}
        version={save.data?.version ?? workflow.version}
        dirty={dirty}
        saving={save.isPending}
        canUndo={state.past.length > 0}
        canRedo={state.future.length > 0}
        onRename={(name) => dispatch({ type: 'setMeta', patch: { name } })}
        onToggleActive={(isActive) => dispatch({ type: 'setMeta', patch: { isActive } })}
        onUndo={undo}
        onRedo={redo}
        onLayout={() => void autoLayout()}
        onExport={() => downloadJson(exportFilename(doc), toWorkflowInput(doc))}
        onTestEvent={() => setTestEventOpen(true)}
        onSave={() => void saveNow()}
      />
      {problems && (
        <SaveProblems
          report={problems}
          onShowNode={(nodeId) => {
            setOpenNodeId(nodeId)
            void fitView({ nodes: [{ id: nodeId }], maxZoom: 1.1, duration: 300 })
          }}
          onDismiss={() => setProblems(null)}
        />
      )}
      {save.error && !(save.error instanceof ApiError && save.error.status === 422) && <ErrorBanner error={save.error} title="Could not save" />}
      <div className="editor-body">
        <Palette nodeTypes={nodeTypes} unavailable={hasStart ? new Set(['start']) : new Set()} onAdd={(nodeType) => addNode(nodeType)} />
        <FlowDecorationsContext.Provider value={decorations}>
          <EditorCanvas
            nodes={doc.nodes}
            edges={edges}
            defaultViewport={workflow.graph.viewport ?? undefined}
            onNodesChange={(changes) => dispatch({ type: 'nodesChanged', changes })}
            onEdgesChange={(changes) => dispatch({ type: 'edgesChanged', changes })}
            onConnect={(connection) => dispatch({ type: 'connect', connection })}
            onCheckpoint={() => dispatch({ type: 'checkpoint' })}
            onDropNodeType={addNode}
            onOpenNode={setOpenNodeId}
          />
        </FlowDecorationsContext.Provider>
        <aside className="side-panel">
          {openNode && (
            <div className="tabs" role="tablist">
              <button type="button" role="tab" aria-selected={false} onClick={() => setOpenNodeId(null)}>
                Trigger rule
              </button>
              <button type="button" role="tab" aria-selected>
                Node
              </button>
            </div>
          )}
          {openNode ? (
            <NodeConfigPanel
              key={openNode.id}
              node={openNode}
              nodeType={typeMap[openNode.data.nodeType]}
              upstream={upstream}
              problems={problems?.byNode[openNode.id] ?? []}
              takenIds={takenIds}
              onRename={(to) => {
                dispatch({ type: 'renameNode', from: openNode.id, to })
                setOpenNodeId(to)
              }}
              onConfigChange={(config) => changeConfig(openNode.id, openNode.data.nodeType, config)}
              onDelete={() => {
                dispatch({ type: 'removeNode', nodeId: openNode.id })
                setOpenNodeId(null)
              }}
            />
          ) : (
            <>
              <div className="form-group">
                <label htmlFor="workflow-description">Description</label>
                <textarea
                  id="workflow-description"
                  rows={2}
                  value={doc.description ?? ''}
                  placeholder="What this workflow is for"
                  onChange={(event) => dispatch({ type: 'setMeta', patch: { description: event.target.value || null } })}
                />
              </div>
              <TriggerPanel
                trigger={doc.trigger}
                onChange={(trigger) => dispatch({ type: 'setTrigger', trigger })}
                samplePayload={samplePayload}
                onSamplePayloadChange={setSamplePayload}
                nodeIds={nodeIds}
              />
            </>
          )}
        </aside>
      </div>
      {testEventOpen && (
        <TestEventDialog
          workflowId={workflow.id}
          isActive={doc.isActive}
          hasTrigger={doc.trigger !== null && doc.trigger !== undefined}
          dirty={dirty}
          samplePayload={samplePayload}
          onSamplePayloadChange={setSamplePayload}
          onSave={saveNow}
          onClose={() => setTestEventOpen(false)}
        />
      )}
    </div>
  )
}
