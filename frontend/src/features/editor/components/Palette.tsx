import { NodeIcon } from '../../../components/flow/NodeIcon'
import type { NodeTypeInfo } from '../../../lib/api'

export const PALETTE_DRAG_TYPE = 'application/x-switchyard-node-type'

interface PaletteProps {
  nodeTypes: NodeTypeInfo[]
  /** Types that may not be added again (a graph has one start). */
  unavailable: ReadonlySet<string>
  /** Adds a node without dragging: at the middle of the canvas. */
  onAdd: (nodeType: string) => void
}

/** Every node type the server offers: drag one onto the canvas, or click it. */
export function Palette({ nodeTypes, unavailable, onAdd }: PaletteProps) {
  return (
    <aside className="palette" aria-label="Node types">
      <h3>Add a node</h3>
      <p className="muted small">Drag onto the canvas, or click.</p>
      <ul>
        {nodeTypes.map((nodeType) => {
          const disabled = unavailable.has(nodeType.type)
          return (
            <li key={nodeType.type}>
              <button
                type="button"
                className={`palette-item wf-node--${nodeType.type}`}
                data-testid={`palette-${nodeType.type}`}
                draggable={!disabled}
                disabled={disabled}
                title={disabled ? 'A workflow has a single start node' : nodeType.description}
                onDragStart={(event) => {
                  event.dataTransfer.setData(PALETTE_DRAG_TYPE, nodeType.type)
                  event.dataTransfer.effectAllowed = 'move'
                }}
                onClick={() => onAdd(nodeType.type)}
              >
                <span className="wf-node__icon">
                  <NodeIcon nodeType={nodeType.type} />
                </span>
                <span>
                  <strong>{nodeType.title}</strong>
                  <span className="palette-item__description">{nodeType.description}</span>
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </aside>
  )
}
