import { useNavigate } from 'react-router'
import { JsonEditor, parseJson } from '../../../components/JsonEditor'
import { errorMessage, isRecord } from '../../../lib/api'
import { paths } from '../../../lib/paths'
import { useSendEvent } from '../api/events'

interface TestEventDialogProps {
  workflowId: string
  isActive: boolean
  hasTrigger: boolean
  dirty: boolean
  samplePayload: string
  onSamplePayloadChange: (text: string) => void
  /** Saves the workflow; resolves to whether it was saved. */
  onSave: () => Promise<boolean>
  onClose: () => void
}

/**
 * Posts a sample event to `/events`, as any sender would, and opens the run it started for this
 * workflow. Events run the saved version, so unsaved changes are saved first.
 */
export function TestEventDialog({ workflowId, isActive, hasTrigger, dirty, samplePayload, onSamplePayloadChange, onSave, onClose }: TestEventDialogProps) {
  const send = useSendEvent()
  const navigate = useNavigate()
  const sample = parseJson(samplePayload)
  const payloadError = !sample.ok ? sample.error : !isRecord(sample.value) ? 'An event is a JSON object' : null
  const started = send.data?.executions.find((execution) => execution.workflow_id === workflowId)

  const submit = async () => {
    if (!sample.ok || !isRecord(sample.value)) return
    if (dirty && !(await onSave())) return
    const accepted = await send.mutateAsync(sample.value)
    const run = accepted.executions.find((execution) => execution.workflow_id === workflowId)
    if (run) navigate(paths.execution(run.id))
  }

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="test-event-title" data-testid="test-event-dialog" onClick={(event) => event.stopPropagation()}>
        <h2 id="test-event-title">Send a test event</h2>
        <p className="muted">
          The payload is posted to <code>POST /events</code>. Every active workflow whose trigger matches starts; you will be taken to this one's run.
        </p>
        <JsonEditor value={samplePayload} onChange={onSamplePayloadChange} label="Event payload" testId="test-event-payload" />
        {payloadError && <p className="field-error">{payloadError}</p>}
        {!hasTrigger && <p className="notice">This workflow has no trigger rule yet, so no event starts it: set one in the Trigger rule panel.</p>}
        {!isActive && <p className="notice">This workflow is paused: activate it, or events will not start it.</p>}
        {dirty && <p className="notice">You have unsaved changes: sending saves them first, since events run the saved version.</p>}
        {send.error && <p className="field-error">Could not send: {errorMessage(send.error)}</p>}
        {send.data && !started && (
          <p className="notice" data-testid="test-event-no-run">
            The event was accepted but did not start this workflow: its trigger rule did not match this payload
            {send.data.executions.length > 0 ? ` (it started ${send.data.executions.length} other workflow run(s))` : ''}.
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button--primary" onClick={() => void submit()} disabled={payloadError !== null || send.isPending} data-testid="test-event-submit">
            {dirty ? 'Save and send' : 'Send event'}
          </button>
        </div>
      </div>
    </div>
  )
}
