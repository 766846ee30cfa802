import { isRecord, type Workflow, type WorkflowInput } from './api'

/** What export writes and import reads: the workflow as `POST /workflows` takes it. */
export function toWorkflowInput(workflow: Workflow): WorkflowInput {
  const { name, description, is_active, trigger, graph } = workflow
  return { name, description, is_active, trigger, graph }
}

export function exportFilename(workflow: Pick<Workflow, 'name'>): string {
  const slug = workflow.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  return `${slug || 'workflow'}.workflow.json`
}

/** Reads an exported file (or any `WorkflowIn`-shaped JSON); the server validates the rest. */
export function parseWorkflowFile(text: string): WorkflowInput {
  const parsed: unknown = JSON.parse(text)
  if (!isRecord(parsed) || !isRecord(parsed.graph)) {
    throw new Error('This file is not a workflow: it has no "graph" object.')
  }
  return {
    name: typeof parsed.name === 'string' && parsed.name ? parsed.name : 'Imported workflow',
    description: typeof parsed.description === 'string' ? parsed.description : null,
    is_active: typeof parsed.is_active === 'boolean' ? parsed.is_active : true,
    trigger: parsed.trigger ?? null,
    graph: parsed.graph as WorkflowInput['graph'],
  }
}
