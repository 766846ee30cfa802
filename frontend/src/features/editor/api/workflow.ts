import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap, type Workflow, type WorkflowInput } from '../../../lib/api'

export async function fetchWorkflow(workflowId: string): Promise<Workflow> {
  return unwrap(api.GET('/workflows/{workflow_id}', { params: { path: { workflow_id: workflowId } } }))
}

export const workflowQuery = (workflowId: string) =>
  queryOptions({ queryKey: ['workflows', workflowId], queryFn: () => fetchWorkflow(workflowId) })

export function useWorkflow(workflowId: string) {
  // The editor holds its own copy once loaded: refetching on focus would only race with it.
  return useQuery({ ...workflowQuery(workflowId), refetchOnWindowFocus: false, staleTime: Infinity })
}

export function useSaveWorkflow(workflowId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: WorkflowInput) =>
      unwrap(api.PUT('/workflows/{workflow_id}', { params: { path: { workflow_id: workflowId } }, body })),
    onSuccess: (workflow) => {
      queryClient.setQueryData(workflowQuery(workflowId).queryKey, workflow)
      void queryClient.invalidateQueries({ queryKey: ['workflows'], exact: true })
    },
  })
}
