import { useCallback, useState } from 'react'

const DEFAULT_SAMPLE = '{\n  "type": "lead.created",\n  "lead": { "title": "CEO" }\n}'

/**
 * The sample event a user tests rules with and sends as a test event, kept per workflow in
 * localStorage so that it is still there on the next visit.
 */
export function useSamplePayload(workflowId: string): [string, (text: string) => void] {
  const key = `switchyard:sample-payload:${workflowId}`
  const [text, setText] = useState(() => localStorage.getItem(key) ?? DEFAULT_SAMPLE)
  const update = useCallback(
    (next: string) => {
      setText(next)
      localStorage.setItem(key, next)
    },
    [key],
  )
  return [text, update]
}
