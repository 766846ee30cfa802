import { Link } from 'react-router'
import { paths } from '../../../lib/paths'

interface EditorToolbarProps {
  workflowId: string
  name: string
  isActive: boolean
  version: number
  dirty: boolean
  saving: boolean
  canUndo: boolean
  canRedo: boolean
  onRename: (name: string) => void
  onToggleActive: (isActive: boolean) => void
  onUndo: () => void
  onRedo: () => void
  onLayout: () => void
  onExport: () => void
  onTestEvent: () => void
  onSave: () => void
}

export function EditorToolbar(props: EditorToolbarProps) {
  const { workflowId, name, isActive, version, dirty, saving, canUndo, canRedo } = props
  return (
    <div className="editor-toolbar">
      <Link to={paths.workflows()} className="button button--ghost" aria-label="Back to workflows">
        ←
      </Link>
      <input className="name-input" aria-label="Workflow name" data-testid="workflow-name" value={name} onChange={(event) => props.onRename(event.target.value)} />
      <span className="muted small">v{version}</span>
      <label className="switch">
        <input type="checkbox" role="switch" checked={isActive} onChange={(event) => props.onToggleActive(event.target.checked)} data-testid="workflow-active" />
        <span>{isActive ? 'Active' : 'Paused'}</span>
      </label>
      {dirty ? (
        <span className="unsaved" data-testid="unsaved-indicator">
          ● Unsaved changes
        </span>
      ) : (
        <span className="muted small" data-testid="saved-indicator">
          All changes saved
        </span>
      )}
      <div className="toolbar-spacer" />
      <button type="button" className="button--ghost" onClick={props.onUndo} disabled={!canUndo} title="Undo (Ctrl+Z)" data-testid="undo">
        ↶ Undo
      </button>
      <button type="button" className="button--ghost" onClick={props.onRedo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" data-testid="redo">
        ↷ Redo
      </button>
      <button type="button" className="button--ghost" onClick={props.onLayout} data-testid="auto-layout">
        Auto-layout
      </button>
      <button type="button" className="button--ghost" onClick={props.onExport}>
        Export
      </button>
      <Link to={paths.workflowExecutions(workflowId)} className="button button--ghost" data-testid="runs-link">
        Runs
      </Link>
      <button type="button" onClick={props.onTestEvent} data-testid="send-test-event">
        ▶ Send test event
      </button>
      <button type="button" className="button--primary" onClick={props.onSave} disabled={saving} data-testid="save-workflow" title="Save (Ctrl+S)">
        {saving ? 'Saving…' : 'Save'}
      </button>
    </div>
  )
}
