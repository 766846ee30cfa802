import {
  COMBINATORS,
  CONDITION_OPERATORS,
  emptyGroup,
  formatValueText,
  newCondition,
  parseValueText,
  type RuleCondition,
  type RuleGroup,
  type RuleItem,
} from '../lib/rule-model'
import type { RuleOperator } from '../api/rules'

interface RuleBuilderProps {
  root: RuleGroup
  /** The condition operators the server lists, in its order. */
  operators: RuleOperator[]
  combinators: readonly (typeof COMBINATORS)[number][]
  fieldSuggestions: string[]
  onChange: (root: RuleGroup) => void
}

/** Nested AND/OR groups of "field operator value" rows; every change is written back as JSONLogic. */
export function RuleBuilder({ root, operators, combinators, fieldSuggestions, onChange }: RuleBuilderProps) {
  return (
    <div className="rule-builder" data-testid="rule-builder">
      <datalist id="rule-fields">
        {fieldSuggestions.map((path) => (
          <option key={path} value={path} />
        ))}
      </datalist>
      <GroupEditor group={root} operators={operators} combinators={combinators} onChange={onChange} />
    </div>
  )
}

interface GroupEditorProps extends Pick<RuleBuilderProps, 'operators' | 'combinators'> {
  group: RuleGroup
  onChange: (group: RuleGroup) => void
  onRemove?: () => void
}

function GroupEditor({ group, operators, combinators, onChange, onRemove }: GroupEditorProps) {
  const setChild = (index: number, child: RuleItem | null) =>
    onChange({
      ...group,
      children: child === null ? group.children.filter((_, at) => at !== index) : group.children.map((old, at) => (at === index ? child : old)),
    })
  const canNest = combinators.length > 0
  return (
    <div className="rule-group" data-testid="rule-group">
      <div className="rule-group__header">
        {group.children.length > 1 || group.negated ? (
          <label>
            Match
            <select
              aria-label="Combinator"
              value={`${group.negated ? 'not-' : ''}${group.combinator}`}
              onChange={(event) => {
                const [negated, combinator] = event.target.value.startsWith('not-')
                  ? [true, event.target.value.slice(4)]
                  : [false, event.target.value]
                onChange({ ...group, negated, combinator: combinator as RuleGroup['combinator'] })
              }}
            >
              {combinators.map((combinator) => (
                <option key={combinator} value={combinator}>
                  {combinator === 'and' ? 'all of' : 'any of'}
                </option>
              ))}
              {operators.some((operator) => operator.name === '!') &&
                combinators.map((combinator) => (
                  <option key={`not-${combinator}`} value={`not-${combinator}`}>
                    {combinator === 'and' ? 'not all of' : 'none of'}
                  </option>
                ))}
            </select>
          </label>
        ) : (
          <span className="muted small">{group.children.length === 0 ? 'No conditions' : 'Match'}</span>
        )}
        {onRemove && (
          <button type="button" className="button--ghost button--small" onClick={onRemove} aria-label="Remove group">
            ✕
          </button>
        )}
      </div>
      {group.children.map((child, index) =>
        child.kind === 'group' ? (
          <GroupEditor
            key={index}
            group={child}
            operators={operators}
            combinators={combinators}
            onChange={(next) => setChild(index, next)}
            onRemove={() => setChild(index, null)}
          />
        ) : (
          <ConditionRow key={index} condition={child} operators={operators} onChange={(next) => setChild(index, next)} onRemove={() => setChild(index, null)} />
        ),
      )}
      <div className="rule-group__actions">
        <button
          type="button"
          className="button--small"
          data-testid="add-condition"
          disabled={operators.length === 0 || (group.children.length > 0 && !canNest)}
          onClick={() => onChange({ ...group, children: [...group.children, newCondition(operators[0].name)] })}
        >
          + Condition
        </button>
        {canNest && (
          <button type="button" className="button--small button--ghost" onClick={() => onChange({ ...group, children: [...group.children, emptyGroup()] })}>
            + Group
          </button>
        )}
      </div>
    </div>
  )
}

function ConditionRow({ condition, operators, onChange, onRemove }: { condition: RuleCondition; operators: RuleOperator[]; onChange: (condition: RuleCondition) => void; onRemove: () => void }) {
  const unary = CONDITION_OPERATORS[condition.operator]?.unary ?? false
  return (
    <div className="rule-condition" data-testid="rule-condition">
      <input
        aria-label="Field"
        name="field"
        className="mono"
        list="rule-fields"
        placeholder="lead.title"
        value={condition.field}
        onChange={(event) => onChange({ ...condition, field: event.target.value })}
      />
      <select
        aria-label="Operator"
        name="operator"
        value={condition.operator}
        onChange={(event) => {
          const operator = event.target.value
          const value = CONDITION_OPERATORS[operator]?.unary ? undefined : (condition.value ?? '')
          onChange({ ...condition, operator, value })
        }}
      >
        {operators.map((operator) => (
          <option key={operator.name} value={operator.name} title={operator.description}>
            {CONDITION_OPERATORS[operator.name]?.label ?? operator.name}
          </option>
        ))}
      </select>
      {!unary && (
        <input
          aria-label="Value"
          name="value"
          className="mono"
          placeholder='CEO, 200, ["FR","DE"]'
          value={formatValueText(condition.value)}
          onChange={(event) => onChange({ ...condition, value: parseValueText(event.target.value) })}
        />
      )}
      <button type="button" className="button--ghost button--small" onClick={onRemove} aria-label="Remove condition">
        ✕
      </button>
    </div>
  )
}
