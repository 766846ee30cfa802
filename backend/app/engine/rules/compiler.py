"""Compiling a JsonLogic rule into its stored form.

The stored form is what `evaluate` runs, through json-logic-qubit's `jsonLogic` with our operators
registered, and what the database keeps with each workflow version. It is plain JSON, and the same
rule always compiles to the same stored form. It is the rule, rewritten so that json-logic-qubit
dispatches every operation to one of ours:

- an operator whose arguments are all evaluated first (`==`, `+`, `cat`, `startsWith`...) keeps its
  name, with its arguments as a list;
- `var`, `missing` and `missing_some` become `sy:var`... whose first argument is `{"var": ""}`: with
  json-logic-qubit's own `var`, that hands our operator the current data (see `runtime.Scope`);
- `if`, `?:`, `and` and `or` become `sy:if`..., with `{"var": ""}` first, then each argument
  deferred as `{"lazy": true, "rule": <argument>}`: json-logic-qubit takes only single-key objects
  for operations, so it passes that object on unevaluated, and our operator evaluates the rule when
  it needs it;
- `map`, `filter`, `reduce`, `all`, `some` and `none` become `sy:map`..., with their per-item rule
  deferred the same way. Arguments json-logic-js never evaluates are dropped.

For example `{"if": [{"var": "vip"}, "gold", "standard"]}` is stored as
`{"sy:if": [{"var": ""}, {"lazy": true, "rule": {"sy:var": [{"var": ""}, "vip"]}},
{"lazy": true, "rule": "gold"}, {"lazy": true, "rule": "standard"}]}`.
"""

import difflib
import json
import math
import re
import reprlib
from dataclasses import dataclass
from typing import Any, Final

from app.engine.rules.catalog import OPERATORS_BY_NAME, Operator, Shape, is_operation
from app.engine.rules.errors import RuleError

MAX_DEPTH: Final = 64
"""How deeply lists and objects may nest in a rule; far beyond what a person writes, and it keeps
evaluation well within Python's recursion limit."""

_IDENTIFIER: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def compile_rule(rule: Any) -> Any:
    """Validates a JsonLogic rule and returns its stored form (see the module docstring).

    Raises RuleError, with the JSON path of the culprit, for: an unknown operator, anywhere in the
    rule, even in a branch that would not run; a number of arguments json-logic-js throws on, or
    that an extension operator does not take; a literal regex pattern RE2 refuses; a null list of
    keys for missing_some; a value that is not JSON; nesting deeper than MAX_DEPTH. The rule is not
    modified.
    """
    return _Compiler(json_only=True).rule(rule, "$", 0)


def compile_evaluated(value: Any) -> Any:
    """Compiles, as a rule, a value met during evaluation: json-logic-js reads some values as rules
    again (the keys of missing and missing_some). Such a value may hold NaN or undefined."""
    return _Compiler(json_only=False).rule(value, "$", 0)


def deferred_rule(deferred: dict[str, Any]) -> Any:
    """The stored rule inside a deferred argument."""
    return deferred["rule"]


@dataclass(frozen=True)
class _Compiler:
    json_only: bool
    """Refuse values that are not JSON (compile_rule) rather than pass them through."""

    def rule(self, node: Any, path: str, depth: int) -> Any:
        _check_depth(depth, path)
        if isinstance(node, list):  # JsonLogic evaluates each item of a list.
            return [
                self.rule(item, f"{path}[{index}]", depth + 1) for index, item in enumerate(node)
            ]
        if is_operation(node):
            return self.operation(node, path, depth)
        return self.literal(node, path, depth) if self.json_only else node

    def operation(self, node: dict[Any, Any], path: str, depth: int) -> dict[str, Any]:
        ((name, raw_args),) = node.items()
        operator = OPERATORS_BY_NAME.get(name)
        if operator is None:
            raise RuleError(_unknown_operator(name, path))
        path = _member(path, str(name))
        if isinstance(raw_args, list):
            args, paths = raw_args, [f"{path}[{index}]" for index in range(len(raw_args))]
        else:  # {"op": x} is JsonLogic's shorthand for {"op": [x]}.
            args, paths = [raw_args], [path]
        _check_count(operator, len(args), path)
        if operator.check:
            operator.check(args, paths)
        compiled = [
            self.rule(arg, arg_path, depth + 1) for arg, arg_path in zip(args, paths, strict=True)
        ]
        return {operator.stored_name: _arrange(operator, compiled)}

    def literal(self, node: Any, path: str, depth: int) -> Any:
        """A JSON value taken as it is: nothing inside an object that is not an operation runs."""
        _check_depth(depth, path)
        if node is None or isinstance(node, bool | int | str):
            return node
        if isinstance(node, float) and math.isfinite(node):
            return node
        if isinstance(node, list):
            return [
                self.literal(item, f"{path}[{index}]", depth + 1) for index, item in enumerate(node)
            ]
        if isinstance(node, dict) and all(isinstance(key, str) for key in node):
            return {
                key: self.literal(item, _member(path, key), depth + 1) for key, item in node.items()
            }
        raise RuleError(f"{reprlib.repr(node)} is not a JSON value, at {path}")


def _arrange(operator: Operator, args: list[Any]) -> list[Any]:
    """The stored arguments of an operation, from its compiled ones."""
    match operator.shape:
        case Shape.EAGER:
            return args
        case Shape.READS_DATA:
            return [_current_data(), *args]
        case Shape.LAZY:
            return [_current_data(), *map(_defer, args)]
        case Shape.ITERATING:
            items, logic, rest = args[:1], args[1:2], args[2 : operator.evaluated_args]
            return [*items, *map(_defer, logic), *rest]


def _current_data() -> dict[str, str]:
    return {"var": ""}


def _defer(rule: Any) -> dict[str, Any]:
    return {"lazy": True, "rule": rule}


def _check_depth(depth: int, path: str) -> None:
    if depth > MAX_DEPTH:
        raise RuleError(f"The rule nests more than {MAX_DEPTH} levels deep, at {path}")


def _check_count(operator: Operator, count: int, path: str) -> None:
    low, high = operator.min_args, operator.max_args
    if low <= count and (high is None or count <= high):
        return
    if high is None:
        expected = f"at least {low}"
    elif low == high:
        expected = f"exactly {low}"
    else:
        expected = f"{low} to {high}"
    raise RuleError(f'"{operator.name}" takes {expected} argument(s), not {count}, at {path}')


def _unknown_operator(name: Any, path: str) -> str:
    message = f"Unknown operator {json.dumps(str(name), ensure_ascii=False)} at {path}"
    close = difflib.get_close_matches(str(name), OPERATORS_BY_NAME, n=1)
    return f'{message} (did you mean "{close[0]}"?)' if close else message


def _member(path: str, key: str) -> str:
    """The JSONPath of a member: $.lead.title, or $["=="] for keys that are not identifiers."""
    if _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
