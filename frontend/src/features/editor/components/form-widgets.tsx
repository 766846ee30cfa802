import type { FieldProps, IconButtonProps, WidgetProps } from '@rjsf/utils'
import { useState } from 'react'
import { formatJson } from '../../../lib/format'

/** What every widget of a node's form may know: the nodes whose outputs its templates can read. */
export interface NodeFormContext {
  upstream: string[]
}

/** A Jinja2 template: a text box with the names the template can use listed under it. */
export function TemplateWidget({ id, htmlName, value, required, disabled, readonly, onChange, onBlur, onFocus, registry }: WidgetProps) {
  const { upstream } = registry.formContext as NodeFormContext
  const text = typeof value === 'string' ? value : ''
  return (
    <div className="template-field">
      <textarea
        id={id}
        name={htmlName ?? id}
        value={text}
        required={required}
        disabled={disabled || readonly}
        rows={Math.min(6, Math.max(2, text.split('\n').length))}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
        onBlur={(event) => onBlur(id, event.target.value)}
        onFocus={(event) => onFocus(id, event.target.value)}
        spellCheck={false}
      />
      <p className="template-hint">
        Template. Can use <code>{'{{ payload.… }}'}</code>
        {upstream.map((nodeId) => (
          <span key={nodeId}>
            , <code>{`{{ nodes.${nodeId}.output… }}`}</code>
          </span>
        ))}
        {upstream.length === 0 && <span className="muted"> (and the outputs of nodes connected before this one)</span>}.
      </p>
    </div>
  )
}

/**
 * A field whose schema allows any JSON value (an HTTP body, a JSONLogic condition). Text that
 * parses as JSON is stored as that value; anything else as a string, which is said under the box.
 */
export function JsonField({ fieldPathId, formData, onChange, schema, disabled, readonly }: FieldProps) {
  const [text, setText] = useState(() => (typeof formData === 'string' ? formData : formatJson(formData)))
  const storedAsText = text.trim() !== '' && typeof parseOrText(text) === 'string'
  return (
    <div className="form-group json-field">
      <label htmlFor={fieldPathId.$id}>{schema.title}</label>
      <textarea
        id={fieldPathId.$id}
        name={fieldPathId.name ?? fieldPathId.$id}
        className="mono"
        value={text}
        rows={Math.min(10, Math.max(3, text.split('\n').length))}
        disabled={disabled || readonly}
        spellCheck={false}
        onChange={(event) => {
          setText(event.target.value)
          onChange(event.target.value.trim() === '' ? undefined : parseOrText(event.target.value), fieldPathId.path)
        }}
      />
      {schema.description && <p className="field-description">{schema.description}</p>}
      {storedAsText && <p className="field-note">Not JSON: kept as text.</p>}
    </div>
  )
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** RJSF's default buttons draw Bootstrap glyphicons, which are not bundled: these use text. */
function textButton(text: string, label: string) {
  return function TextButton({ onClick, disabled, className }: IconButtonProps) {
    return (
      <button type="button" className={`button--small ${className ?? ''}`} onClick={onClick} disabled={disabled} aria-label={label} title={label}>
        {text}
      </button>
    )
  }
}

export const buttonTemplates = {
  AddButton: textButton('+ Add', 'Add'),
  CopyButton: textButton('⧉', 'Copy'),
  MoveUpButton: textButton('↑', 'Move up'),
  MoveDownButton: textButton('↓', 'Move down'),
  RemoveButton: textButton('✕', 'Remove'),
}
