import { queryOptions, useMutation, useQuery } from '@tanstack/react-query'
import { api, unwrap, type RuleOperator } from '../../../lib/api'

export type { RuleOperator }

export async function fetchRuleOperators(): Promise<RuleOperator[]> {
  return (await unwrap(api.GET('/rules/operators'))).items
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
