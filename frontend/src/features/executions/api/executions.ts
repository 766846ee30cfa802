import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap, type Execution, type ExecutionStatus, type Step } from '../../../lib/api'
import { isTerminal } from '../../../lib/status'

const LIVE_POLL_MS = 1000

export async function fetchExecutions(workflowId: string, status: ExecutionStatus | null): Promise<Execution[]> {
  const query = { workflow_id: workflowId, limit: 100, ...(status ? { status } : {}) }
  const page = await unwrap(api.GET('/executions', { params: { query } }))
  return page.items
}

export const executionsQuery = (workflowId: string, status: ExecutionStatus | null) =>
  queryOptions({ queryKey: ['executions', 'list', workflowId, status], queryFn: () => fetchExecutions(workflowId, status) })

/** Runs of a workflow, polled while any of them is still going. */
export function useExecutions(workflowId: string, status: ExecutionStatus | null) {
  return useQuery({
    ...executionsQuery(workflowId, status),
    refetchInterval: (query) => (query.state.data?.some((execution) => !isTerminal(execution.status)) ? LIVE_POLL_MS * 2 : false),
  })
}

export async function fetchExecution(executionId: string): Promise<Execution> {
  return unwrap(api.GET('/executions/{execution_id}', { params: { path: { execution_id: executionId } } }))
}

export const executionQuery = (executionId: string) =>
  queryOptions({ queryKey: ['executions', executionId], queryFn: () => fetchExecution(executionId) })

/** One run, polled until it ends. */
export function useExecution(executionId: string) {
  return useQuery({
    ...executionQuery(executionId),
    refetchInterval: (query) => (isTerminal(query.state.data?.status) ? false : LIVE_POLL_MS),
  })
}

export async function fetchSteps(executionId: string): Promise<Step[]> {
  const page = await unwrap(api.GET('/executions/{execution_id}/steps', { params: { path: { execution_id: executionId } } }))
  return page.items
}

/**
 * A run's steps, polled while the run goes on. The run's status is part of the key, so the steps
 * are read once more when it ends, and never again after that.
 */
export function useSteps(executionId: string, executionStatus: ExecutionStatus | undefined) {
  const live = executionStatus !== undefined && !isTerminal(executionStatus)
  return useQuery({
    queryKey: ['executions', executionId, 'steps', executionStatus],
    queryFn: () => fetchSteps(executionId),
    enabled: executionStatus !== undefined,
    refetchInterval: live ? LIVE_POLL_MS : false,
    placeholderData: (previous) => previous,
  })
}

export function useExecutionAction(executionId: string, action: 'cancel' | 'retry') {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () =>
      action === 'cancel'
        ? unwrap(api.POST('/executions/{execution_id}/cancel', { params: { path: { execution_id: executionId } } }))
        : unwrap(api.POST('/executions/{execution_id}/retry', { params: { path: { execution_id: executionId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['executions', executionId] }),
  })
}
