import { lazy, Suspense } from 'react'

export interface JsonEditorProps {
  value: string
  onChange?: (text: string) => void
  /** Accessible name of the editing area. */
  label: string
  testId?: string
  placeholder?: string
  readOnly?: boolean
}

// CodeMirror is a fair share of the bundle: only screens that edit JSON load it.
const CodeMirrorJson = lazy(() => import('./CodeMirrorJson'))

export function JsonEditor(props: JsonEditorProps) {
  return (
    <Suspense fallback={<div className="json-editor json-editor--loading">Loading editor…</div>}>
      <CodeMirrorJson {...props} />
    </Suspense>
  )
}

/** The parsed value, or the parser's complaint. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}
