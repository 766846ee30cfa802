"""JavaScript's value semantics, on the values a JSON parser gives Python.

json-logic-js is a thin layer over JavaScript's own operators: its `==` is JavaScript's `==`, its
`+` is `parseFloat(a) + parseFloat(b)`. This module reproduces those language rules (ECMAScript's
ToNumber, ToString, ToPrimitive, IsLooselyEqual, IsLessThan...) on None, bool, int, float, str, list
and dict, plus UNDEFINED where JavaScript would hold `undefined` (a missing argument, the result of
`{"and": []}`).

Numbers are JavaScript doubles: every int goes through `to_number` (a float) before arithmetic or a
comparison, so 2**53 + 1 behaves as in a browser. Strings are compared, searched and cut in UTF-16
code units, as JavaScript does. Lists and dicts are JavaScript objects: two of them are equal only
when they are the same object.
"""

import math
import operator
import re
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any, Final, Literal

JsType = Literal["undefined", "null", "boolean", "number", "string", "object"]


class Undefined(Enum):
    """The type of UNDEFINED (an enum so that type checkers narrow `value is UNDEFINED`)."""

    UNDEFINED = "undefined"

    def __repr__(self) -> str:
        return "undefined"


UNDEFINED: Final = Undefined.UNDEFINED
NAN: Final = math.nan

# ECMAScript's WhiteSpace and LineTerminator code points; Python's str.strip() differs slightly.
_WHITESPACE: Final = (
    "\t\n\v\f\r \u00a0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_DECIMAL: Final = r"[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
_NUMERIC_STRING: Final = re.compile(rf"{_DECIMAL}|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+")
_DECIMAL_PREFIX: Final = re.compile(_DECIMAL)
# Canonical array indices; 16 digits already exceed any list Python can hold.
_ARRAY_INDEX: Final = re.compile(r"0|[1-9][0-9]{0,15}")
_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")
_MAX_SAFE_INTEGER: Final = 2**53


def type_of(value: Any) -> JsType:
    """The JavaScript type of a value (lists and dicts are both "object")."""
    if value is UNDEFINED:
        return "undefined"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "object"


def is_truthy(value: Any) -> bool:
    """JsonLogic truthiness, as json-logic-js's `truthy`: JavaScript's, except that [] is false.

    False: false, 0, -0, NaN, "", null, undefined and []. All else is true, {} and "0" included.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str | list):
        return len(value) > 0
    return value is not None and value is not UNDEFINED


def to_number(value: Any) -> float:
    """ToNumber: what `Number(value)` gives in JavaScript (NaN for what is not a number)."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int):
        return _int_to_double(value)
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        return _string_to_number(value)
    if value is None:
        return 0.0
    if value is UNDEFINED:
        return NAN
    return _string_to_number(to_string(value))


def parse_float(value: Any) -> float:
    """`parseFloat(value)`: the longest decimal prefix of String(value), after leading white space.

    Unlike ToNumber, true is NaN, "12px" is 12 and "0x1F" is 0. json-logic-js's `+` and `*` use it.
    """
    if type_of(value) == "number":
        # The same as going through String(value), which drops the sign of -0; adding 0.0 does too.
        return to_number(value) + 0.0
    match = _DECIMAL_PREFIX.match(to_string(value).lstrip(_WHITESPACE))
    return float(match.group()) if match else NAN


def to_integer(value: Any) -> float:
    """ToIntegerOrInfinity: ToNumber truncated towards zero, NaN as 0, infinities kept."""
    number = to_number(value)
    if math.isnan(number):
        return 0.0
    return number if math.isinf(number) else float(math.trunc(number))


def to_string(value: Any) -> str:
    """ToString: what `String(value)` gives in JavaScript."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_to_string(to_number(value))
    if value is None:
        return "null"
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, list):
        return join(value, ",")
    return "[object Object]"


def join(values: Iterable[Any], separator: str) -> str:
    """`Array.prototype.join`: null and undefined items become empty strings."""
    return separator.join(
        "" if item is None or item is UNDEFINED else to_string(item) for item in values
    )


def number_to_string(number: float) -> str:
    """Number::toString: the shortest digits that read back as the same double, laid out as in JS.

    Python's repr finds the same shortest digits, but lays them out differently (1e+16 where
    JavaScript writes 10000000000000000, 1e-05 where it writes 0.00001).
    """
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number.is_integer() and abs(number) < _MAX_SAFE_INTEGER:
        return str(int(number))
    sign = "-" if number < 0 else ""
    return sign + _lay_out(*_shortest_digits(abs(number)))


def to_primitive(value: Any) -> Any:
    """ToPrimitive: lists become their joined string, dicts "[object Object]", other values stay."""
    if isinstance(value, list):
        return join(value, ",")
    return "[object Object]" if type_of(value) == "object" else value


def strict_equals(a: Any, b: Any) -> bool:
    """JavaScript's `a === b`: no coercion; lists and dicts are equal only to themselves."""
    kind = type_of(a)
    if kind != type_of(b):
        return False
    if kind == "number":
        return to_number(a) == to_number(b)
    if kind == "object":
        return a is b
    return bool(a == b)


def loose_equals(a: Any, b: Any) -> bool:
    """JavaScript's `a == b` (IsLooselyEqual): coerces across types as the language specifies."""
    kind_a, kind_b = type_of(a), type_of(b)
    if kind_a == kind_b:
        return strict_equals(a, b)
    if {kind_a, kind_b} == {"null", "undefined"}:
        return True
    if kind_a == "boolean":
        return loose_equals(to_number(a), b)
    if kind_b == "boolean":
        return loose_equals(a, to_number(b))
    if {kind_a, kind_b} == {"number", "string"}:
        return to_number(a) == to_number(b)
    if kind_a == "object" and kind_b in ("number", "string"):
        return loose_equals(to_primitive(a), b)
    if kind_b == "object" and kind_a in ("number", "string"):
        return loose_equals(a, to_primitive(b))
    return False


def less_than(a: Any, b: Any) -> bool:
    """JavaScript's `a < b`: by code units when both sides are strings, otherwise as numbers."""
    return _compare(a, b, operator.lt)


def less_or_equal(a: Any, b: Any) -> bool:
    """JavaScript's `a <= b`; like `<`, false whenever a side is NaN."""
    return _compare(a, b, operator.le)


def plus(a: Any, b: Any) -> Any:
    """JavaScript's binary `+`: concatenation if either primitive is a string, else addition."""
    left, right = to_primitive(a), to_primitive(b)
    if isinstance(left, str) or isinstance(right, str):
        return to_string(left) + to_string(right)
    return to_number(left) + to_number(right)


def divide(a: float, b: float) -> float:
    """IEEE division as JavaScript does it, where Python would raise on a zero divisor."""
    if b != 0:
        return a / b
    if a == 0 or math.isnan(a):
        return NAN
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def remainder(a: float, b: float) -> float:
    """JavaScript's `%`: truncated division, the result has the dividend's sign (-3 % 4 is -3)."""
    if math.isnan(a) or math.isnan(b) or math.isinf(a) or b == 0:
        return NAN
    return a if math.isinf(b) else math.fmod(a, b)


def extreme(numbers: list[float], pick: Callable[..., float], empty: float) -> float:
    """`Math.max`/`Math.min` over numbers: NaN if any is NaN, `empty` if there are none.

    JavaScript orders -0 below +0 here, which the sort key's second item does.
    """
    if any(math.isnan(number) for number in numbers):
        return NAN
    return pick(numbers, key=lambda number: (number, math.copysign(1.0, number)), default=empty)


def get_property(value: Any, key: str) -> Any:
    """`value[key]` on a JSON value: a dict's own keys, or a list's or string's indices and length.

    Anything else is UNDEFINED, inherited members such as "toString" included (see docs/rules.md).
    """
    if isinstance(value, dict):
        return value.get(key, UNDEFINED)
    if isinstance(value, str):
        value = code_units(value)
    if isinstance(value, list | str):
        if key == "length":
            return len(value)
        if _ARRAY_INDEX.fullmatch(key) and int(key) < len(value):
            return value[int(key)]
    return UNDEFINED


def code_units(text: str) -> str:
    """The string as JavaScript sees it: one character per UTF-16 code unit.

    Characters beyond U+FFFF become two surrogate characters, so that lengths, indices and
    comparisons on the result match JavaScript's.
    """
    return _ASTRAL.sub(_surrogate_pair, text)


def from_code_units(units: str) -> str:
    """Joins surrogate pairs back into single characters; lone surrogates stay as they are."""
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def to_json(value: Any) -> Any:
    """The value as `JSON.stringify` would write it, as a Python JSON value.

    NaN and infinities become None, as does undefined (dict entries holding it are dropped).
    Numbers that are whole and within 2**53 become ints, so 2.0 reads back as 2 and -0 as 0.
    """
    if value is UNDEFINED:
        return None
    if type_of(value) == "number":
        return _json_number(to_number(value))
    if isinstance(value, list):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items() if item is not UNDEFINED}
    return value


def _int_to_double(number: int) -> float:
    try:
        return float(number)
    except OverflowError:  # JSON.parse reads integers past the double range as Infinity.
        return math.copysign(math.inf, number)


def _string_to_number(text: str) -> float:
    text = text.strip(_WHITESPACE)
    if not text:
        return 0.0
    if not _NUMERIC_STRING.fullmatch(text):
        return NAN
    if text[:2].lower() in ("0x", "0o", "0b"):
        return _int_to_double(int(text, 0))
    return float(text)


def _shortest_digits(number: float) -> tuple[str, int]:
    """(digits, point) such that number == 0.digits * 10**point, without leading/trailing zeros."""
    mantissa, _, exponent = repr(number).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    point = len(whole) + int(exponent or 0) - (len(whole + fraction) - len(digits))
    return digits.rstrip("0"), point


def _lay_out(digits: str, point: int) -> str:
    count = len(digits)
    if count <= point <= 21:
        return digits + "0" * (point - count)
    if 0 < point <= 21:
        return f"{digits[:point]}.{digits[point:]}"
    if -6 < point <= 0:
        return "0." + "0" * -point + digits
    exponent = point - 1
    mantissa = digits if count == 1 else f"{digits[0]}.{digits[1:]}"
    return f"{mantissa}e{'+' if exponent >= 0 else '-'}{abs(exponent)}"


def _compare(a: Any, b: Any, compare: Callable[[Any, Any], bool]) -> bool:
    left, right = to_primitive(a), to_primitive(b)
    if isinstance(left, str) and isinstance(right, str):
        return compare(code_units(left), code_units(right))
    # A NaN side makes JavaScript's comparison undefined, hence false; so do Python's.
    return compare(to_number(left), to_number(right))


def _surrogate_pair(match: re.Match[str]) -> str:
    offset = ord(match.group()) - 0x10000
    return chr(0xD800 | offset >> 10) + chr(0xDC00 | offset & 0x3FF)


def _json_number(number: float) -> int | float | None:
    if not math.isfinite(number):
        return None
    if number.is_integer() and abs(number) <= _MAX_SAFE_INTEGER:
        return int(number)
    return number
