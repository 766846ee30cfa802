import { createContext, useContext } from 'react'
import type { StepStatus } from '../../lib/api'

/**
 * What the page around a canvas knows about its nodes beyond their config: the problems the
 * server found on save (editor), or each node's latest step status (run view). Kept out of node
 * `data` so that it never reaches the saved graph or the undo history.
 */
export interface FlowDecorations {
  problems?: Readonly<Record<string, readonly string[]>>
  statuses?: Readonly<Record<string, StepStatus>>
}

export const FlowDecorationsContext = createContext<FlowDecorations>({})

export function useFlowDecorations(): FlowDecorations {
  return useContext(FlowDecorationsContext)
}
