import { Background, Controls, MiniMap } from '@xyflow/react'

const MINIMAP_SIZE = { width: 160, height: 110 }

/** The dotted background, zoom controls and minimap every canvas has. */
export function CanvasChrome({ interactive = true }: { interactive?: boolean }) {
  return (
    <>
      <Background gap={20} />
      <Controls showInteractive={interactive} />
      <MiniMap pannable zoomable nodeStrokeWidth={3} style={MINIMAP_SIZE} />
    </>
  )
}
