"""Evaluating stored forms with json-logic-qubit, our operators registered with add_operation.

Importing this module registers every operator of the catalog under its stored name. Evaluation
always enters through `json_logic.jsonLogic`, which walks the stored form and calls our operators;
the ones that need the data or lazy arguments (see `compiler`) are defined here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from json_logic import add_operation, jsonLogic

from app.engine.rules import extensions, standard
from app.engine.rules.catalog import OPERATORS
from app.engine.rules.compiler import compile_evaluated, deferred_rule
from app.engine.rules.errors import RuleError
from app.engine.rules.javascript import (
    UNDEFINED,
    get_property,
    is_truthy,
    less_or_equal,
    to_json,
    to_string,
)

Deferred = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Scope:
    """The data a rule is evaluated against, boxed.

    json-logic-qubit replaces falsy data (0, "", [], null) by {} before evaluating: a box is never
    falsy, so the data reaches our operators unchanged, through `{"var": ""}`, for which
    json-logic-qubit's own `var` returns the box itself.
    """

    data: Any


def evaluate(compiled: Any, data: Any) -> Any:
    """Evaluates a stored form from compile_rule against the data, as json-logic-js would the rule.

    Returns a JSON value (see `javascript.to_json`). Raises RuleError, and nothing else, where
    json-logic-js would throw, or when the data nests too deeply. The stored form is trusted, not
    validated again: give it only what compile_rule returned. Does not modify the data.
    """
    try:
        return to_json(jsonLogic(compiled, Scope(data)))
    except RecursionError:
        raise RuleError("The data nests too deeply to evaluate this rule") from None


def _run(deferred: Deferred | None, scope: Scope) -> Any:
    """The value of a deferred argument; json-logic-js evaluates a missing one as undefined."""
    return UNDEFINED if deferred is None else jsonLogic(deferred_rule(deferred), scope)


def _if(scope: Scope, *operands: Deferred) -> Any:
    for condition, outcome in zip(operands[::2], operands[1::2], strict=False):
        if is_truthy(_run(condition, scope)):
            return _run(outcome, scope)
    return _run(operands[-1], scope) if len(operands) % 2 else None


def _and(scope: Scope, *operands: Deferred) -> Any:
    return _first_of_truthiness(scope, operands, truthiness=False)


def _or(scope: Scope, *operands: Deferred) -> Any:
    return _first_of_truthiness(scope, operands, truthiness=True)


def _first_of_truthiness(scope: Scope, operands: tuple[Deferred, ...], *, truthiness: bool) -> Any:
    """The first operand whose truthiness is `truthiness`, else the last (undefined if none)."""
    value = UNDEFINED
    for operand in operands:
        value = _run(operand, scope)
        if is_truthy(value) is truthiness:
            return value
    return value


def _map(items: Any = UNDEFINED, logic: Deferred | None = None) -> list[Any]:
    if not isinstance(items, list):
        return []
    return [_run(logic, Scope(item)) for item in items]


def _filter(items: Any = UNDEFINED, logic: Deferred | None = None) -> list[Any]:
    if not isinstance(items, list):
        return []
    return [item for item in items if is_truthy(_run(logic, Scope(item)))]


def _reduce(items: Any = UNDEFINED, logic: Deferred | None = None, initial: Any = None) -> Any:
    if not isinstance(items, list):
        return initial
    accumulator = initial
    for item in items:
        accumulator = _run(logic, Scope({"current": item, "accumulator": accumulator}))
    return accumulator


def _all(items: Any = UNDEFINED, logic: Deferred | None = None) -> bool:
    """False for an empty list, as json-logic-js decides."""
    if not isinstance(items, list) or not items:
        return False
    return all(is_truthy(_run(logic, Scope(item))) for item in items)


def _some(items: Any = UNDEFINED, logic: Deferred | None = None) -> bool:
    if not isinstance(items, list):
        return False
    return any(is_truthy(_run(logic, Scope(item))) for item in items)


def _none(items: Any = UNDEFINED, logic: Deferred | None = None) -> bool:
    return not _some(items, logic)


def _var(scope: Scope, name: Any = UNDEFINED, default: Any = UNDEFINED, *_: Any) -> Any:
    """The value at a dot-separated path, or `default` (null if not given) where there is none.

    A path that reaches an existing null returns null, not the default, as in json-logic-js.
    """
    not_found = None if default is UNDEFINED else default
    if name is UNDEFINED or name is None or name == "":
        return scope.data
    value = scope.data
    for key in to_string(name).split("."):
        if value is None or value is UNDEFINED:
            return not_found
        value = get_property(value, key)
        if value is UNDEFINED:
            return not_found
    return value


def _missing(scope: Scope, *args: Any) -> list[Any]:
    """The keys whose value is null or "": the arguments, or the items of a first list argument."""
    keys = args[0] if args and isinstance(args[0], list) else args
    return [key for key in keys if _key_value(scope, key) in (None, "")]


def _missing_some(
    scope: Scope, need_count: Any = UNDEFINED, keys: Any = UNDEFINED, *_: Any
) -> list[Any]:
    """[] if at least `need_count` of the keys have a value, else the missing keys.

    json-logic-js computes this as `{"missing": keys}` re-read as a rule, then compares
    `keys.length - missing.length` with `need_count` in JavaScript; so does this.
    """
    if keys is None or keys is UNDEFINED:  # json-logic-js throws reading their length.
        raise RuleError("missing_some: the keys must be a list, not null")
    missing = _evaluated_as_rule({"missing": keys}, scope, "missing_some")
    present = standard.subtract(get_property(keys, "length"), len(missing))
    return [] if less_or_equal(need_count, present) else missing


def _key_value(scope: Scope, key: Any) -> Any:
    """What `missing` finds for a key: json-logic-js looks it up as the rule {"var": key}, so a
    list key is read as var's arguments, [path, default], and an object key runs if it is a rule."""
    if isinstance(key, list | dict):
        return _evaluated_as_rule({"var": key}, scope, "missing")
    return _var(scope, key)


def _evaluated_as_rule(value: Any, scope: Scope, operator: str) -> Any:
    try:
        compiled = compile_evaluated(value)
    except RuleError as error:
        raise RuleError(f"{operator}: its keys, read as a rule, do not compile: {error}") from None
    return jsonLogic(compiled, scope)


_IMPLEMENTATIONS: Final[dict[str, Callable[..., Any]]] = {
    "if": _if,
    "?:": _if,
    "and": _and,
    "or": _or,
    "!": standard.falsy,
    "!!": standard.truthy,
    "==": standard.equal,
    "===": standard.strict_equal,
    "!=": standard.not_equal,
    "!==": standard.strict_not_equal,
    ">": standard.greater,
    ">=": standard.greater_or_equal,
    "<": standard.less,
    "<=": standard.less_or_equal_to,
    "+": standard.add,
    "-": standard.subtract,
    "*": standard.multiply,
    "/": standard.quotient,
    "%": standard.modulo,
    "min": standard.minimum,
    "max": standard.maximum,
    "var": _var,
    "missing": _missing,
    "missing_some": _missing_some,
    "map": _map,
    "filter": _filter,
    "reduce": _reduce,
    "all": _all,
    "some": _some,
    "none": _none,
    "merge": standard.merge,
    "in": standard.contains,
    "cat": standard.concatenate,
    "substr": standard.substring,
    "startsWith": extensions.starts_with,
    "endsWith": extensions.ends_with,
    "lower": extensions.lower,
    "upper": extensions.upper,
    "length": extensions.length,
    "regex": extensions.regex,
    "before": extensions.before,
    "after": extensions.after,
    "log": standard.log,
}


def register_operations() -> None:
    """Registers every catalog operator with json-logic-qubit under its stored name.

    Runs on import of this module. Idempotent: registering again maps the same names to the same
    functions. Raises KeyError at import if an operator of the catalog has no implementation here.
    """
    for operator in OPERATORS:
        add_operation(operator.stored_name, _IMPLEMENTATIONS[operator.name])


register_operations()
