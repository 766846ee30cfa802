import { useRef, useState, type ChangeEvent } from 'react'
import { useNavigate } from 'react-router'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { paths } from '../../../lib/paths'
import { parseWorkflowFile } from '../../../lib/workflow-file'
import { NEW_WORKFLOW, useCreateWorkflow, useWorkflows } from '../api/workflows'
import { WorkflowRow } from './WorkflowRow'

export function WorkflowsPage() {
  const workflows = useWorkflows()
  const create = useCreateWorkflow()
  const navigate = useNavigate()
  const fileInput = useRef<HTMLInputElement>(null)
  const [importError, setImportError] = useState<unknown>(null)

  const createAndOpen = (body = NEW_WORKFLOW) =>
    create.mutate(body, { onSuccess: (workflow) => navigate(paths.editor(workflow.id)) })

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    setImportError(null)
    try {
      createAndOpen(parseWorkflowFile(await file.text()))
    } catch (error) {
      setImportError(error)
    }
  }

  return (
    <section className="page">
      <div className="page-header">
        <div>
          <h1>Workflows</h1>
          <p className="muted">Each workflow runs when an event matches its trigger rule.</p>
        </div>
        <div className="toolbar">
          <button type="button" onClick={() => fileInput.current?.click()}>
            Import JSON
          </button>
          <input ref={fileInput} type="file" accept="application/json,.json" hidden onChange={importFile} data-testid="import-file" />
          <button type="button" className="button--primary" data-testid="new-workflow" onClick={() => createAndOpen()} disabled={create.isPending}>
            + New workflow
          </button>
        </div>
      </div>
      {(importError || create.error) && <ErrorBanner error={importError ?? create.error} title="Could not create the workflow" />}
      {workflows.error && <ErrorBanner error={workflows.error} title="Could not load the workflows" />}
      {workflows.data?.length === 0 && (
        <EmptyState title="No workflows yet">
          <p>Create one and draw it: a start node, what should happen, and the rule that triggers it.</p>
        </EmptyState>
      )}
      {workflows.data && workflows.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Active</th>
              <th>Version</th>
              <th>Last run</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {workflows.data.map((workflow) => (
              <WorkflowRow key={workflow.id} workflow={workflow} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
