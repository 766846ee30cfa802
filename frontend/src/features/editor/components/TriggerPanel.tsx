import { useMemo, useState } from 'react'
import { JsonEditor, parseJson } from '../../../components/JsonEditor'
import { errorMessage, isRecord } from '../../../lib/api'
import { formatJson } from '../../../lib/format'
import { useEvaluateRule, useRuleOperators } from '../api/rules'
import { COMBINATORS, CONDITION_OPERATORS, emptyGroup, fromJsonLogic, payloadPaths, toJsonLogic } from '../lib/rule-model'
import { RuleBuilder } from './RuleBuilder'

interface TriggerPanelProps {
  trigger: unknown
  onChange: (trigger: unknown) => void
  samplePayload: string
  onSamplePayloadChange: (text: string) => void
  nodeIds: string[]
}

export function TriggerPanel({ trigger, onChange, samplePayload, onSamplePayloadChange, nodeIds }: TriggerPanelProps) {
  const operators = useRuleOperators()
  const builderOperators = useMemo(() => (operators.data ?? []).filter((operator) => operator.name in CONDITION_OPERATORS), [operators.data])
  const listed = useMemo(() => new Set((operators.data ?? []).map((operator) => operator.name)), [operators.data])
  const combinators = COMBINATORS.filter((combinator) => listed.has(combinator))
  const root = useMemo(() => fromJsonLogic(trigger, listed), [trigger, listed])
  // Until the user picks a tab, show the builder when it can show the rule.
  const [chosenTab, setTab] = useState<'builder' | 'json' | null>(null)
  const tab = chosenTab ?? (root === null && !operators.isPending ? 'json' : 'builder')
  const sample = parseJson(samplePayload)
  const fieldSuggestions = useMemo(
    () => [...payloadPaths(sample.ok ? sample.value : null), 'payload', ...nodeIds.map((id) => `nodes.${id}.output`)],
    // `sample` is derived from samplePayload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [samplePayload, nodeIds],
  )

  return (
    <section className="trigger-panel" data-testid="trigger-panel">
      <header className="panel-header">
        <div>
          <h3>Trigger rule</h3>
          <p className="muted small">An event starts this workflow when this JSONLogic rule is true for it.</p>
        </div>
      </header>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'builder'} onClick={() => setTab('builder')} data-testid="trigger-tab-builder">
          Builder
        </button>
        <button type="button" role="tab" aria-selected={tab === 'json'} onClick={() => setTab('json')} data-testid="trigger-tab-json">
          JSON
        </button>
      </div>
      {(trigger === null || trigger === undefined) && <p className="notice">No trigger yet: events never start this workflow.</p>}
      {tab === 'builder' ? (
        operators.isPending ? (
          <p className="muted">Loading the rule operators…</p>
        ) : builderOperators.length === 0 ? (
          <p className="notice">
            The server lists no rule operators{operators.error ? ` (${errorMessage(operators.error)})` : ''}, so the builder is unavailable. Write the rule in the JSON tab.
          </p>
        ) : root === null ? (
          <div className="notice">
            This rule uses operators the builder cannot show. Edit it in the JSON tab, or{' '}
            <button type="button" className="button--link" onClick={() => onChange(toJsonLogic(emptyGroup()))}>
              clear it
            </button>
            .
          </div>
        ) : (
          <RuleBuilder
            root={root}
            operators={builderOperators}
            combinators={combinators}
            fieldSuggestions={fieldSuggestions}
            onChange={(next) => onChange(toJsonLogic(next))}
          />
        )
      ) : (
        <RuleJsonEditor trigger={trigger} onChange={onChange} />
      )}
      <RuleTester trigger={trigger} samplePayload={samplePayload} onSamplePayloadChange={onSamplePayloadChange} />
    </section>
  )
}

/** The rule as JSON. Text that does not parse is kept in the box (with the error) but not applied. */
function RuleJsonEditor({ trigger, onChange }: { trigger: unknown; onChange: (trigger: unknown) => void }) {
  const [text, setText] = useState(() => formatJson(trigger ?? null))
  const [shown, setShown] = useState(trigger)
  if (shown !== trigger) {
    // The rule changed elsewhere (builder, undo): show it, unless the text already says the same.
    setShown(trigger)
    const current = parseJson(text)
    if (!current.ok || JSON.stringify(current.value) !== JSON.stringify(trigger ?? null)) setText(formatJson(trigger ?? null))
  }
  const parsed = text.trim() === '' ? ({ ok: true, value: null } as const) : parseJson(text)
  return (
    <div className="rule-json">
      <JsonEditor
        value={text}
        label="Trigger rule (JSONLogic)"
        testId="trigger-json"
        onChange={(next) => {
          setText(next)
          const result = next.trim() === '' ? ({ ok: true, value: null } as const) : parseJson(next)
          if (result.ok) {
            setShown(result.value)
            onChange(result.value)
          }
        }}
      />
      {!parsed.ok && (
        <p className="field-error" data-testid="trigger-json-error">
          Not valid JSON, so not applied: {parsed.error}
        </p>
      )}
    </div>
  )
}

/** Evaluates the rule on the server against a sample payload, in the context a trigger sees. */
function RuleTester({ trigger, samplePayload, onSamplePayloadChange }: { trigger: unknown; samplePayload: string; onSamplePayloadChange: (text: string) => void }) {
  const evaluate = useEvaluateRule()
  const sample = parseJson(samplePayload)
  const sampleError = !sample.ok ? sample.error : !isRecord(sample.value) ? 'The payload must be a JSON object' : null
  const request = sample.ok && isRecord(sample.value) ? { rule: trigger ?? null, payload: sample.value } : null
  // A result is shown only while the rule and payload are still the ones it was computed for.
  const current = request !== null && JSON.stringify(evaluate.variables) === JSON.stringify(request)
  const test = () => request && evaluate.mutate(request)
  return (
    <section className="panel-section rule-tester">
      <h4>Test the rule</h4>
      <JsonEditor value={samplePayload} onChange={onSamplePayloadChange} label="Sample event payload" testId="rule-test-payload" />
      {sampleError && <p className="field-error">{sampleError}</p>}
      <button type="button" onClick={test} disabled={sampleError !== null || evaluate.isPending} data-testid="test-rule">
        Test rule
      </button>
      <div data-testid="rule-test-result" aria-live="polite">
        {current && evaluate.data && (
          <p className={evaluate.data.matched ? 'result result--match' : 'result result--miss'}>
            {evaluate.data.matched ? '✓ Matches: this event would start the workflow' : '✗ No match: this event would not start it'}
            <span className="muted small"> (result: {JSON.stringify(evaluate.data.result)})</span>
          </p>
        )}
        {current && evaluate.error && <p className="result result--error">✗ {errorMessage(evaluate.error)}</p>}
      </div>
    </section>
  )
}
