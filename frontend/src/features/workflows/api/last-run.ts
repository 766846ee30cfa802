import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, unwrap, type Execution } from '../../../lib/api'

export async function fetchLastRun(workflowId: string): Promise<Execution | null> {
  const page = await unwrap(api.GET('/executions', { params: { query: { workflow_id: workflowId, limit: 1 } } }))
  return page.items[0] ?? null
}

export const lastRunQuery = (workflowId: string) =>
  queryOptions({ queryKey: ['executions', 'last', workflowId], queryFn: () => fetchLastRun(workflowId) })

export function useLastRun(workflowId: string) {
  return useQuery(lastRunQuery(workflowId))
}
