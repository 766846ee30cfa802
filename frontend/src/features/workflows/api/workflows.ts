import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap, type Workflow, type WorkflowInput } from '../../../lib/api'
import { toWorkflowInput } from '../../../lib/workflow-file'

export async function fetchWorkflows(): Promise<Workflow[]> {
  const page = await unwrap(api.GET('/workflows', { params: { query: { limit: 500 } } }))
  return page.items
}

export const workflowsQuery = queryOptions({ queryKey: ['workflows'], queryFn: fetchWorkflows })

export function useWorkflows() {
  return useQuery(workflowsQuery)
}

/** A new workflow starts as a lone start node, with no trigger: nothing runs it until one is set. */
export const NEW_WORKFLOW: WorkflowInput = {
  name: 'Untitled workflow',
  is_active: true,
  trigger: null,
  graph: { nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }], edges: [] },
}

export function useCreateWorkflow() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: WorkflowInput) => unwrap(api.POST('/workflows', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowsQuery.queryKey }),
  })
}

export function useSetWorkflowActive() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ workflow, isActive }: { workflow: Workflow; isActive: boolean }) =>
      unwrap(
        api.PUT('/workflows/{workflow_id}', {
          params: { path: { workflow_id: workflow.id } },
          body: { ...toWorkflowInput(workflow), is_active: isActive },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowsQuery.queryKey }),
  })
}

export function useDeleteWorkflow() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (workflowId: string) =>
      unwrap(api.DELETE('/workflows/{workflow_id}', { params: { path: { workflow_id: workflowId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowsQuery.queryKey }),
  })
}
