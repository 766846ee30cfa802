import createClient from 'openapi-fetch'
import type { components, paths } from '../client/schema'

export type Schemas = components['schemas']
export type Workflow = Schemas['WorkflowPublic']
export type WorkflowInput = Schemas['WorkflowCreate']
export type Graph = Schemas['Graph']
export type NodeTypeInfo = Schemas['NodeTypePublic']
export type Execution = Schemas['ExecutionPublic']
export type ExecutionStatus = Schemas['ExecutionStatus']
export type Step = Schemas['StepPublic']
export type StepStatus = Schemas['StepStatus']
export type RuleOperator = Schemas['OperatorPublic']

/** The API lives on the same origin as the UI (FastAPI serves both; Vite proxies in dev). */
export const api = createClient<paths>({ baseUrl: '' })

/** A non-2xx answer, keeping FastAPI's `detail` so callers can show it where it belongs. */
export class ApiError extends Error {
  readonly status: number
  readonly detail: unknown

  constructor(status: number, detail: unknown) {
    super(describeDetail(status, detail))
    this.name = 'ApiError'
    this.status = status
    this.detail = detail
  }
}

interface FetchResult<T> {
  data?: T
  error?: unknown
  response: Response
}

/** The answer's body, or an ApiError; openapi-fetch resolves rather than throws on 4xx/5xx. */
export async function unwrap<T>(request: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await request
  if (!response.ok) {
    const detail = typeof error === 'object' && error !== null && 'detail' in error ? error.detail : error
    throw new ApiError(response.status, detail)
  }
  return data as T
}

function describeDetail(status: number, detail: unknown): string {
  if (typeof detail === 'string') return detail
  if (Array.isArray(detail)) {
    const messages = detail.map((item) => (isRecord(item) && typeof item.msg === 'string' ? item.msg : JSON.stringify(item)))
    return messages.join('; ')
  }
  return `The server answered ${status}`
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
