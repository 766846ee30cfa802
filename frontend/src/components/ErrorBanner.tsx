import { errorMessage } from '../lib/api'

export function ErrorBanner({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  return (
    <div className="error-banner" role="alert">
      <strong>{title}.</strong> {errorMessage(error)}
    </div>
  )
}
