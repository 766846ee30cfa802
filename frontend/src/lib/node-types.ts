import { queryOptions, useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { api, unwrap, type NodeTypeInfo } from './api'

/** The node types the server knows; they change only with a deploy, so they are fetched once. */
export async function fetchNodeTypes(): Promise<NodeTypeInfo[]> {
  const page = await unwrap(api.GET('/node-types'))
  return page.items
}

export const nodeTypesQuery = queryOptions({
  queryKey: ['node-types'],
  queryFn: fetchNodeTypes,
  staleTime: Infinity,
})

export function useNodeTypes() {
  return useQuery(nodeTypesQuery)
}

export function useNodeTypeMap(): Record<string, NodeTypeInfo> {
  const { data } = useNodeTypes()
  return useMemo(() => Object.fromEntries((data ?? []).map((nodeType) => [nodeType.type, nodeType])), [data])
}
