import { describe, expect, it } from 'vitest'
import { humanize, prepareNodeForms } from './schema-form'

const SCHEMA = {
  $defs: { RetryPolicy: { type: 'object', properties: { max_attempts: { type: 'integer', default: 1 } } } },
  additionalProperties: false,
  properties: {
    label: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null },
    retry: { anyOf: [{ $ref: '#/$defs/RetryPolicy' }, { type: 'null' }], default: null },
    message: { type: 'string', format: 'template', title: 'Message' },
    timeout_s: { anyOf: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'null' }], default: null, title: 'Timeout S' },
    body: { default: null, description: 'Any JSON' },
  },
  required: ['message'],
  type: 'object',
}

describe('prepareNodeForms', () => {
  const forms = prepareNodeForms(SCHEMA)

  it('splits off the common fields and keeps the type’s own, required ones included', () => {
    expect(Object.keys(forms.settings.properties!)).toEqual(['message', 'timeout_s', 'body'])
    expect(forms.settings.required).toEqual(['message'])
    expect(forms.retry).toMatchObject({ type: 'object', properties: { max_attempts: { type: 'integer', title: 'Max attempts' } } })
  })

  it('shows an optional value as that value, not a choice of schemas', () => {
    expect(forms.settings.properties!.timeout_s).toEqual({ type: 'number', exclusiveMinimum: 0, title: 'Timeout (s)' })
  })

  it('picks widgets from the schema: templates, and JSON for untyped fields', () => {
    expect(forms.settingsUi).toEqual({ message: { 'ui:widget': 'template' }, timeout_s: {}, body: { 'ui:field': 'json' } })
  })

  it('titles fields from their keys', () => {
    expect(humanize('toRole')).toBe('To role')
    expect(humanize('initial_interval_s')).toBe('Initial interval (s)')
  })
})
