import { useMutation } from '@tanstack/react-query'
import { api, unwrap } from '../../../lib/api'

export function useSendEvent() {
  return useMutation({
    mutationFn: (payload: Record<string, unknown>) => unwrap(api.POST('/events', { body: payload })),
  })
}
