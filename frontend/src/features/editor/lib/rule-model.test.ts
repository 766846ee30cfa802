import { describe, expect, it } from 'vitest'
import { formatValueText, fromJsonLogic, parseValueText, payloadPaths, toJsonLogic } from './rule-model'

const ALL = new Set(['and', 'or', '!', '!!', '==', '!=', '>', 'in', 'startsWith', 'var'])

describe('JSONLogic <-> builder', () => {
  it.each([
    [{ '==': [{ var: 'lead.title' }, 'CEO'] }],
    [{ and: [{ '==': [{ var: 'type' }, 'lead.created'] }, { '>': [{ var: 'lead.score' }, 80] }] }],
    [{ or: [{ in: [{ var: 'lead.country' }, ['FR', 'DE']] }, { '!!': { var: 'lead.vip' } }] }],
    [{ '!': { and: [{ startsWith: [{ var: 'email' }, 'ceo@'] }, { '!=': [{ var: 'x' }, null] }] } }],
    [{ and: [{ '==': [{ var: 'a' }, 1] }, { or: [{ '==': [{ var: 'b' }, 2] }, { '==': [{ var: 'c' }, 3] }] }] }],
  ])('round-trips %j', (rule) => {
    const model = fromJsonLogic(rule, ALL)
    expect(model).not.toBeNull()
    expect(toJsonLogic(model!)).toEqual(rule)
  })

  it('reads no rule as an empty group, and writes an empty group as no rule', () => {
    const model = fromJsonLogic(null, ALL)!
    expect(model.children).toEqual([])
    expect(toJsonLogic(model)).toBeNull()
  })

  it('refuses what it cannot show: other operators, computed values, operators the server does not list', () => {
    expect(fromJsonLogic({ '+': [1, 2] }, ALL)).toBeNull()
    expect(fromJsonLogic({ '==': [{ var: 'a' }, { var: 'b' }] }, ALL)).toBeNull()
    expect(fromJsonLogic({ '==': [1, { var: 'a' }] }, ALL)).toBeNull()
    expect(fromJsonLogic(true, ALL)).toBeNull()
    expect(fromJsonLogic({ '==': [{ var: 'a' }, 1] }, new Set(['and', 'or']))).toBeNull()
  })
})

describe('values typed in the builder', () => {
  it('are JSON when they parse, text otherwise, and print back the same way', () => {
    expect(parseValueText('200')).toBe(200)
    expect(parseValueText('CEO')).toBe('CEO')
    expect(parseValueText('["FR","DE"]')).toEqual(['FR', 'DE'])
    expect(parseValueText('"200"')).toBe('200')
    for (const value of [200, 'CEO', '200', ['FR'], true, null, 'true']) {
      expect(parseValueText(formatValueText(value))).toEqual(value)
    }
  })

  it('suggest the paths of a sample payload', () => {
    expect(payloadPaths({ type: 'x', lead: { title: 'CEO', tags: ['a'] } })).toEqual(['type', 'lead', 'lead.title', 'lead.tags'])
  })
})
