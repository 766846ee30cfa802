import { isRecord, type NodeTypeInfo } from './api'
import type { NodeConfig } from './graph'

/** Fields every node has, shown elsewhere than in its summary. */
const COMMON_FIELDS = new Set(['label', 'retry'])

/**
 * One line describing a node's config, built from its schema's fields in order: strings as they
 * are, other scalars as `key value`, lists as a count. E.g. "POST · https://…", "ms 1000", "2 cases".
 */
export function summarizeConfig(config: NodeConfig, nodeType: NodeTypeInfo | undefined): string {
  const schemaKeys = Object.keys((nodeType?.config_schema?.properties as Record<string, unknown>) ?? {})
  const keys = [...new Set([...schemaKeys, ...Object.keys(config)])].filter((key) => !COMMON_FIELDS.has(key))
  return keys
    .map((key) => describeValue(key, config[key]))
    .filter((part): part is string => part !== null)
    .join(' · ')
}

function describeValue(key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return `${value.length} ${key}`
  if (isRecord(value)) return Object.keys(value).length > 0 ? `${key} {…}` : null
  return `${key} ${String(value)}`
}
