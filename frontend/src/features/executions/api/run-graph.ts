import { queryOptions, useQuery } from '@tanstack/react-query'
import { api, ApiError, unwrap, type Graph } from '../../../lib/api'

export interface RunGraph {
  graph: Graph
  workflowName: string | null
  /** False when the version could not be read and the workflow's current graph stands in. */
  exact: boolean
}

/** The graph a run ran: its workflow at the run's version, or the current graph if that is gone. */
export async function fetchRunGraph(workflowId: string, version: number): Promise<RunGraph> {
  const workflow = await unwrap(api.GET('/workflows/{workflow_id}', { params: { path: { workflow_id: workflowId } } })).catch(
    (error: unknown) => (error instanceof ApiError && error.status === 404 ? null : Promise.reject(error)),
  )
  if (workflow?.version === version) return { graph: workflow.graph, workflowName: workflow.name, exact: true }
  try {
    const stored = await unwrap(
      api.GET('/workflows/{workflow_id}/versions/{version}', { params: { path: { workflow_id: workflowId, version } } }),
    )
    return { graph: stored.graph as Graph, workflowName: workflow?.name ?? null, exact: true }
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404) || !workflow) throw error
    return { graph: workflow.graph, workflowName: workflow.name, exact: false }
  }
}

export const runGraphQuery = (workflowId: string, version: number) =>
  queryOptions({
    queryKey: ['workflows', workflowId, 'versions', version],
    queryFn: () => fetchRunGraph(workflowId, version),
    staleTime: Infinity,
  })

export function useRunGraph(workflowId: string | undefined, version: number | undefined) {
  return useQuery({ ...runGraphQuery(workflowId ?? '', version ?? 0), enabled: workflowId !== undefined && version !== undefined })
}
