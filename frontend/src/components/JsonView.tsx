import { formatJson } from '../lib/format'

/** A read-only, formatted JSON value; `null`/absent shows as a muted dash. */
export function JsonView({ value, testId }: { value: unknown; testId?: string }) {
  if (value === null || value === undefined) return <p className="muted" data-testid={testId}>—</p>
  return (
    <pre className="json-view" data-testid={testId}>
      {formatJson(value)}
    </pre>
  )
}
