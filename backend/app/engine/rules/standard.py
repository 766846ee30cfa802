"""json-logic-js's operations on already evaluated arguments, as JavaScript runs them.

Each function receives the evaluated arguments of one operation in order; an argument the rule
leaves out defaults to UNDEFINED, as it is `undefined` in json-logic-js, and extra ones are ignored
as there. The bodies follow json-logic-js 2.0.5 line for line, with JavaScript's operators taken
from `javascript`. The operations that need the data or lazy arguments live in `runtime`.
"""

import logging
import math
from typing import Any

from app.engine.rules.javascript import (
    UNDEFINED,
    code_units,
    divide,
    extreme,
    from_code_units,
    is_truthy,
    join,
    less_or_equal,
    less_than,
    loose_equals,
    parse_float,
    plus,
    remainder,
    strict_equals,
    to_integer,
    to_number,
    to_string,
)

_LOGGER = logging.getLogger(__name__)


def equal(a: Any = UNDEFINED, b: Any = UNDEFINED, *_: Any) -> bool:
    return loose_equals(a, b)


def not_equal(a: Any = UNDEFINED, b: Any = UNDEFINED, *_: Any) -> bool:
    return not loose_equals(a, b)


def strict_equal(a: Any = UNDEFINED, b: Any = UNDEFINED, *_: Any) -> bool:
    return strict_equals(a, b)


def strict_not_equal(a: Any = UNDEFINED, b: Any = UNDEFINED, *_: Any) -> bool:
    return not strict_equals(a, b)


def greater(a: Any = UNDEFINED, b: Any = UNDEFINED, *_: Any) -> bool:
    """`>` takes two arguments only: json-logic-js ignores a third."""
    return less_than(b, a)


def greater_or_equal(a: Any = UNDEFINED, b: Any = UNDEFINED, *_: Any) -> bool:
    return less_or_equal(b, a)


def less(a: Any = UNDEFINED, b: Any = UNDEFINED, c: Any = UNDEFINED, *_: Any) -> bool:
    """`a < b`, or with a third argument `a < b < c` ("between, exclusive")."""
    return less_than(a, b) and (c is UNDEFINED or less_than(b, c))


def less_or_equal_to(a: Any = UNDEFINED, b: Any = UNDEFINED, c: Any = UNDEFINED, *_: Any) -> bool:
    """`a <= b`, or with a third argument `a <= b <= c` ("between, inclusive")."""
    return less_or_equal(a, b) and (c is UNDEFINED or less_or_equal(b, c))


def truthy(a: Any = UNDEFINED, *_: Any) -> bool:
    return is_truthy(a)


def falsy(a: Any = UNDEFINED, *_: Any) -> bool:
    return not is_truthy(a)


def add(*values: Any) -> float:
    """Sum of parseFloat of each argument (so "12px" counts 12 and true is NaN); 0 with none."""
    total = 0.0
    for value in values:
        total = parse_float(total) + parse_float(value)
    return total


def multiply(first: Any, *rest: Any) -> Any:
    """Product of parseFloat of each argument. With a single argument, that argument unchanged.

    json-logic-js throws on no argument at all; the compiler refuses that rule.
    """
    product = first
    for value in rest:
        product = parse_float(product) * parse_float(value)
    return product


def subtract(a: Any = UNDEFINED, b: Any = UNDEFINED, *_: Any) -> float:
    """`a - b`, or `-a` with one argument."""
    if b is UNDEFINED:
        return -to_number(a)
    return to_number(a) - to_number(b)


def quotient(a: Any = UNDEFINED, b: Any = UNDEFINED, *_: Any) -> float:
    return divide(to_number(a), to_number(b))


def modulo(a: Any = UNDEFINED, b: Any = UNDEFINED, *_: Any) -> float:
    return remainder(to_number(a), to_number(b))


def minimum(*values: Any) -> float:
    return extreme([to_number(value) for value in values], min, math.inf)


def maximum(*values: Any) -> float:
    return extreme([to_number(value) for value in values], max, -math.inf)


def contains(needle: Any = UNDEFINED, haystack: Any = UNDEFINED, *_: Any) -> bool:
    """`in`: a substring of a non-empty string (as String(needle)), or a list item by `===`."""
    if isinstance(haystack, str) and haystack:
        return code_units(to_string(needle)) in code_units(haystack)
    if isinstance(haystack, list):
        return any(strict_equals(needle, item) for item in haystack)
    return False


def concatenate(*values: Any) -> str:
    """`cat`: the arguments as strings, null and undefined as empty strings."""
    return from_code_units(join(values, ""))


def substring(
    source: Any = UNDEFINED, start: Any = UNDEFINED, end: Any = UNDEFINED, *_: Any
) -> str:
    """`substr`: JavaScript's String.prototype.substr(start, length), in UTF-16 code units.

    A negative `end` drops that many units from the end (json-logic-js's emulation of PHP).
    """
    text = code_units(to_string(source))
    if not less_than(end, 0):
        return from_code_units(_substr(text, start, end))
    tail = _substr(text, start, UNDEFINED)
    # json-logic-js computes `tail.length + end` with JavaScript's `+`: a string `end` such as "-1"
    # concatenates to "5-1", which substr reads as NaN, hence zero units.
    return from_code_units(_substr(tail, 0, plus(len(tail), end)))


def merge(*values: Any) -> list[Any]:
    """The arguments in one flat list: list arguments spread one level, others appended."""
    merged: list[Any] = []
    for value in values:
        if isinstance(value, list):
            merged.extend(value)
        else:
            merged.append(value)
    return merged


def log(a: Any = UNDEFINED, *_: Any) -> Any:
    """Logs its argument and returns it unchanged (json-logic-js prints it with console.log)."""
    _LOGGER.info("rule log: %r", a)
    return a


def _substr(units: str, start: Any, length: Any) -> str:
    """String.prototype.substr on a string of code units."""
    size = len(units)
    first = to_integer(start)
    first = max(size + first, 0) if first < 0 else min(first, size)
    count = size if length is UNDEFINED else min(max(to_integer(length), 0), size)
    return units[int(first) : int(min(first + count, size))]
