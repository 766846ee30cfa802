/**
 * The visual rule builder's model and its JSONLogic form.
 *
 * The builder shows a rule as nested AND/OR groups of "field operator value" conditions, which
 * covers what most triggers need. Anything else (arithmetic, `map`, `if`...) stays editable in the
 * JSON tab: `fromJsonLogic` answers null for a rule the builder cannot show faithfully.
 */
import { isRecord } from '../../../lib/api'

export interface RuleCondition {
  kind: 'condition'
  field: string
  operator: string
  /** Unused by unary operators. */
  value: unknown
}

export interface RuleGroup {
  kind: 'group'
  combinator: 'and' | 'or'
  negated: boolean
  children: RuleItem[]
}

export type RuleItem = RuleCondition | RuleGroup

interface OperatorPresentation {
  label: string
  unary?: boolean
}

/**
 * How the builder words the operators that test one field. The builder offers those of them that
 * `GET /rules/operators` lists, in the server's order; others are left to the JSON tab.
 */
export const CONDITION_OPERATORS: Readonly<Record<string, OperatorPresentation>> = {
  '==': { label: 'equals' },
  '===': { label: 'equals (strict)' },
  '!=': { label: 'does not equal' },
  '!==': { label: 'does not equal (strict)' },
  '>': { label: 'is greater than' },
  '>=': { label: 'is at least' },
  '<': { label: 'is less than' },
  '<=': { label: 'is at most' },
  in: { label: 'is one of / is in' },
  startsWith: { label: 'starts with' },
  endsWith: { label: 'ends with' },
  regex: { label: 'matches pattern' },
  before: { label: 'is before' },
  after: { label: 'is after' },
  '!!': { label: 'is set (truthy)', unary: true },
  '!': { label: 'is empty (falsy)', unary: true },
}

export const COMBINATORS = ['and', 'or'] as const

export function emptyGroup(): RuleGroup {
  return { kind: 'group', combinator: 'and', negated: false, children: [] }
}

export function newCondition(operator: string): RuleCondition {
  return { kind: 'condition', field: '', operator, value: CONDITION_OPERATORS[operator]?.unary ? undefined : '' }
}

export function toJsonLogic(root: RuleGroup): unknown {
  if (root.children.length === 0) return null
  if (root.children.length === 1 && !root.negated && root.children[0].kind === 'condition') {
    return conditionToJsonLogic(root.children[0])
  }
  return itemToJsonLogic(root)
}

function itemToJsonLogic(item: RuleItem): unknown {
  if (item.kind === 'condition') return conditionToJsonLogic(item)
  const rule = { [item.combinator]: item.children.map(itemToJsonLogic) }
  return item.negated ? { '!': rule } : rule
}

function conditionToJsonLogic({ field, operator, value }: RuleCondition): unknown {
  const variable = { var: field }
  return CONDITION_OPERATORS[operator]?.unary ? { [operator]: variable } : { [operator]: [variable, value ?? null] }
}

/** The builder's view of a rule, or null when it uses more than the builder can show. */
export function fromJsonLogic(rule: unknown, allowed: ReadonlySet<string>): RuleGroup | null {
  if (rule === null || rule === undefined) return emptyGroup()
  const item = parseItem(rule, allowed)
  if (item === null) return null
  return item.kind === 'group' ? item : { ...emptyGroup(), children: [item] }
}

function parseItem(rule: unknown, allowed: ReadonlySet<string>): RuleItem | null {
  const operation = asOperation(rule)
  if (operation === null || !allowed.has(operation.operator)) return null
  const { operator, args } = operation
  if (operator === 'and' || operator === 'or') {
    const children = args.map((arg) => parseItem(arg, allowed))
    if (children.some((child) => child === null)) return null
    return { kind: 'group', combinator: operator, negated: false, children: children as RuleItem[] }
  }
  if (operator === '!' && args.length === 1) {
    const inner = asOperation(args[0])
    if (inner && (inner.operator === 'and' || inner.operator === 'or')) {
      const group = parseItem(args[0], allowed)
      return group?.kind === 'group' ? { ...group, negated: true } : null
    }
  }
  const presentation = CONDITION_OPERATORS[operator]
  if (!presentation) return null
  const field = fieldOf(args[0])
  if (field === null) return null
  if (presentation.unary) return args.length === 1 ? { kind: 'condition', field, operator, value: undefined } : null
  if (args.length !== 2 || containsOperation(args[1])) return null
  return { kind: 'condition', field, operator, value: args[1] }
}

/** `{op: args}` with args as a list (JSONLogic lets a single argument go unwrapped). */
function asOperation(rule: unknown): { operator: string; args: unknown[] } | null {
  if (!isRecord(rule)) return null
  const keys = Object.keys(rule)
  if (keys.length !== 1) return null
  const args = rule[keys[0]]
  return { operator: keys[0], args: Array.isArray(args) ? args : [args] }
}

function fieldOf(arg: unknown): string | null {
  const operation = asOperation(arg)
  if (operation?.operator !== 'var' || operation.args.length !== 1) return null
  return typeof operation.args[0] === 'string' ? operation.args[0] : null
}

function containsOperation(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsOperation)
  return isRecord(value)
}

// ---------------------------------------------------------------------------------------------
// Values as the user types them

/** Text typed into a value box: JSON when it parses (200, true, ["FR","DE"]), a string otherwise. */
export function parseValueText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** The inverse of `parseValueText`: strings bare unless they would read back as something else. */
export function formatValueText(value: unknown): string {
  if (value === undefined) return ''
  if (typeof value === 'string' && parseValueText(value) === value) return value
  return JSON.stringify(value)
}

/** Dotted paths into a sample payload, to suggest fields: `lead`, `lead.title`... */
export function payloadPaths(payload: unknown, prefix = '', depth = 0): string[] {
  if (!isRecord(payload) || depth > 3) return []
  return Object.entries(payload).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key
    return [path, ...payloadPaths(value, path, depth + 1)]
  })
}
