import { MarkerType } from '@xyflow/react'
import { DEFAULT_HANDLE, ERROR_HANDLE, type FlowEdge } from '../../lib/graph'

interface EdgeDecorations {
  problems?: Readonly<Record<string, readonly string[]>>
  /** Run view: ids of the edges the run went along. */
  taken?: ReadonlySet<string>
}

/** How edges are drawn: named handles as labels, error paths in red, problems and the path taken highlighted. */
export function decorateEdges(edges: readonly FlowEdge[], { problems, taken }: EdgeDecorations = {}): FlowEdge[] {
  return edges.map((edge) => {
    const handle = edge.sourceHandle ?? DEFAULT_HANDLE
    const edgeProblems = problems?.[edge.id] ?? []
    const classes = [
      handle === ERROR_HANDLE && 'edge-error',
      edgeProblems.length > 0 && 'edge-invalid',
      taken?.has(edge.id) && 'edge-taken',
      taken && !taken.has(edge.id) && 'edge-idle',
    ]
    // A named handle already carries its name on the node, so the edge shows only its own label.
    const label = edgeProblems.length > 0 ? `⚠ ${edgeProblems.join('; ')}` : edge.label
    return {
      ...edge,
      label,
      className: classes.filter(Boolean).join(' ') || undefined,
      markerEnd: { type: MarkerType.ArrowClosed, color: arrowColour(handle, edgeProblems.length > 0, taken?.has(edge.id)) },
      data: { ...edge.data, invalid: edgeProblems.length > 0 },
    }
  })
}

// SVG markers cannot read CSS variables, so the arrowheads repeat the edge colours of styles.css.
function arrowColour(handle: string, invalid: boolean, taken: boolean | undefined): string {
  if (invalid || (handle === ERROR_HANDLE && taken !== false)) return '#c62828'
  if (taken === true) return '#15803d'
  return taken === false ? '#cbd5e1' : '#94a3b8'
}
