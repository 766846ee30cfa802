import { isRecord, type Graph } from '../../../lib/api'

/** A refused save, sorted by where each problem should be shown. */
export interface ProblemReport {
  byNode: Record<string, string[]>
  byEdge: Record<string, string[]>
  /** Problems with no node or edge to show them on (e.g. "no start node", a bad name). */
  general: string[]
}

/**
 * Sorts a 422's `detail` onto the graph: by each problem's `node_id` / `edge_id`, or, when the
 * server did not name one, by the index in its `loc` (`["body", "graph", "nodes", 2, ...]`) into
 * the graph that was sent. Messages lose their "node 'x': " prefix, since they sit on node x.
 */
export function problemsFromDetail(detail: unknown, sent: Graph): ProblemReport {
  const report: ProblemReport = { byNode: {}, byEdge: {}, general: [] }
  const items = Array.isArray(detail) ? detail : [detail]
  for (const item of items) {
    if (!isRecord(item)) {
      report.general.push(String(item))
      continue
    }
    const message = typeof item.msg === 'string' ? item.msg : JSON.stringify(item)
    const loc = Array.isArray(item.loc) ? item.loc : []
    const nodeId = typeof item.node_id === 'string' ? item.node_id : elementAt(loc, 'nodes', sent)
    const edgeId = typeof item.edge_id === 'string' ? item.edge_id : elementAt(loc, 'edges', sent)
    if (nodeId !== undefined) {
      ;(report.byNode[nodeId] ??= []).push(message.replace(/^node '[^']*': /, ''))
    } else if (edgeId !== undefined) {
      ;(report.byEdge[edgeId] ??= []).push(message.replace(/^edge '[^']*': /, ''))
    } else {
      report.general.push(describeLoc(loc) + message)
    }
  }
  return report
}

function elementAt(loc: unknown[], list: 'nodes' | 'edges', sent: Graph): string | undefined {
  const at = loc.indexOf(list)
  if (at < 1 || loc[at - 1] !== 'graph' || typeof loc[at + 1] !== 'number') return undefined
  return sent[list]?.[loc[at + 1] as number]?.id
}

function describeLoc(loc: unknown[]): string {
  const path = loc.filter((part) => part !== 'body').join('.')
  return path && path !== 'graph' && path !== 'graph.nodes' && path !== 'graph.edges' ? `${path}: ` : ''
}

export function problemCount(report: ProblemReport): number {
  const count = (groups: Record<string, string[]>) => Object.values(groups).reduce((sum, list) => sum + list.length, 0)
  return count(report.byNode) + count(report.byEdge) + report.general.length
}

/** The report without the problems of one node, once the user has edited it. */
export function withoutNode(report: ProblemReport, nodeId: string): ProblemReport {
  if (!(nodeId in report.byNode)) return report
  const byNode = { ...report.byNode }
  delete byNode[nodeId]
  return { ...report, byNode }
}
