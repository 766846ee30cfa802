import { JsonView } from '../../../components/JsonView'
import { StatusBadge } from '../../../components/StatusBadge'
import type { Step } from '../../../lib/api'
import { formatTime } from '../../../lib/format'

export function StepDetails({ step }: { step: Step }) {
  return (
    <section className="step-details" data-testid="step-details">
      <h3>
        <code>{step.node_id}</code> · attempt {step.attempt} <StatusBadge status={step.status} />
      </h3>
      <p className="muted small">
        Started {formatTime(step.started_at)} · finished {formatTime(step.finished_at)}
      </p>
      {step.error && (
        <>
          <h4>Error</h4>
          <pre className="json-view json-view--error" data-testid="step-error">
            {step.error}
          </pre>
        </>
      )}
      <h4>Input</h4>
      <JsonView value={step.input} testId="step-input" />
      <h4>Output</h4>
      <JsonView value={step.output} testId="step-output" />
    </section>
  )
}
