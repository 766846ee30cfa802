import Form from '@rjsf/core'
import type { IChangeEvent } from '@rjsf/core'
import type { FieldPathList, RJSFSchema } from '@rjsf/utils'
import { customizeValidator } from '@rjsf/validator-ajv8'
import { useMemo } from 'react'
import { isRecord, type NodeTypeInfo } from '../../../lib/api'
import type { NodeConfig } from '../../../lib/graph'
import { COMMON_FIELDS, prepareNodeForms } from '../lib/schema-form'
import { buttonTemplates, JsonField, TemplateWidget, type NodeFormContext } from './form-widgets'

// Formats the server's schemas use that ajv does not know; the server checks them on save.
const validator = customizeValidator({ customFormats: { template: () => true, jsonlogic: () => true } })
const widgets = { template: TemplateWidget }
const fields = { json: JsonField }
const templates = { ButtonTemplates: buttonTemplates }
const HIDDEN_SUBMIT = { 'ui:submitButtonOptions': { norender: true } }

/** Inputs are named by their config key (`message`, `headers.Accept`, `retry.max_attempts`). */
const configKeyName = (prefix: string) => (path: FieldPathList) => prefix + path.join('.')

interface NodeSettingsFormProps {
  nodeType: NodeTypeInfo
  config: NodeConfig
  upstream: string[]
  onChange: (config: NodeConfig) => void
}

/**
 * The forms generated from a node type's schema: its own settings, then the retry policy every
 * node may carry. Loaded on demand: RJSF and ajv are the heaviest part of the editor.
 */
export default function NodeSettingsForm({ nodeType, config, upstream, onChange }: NodeSettingsFormProps) {
  const forms = useMemo(() => prepareNodeForms(nodeType.config_schema), [nodeType])
  const formContext: NodeFormContext = useMemo(() => ({ upstream }), [upstream])
  const settings = omit(config, COMMON_FIELDS)
  const retry = isRecord(config.retry) ? config.retry : null
  const hasSettings = Object.keys(forms.settings.properties ?? {}).length > 0

  const changeSettings = ({ formData }: IChangeEvent) => onChange({ ...pick(config, COMMON_FIELDS), ...withoutEmpty(formData) })
  const changeRetry = (next: Record<string, unknown> | null) => onChange(next ? { ...config, retry: next } : omit(config, ['retry']))

  return (
    <>
      <section className="panel-section">
        <h4>Settings</h4>
        {hasSettings ? (
          <Form
            schema={forms.settings}
            uiSchema={{ ...forms.settingsUi, ...HIDDEN_SUBMIT }}
            formData={settings}
            validator={validator}
            widgets={widgets}
            fields={fields}
            templates={templates}
            formContext={formContext}
            nameGenerator={configKeyName('')}
            onChange={changeSettings}
            liveValidate="onChange"
            showErrorList={false}
            noHtml5Validate
            experimental_defaultFormStateBehavior={{ emptyObjectFields: 'populateRequiredDefaults' }}
          />
        ) : (
          <p className="muted">This node has no settings.</p>
        )}
      </section>
      {forms.retry && (
        <section className="panel-section">
          <label className="checkbox">
            <input type="checkbox" name="retry" checked={retry !== null} onChange={(event) => changeRetry(event.target.checked ? {} : null)} />
            Retry when it fails
          </label>
          {retry !== null && (
            <Form
              schema={forms.retry as RJSFSchema}
              uiSchema={HIDDEN_SUBMIT}
              formData={retry}
              validator={validator}
              nameGenerator={configKeyName('retry.')}
              onChange={({ formData }) => changeRetry(withoutEmpty(formData))}
              liveValidate="onChange"
              showErrorList={false}
              noHtml5Validate
            />
          )}
        </section>
      )}
    </>
  )
}

function omit(config: NodeConfig, keys: readonly string[]): NodeConfig {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !keys.includes(key)))
}

function pick(config: NodeConfig, keys: readonly string[]): NodeConfig {
  return Object.fromEntries(Object.entries(config).filter(([key]) => keys.includes(key)))
}

/** RJSF reports cleared fields as undefined; the stored config leaves them out. */
function withoutEmpty(formData: unknown): Record<string, unknown> {
  if (!isRecord(formData)) return {}
  return Object.fromEntries(Object.entries(formData).filter(([, value]) => value !== undefined))
}
