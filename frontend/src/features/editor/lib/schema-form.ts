/**
 * Turns a node type's `config_schema` (pydantic's JSON Schema) into what the generated form shows:
 * references inlined, `X | None` shown as an optional X rather than a choice of two schemas,
 * titles from the field names, and the common fields (`label`, `retry`) split off to their own
 * sections. Widgets are picked from the schema alone, so a new node type needs no UI code:
 * `format: "template"` gets the template widget, a field with no type a JSON box.
 */
import type { RJSFSchema, UiSchema } from '@rjsf/utils'
import { isRecord } from '../../../lib/api'

type Schema = Record<string, unknown>

export interface NodeForms {
  settings: RJSFSchema
  settingsUi: UiSchema
  /** The retry policy's own schema, when the node type accepts `retry`. */
  retry: RJSFSchema | null
}

export const COMMON_FIELDS = ['label', 'retry'] as const

export function prepareNodeForms(configSchema: Schema): NodeForms {
  const inlined = collapseNullable(inlineRefs(configSchema, configSchema, 0)) as Schema
  const properties = (isRecord(inlined.properties) ? inlined.properties : {}) as Record<string, Schema>
  const { label: _label, retry, ...settingsProperties } = properties
  const required = Array.isArray(inlined.required) ? inlined.required.filter((key) => key in settingsProperties) : []
  const settings: Schema = { type: 'object', properties: settingsProperties, required, additionalProperties: false }
  return {
    settings: withTitles(settings) as RJSFSchema,
    settingsUi: uiFor(settings),
    retry: isRecord(retry) ? (withTitles(retry) as RJSFSchema) : null,
  }
}

function inlineRefs(node: unknown, root: Schema, depth: number): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, root, depth))
  if (!isRecord(node)) return node
  if (typeof node.$ref === 'string' && depth < 10) {
    const { $ref, ...siblings } = node
    return inlineRefs({ ...resolvePointer(root, $ref), ...siblings }, root, depth + 1)
  }
  const copy: Schema = {}
  for (const [key, value] of Object.entries(node)) {
    if (key !== '$defs' && key !== 'definitions') copy[key] = inlineRefs(value, root, depth)
  }
  return copy
}

function resolvePointer(root: Schema, pointer: string): Schema {
  const target = pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, part) => (isRecord(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root)
  return isRecord(target) ? target : {}
}

/** `anyOf: [X, {type: null}]` (pydantic's `X | None`) becomes X; a null default goes too. */
function collapseNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(collapseNullable)
  if (!isRecord(node)) return node
  let schema: Schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, collapseNullable(value)]))
  const options = Array.isArray(schema.anyOf) ? (schema.anyOf as unknown[]) : null
  if (options) {
    const nonNull = options.filter((option) => !(isRecord(option) && option.type === 'null'))
    if (nonNull.length === 1 && nonNull.length < options.length) {
      const { anyOf: _anyOf, ...rest } = schema
      schema = { ...(nonNull[0] as Schema), ...rest }
    }
  }
  if (schema.default === null) {
    const { default: _default, ...rest } = schema
    schema = rest
  }
  return schema
}

/** Field titles from their keys: `toRole` → "To role", `timeout_s` → "Timeout (s)". */
export function humanize(key: string): string {
  const words = key
    .replace(/_(s|ms)$/, ' ($1)')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function withTitles(schema: Schema): Schema {
  const copy: Schema = { ...schema }
  if (isRecord(schema.properties)) {
    copy.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [key, withTitles({ ...(value as Schema), title: humanize(key) })]),
    )
  }
  if (isRecord(schema.items)) copy.items = withTitles(schema.items)
  return copy
}

function isUntyped(schema: Schema): boolean {
  return !('type' in schema) && !('enum' in schema) && !('const' in schema) && !('anyOf' in schema) && !('oneOf' in schema)
}

function uiFor(schema: Schema): UiSchema {
  if (schema.format === 'template') return { 'ui:widget': 'template' }
  if (schema.format === 'jsonlogic' || isUntyped(schema)) return { 'ui:field': 'json' }
  const ui: UiSchema = {}
  if (isRecord(schema.properties)) {
    for (const [key, value] of Object.entries(schema.properties)) ui[key] = uiFor(value as Schema)
  }
  if (isRecord(schema.items)) ui.items = uiFor(schema.items)
  return ui
}
