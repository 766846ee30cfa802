import { queryOptions, useMutation, useQuery } from '@tanstack/react-query'
import { api, isRecord, unwrap } from '../../../lib/api'

/** One entry of `GET /rules/operators`, whose answer the OpenAPI schema leaves untyped. */
export interface RuleOperator {
  name: string
  category: string
  description: string
}

export async function fetchRuleOperators(): Promise<RuleOperator[]> {
  const page = await unwrap(api.GET('/rules/operators'))
  const items = isRecord(page) && Array.isArray(page.items) ? page.items : []
  return items.filter(
    (item): item is RuleOperator => isRecord(item) && typeof item.name === 'string' && typeof item.category === 'string',
  )
}

export const ruleOperatorsQuery = queryOptions({
  queryKey: ['rules', 'operators'],
  queryFn: fetchRuleOperators,
  staleTime: Infinity,
})

export function useRuleOperators() {
  return useQuery(ruleOperatorsQuery)
}

export function useEvaluateRule() {
  return useMutation({
    mutationFn: (body: { rule: unknown; payload: Record<string, unknown> }) => unwrap(api.POST('/rules/evaluate', { body })),
  })
}
