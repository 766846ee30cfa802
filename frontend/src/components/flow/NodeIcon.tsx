/** Stroke icons (24×24, Lucide-style paths) for the built-in node types; others get a generic box. */
const ICON_PATHS: Record<string, string> = {
  start: 'M6 4l14 8-14 8z',
  send_notification: 'M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0',
  http_call: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20M2 12h20M12 2a15.3 15.3 0 0 1 0 20M12 2a15.3 15.3 0 0 0 0 20',
  delay: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20M12 6v6l4 2',
  branch: 'M6 3v12M18 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6M6 21a3 3 0 1 0 0-6 3 3 0 0 0 0 6M18 9a9 9 0 0 1-9 9',
  join: 'M8 3v4a4 4 0 0 0 4 4h0a4 4 0 0 1 4 4v0M16 3v4a4 4 0 0 1-4 4M12 11v10',
  end: 'M5 5h14v14H5z',
}
const GENERIC_PATH = 'M4 4h16v16H4zM9 9h6v6H9z'

export function NodeIcon({ nodeType, size = 18 }: { nodeType: string; size?: number }) {
  return (
    <svg
      className="node-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={ICON_PATHS[nodeType] ?? GENERIC_PATH} />
    </svg>
  )
}
