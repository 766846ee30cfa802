"""Operators Switchyard adds to JsonLogic, on already evaluated arguments.

`startsWith` and `endsWith` are react-querybuilder's `jsonLogicAdditionalOperators`, which its
JsonLogic export emits. The others are ours; docs/rules.md documents each one. None of them ever
raises, except `regex` on an invalid pattern, which is a RuleError.
"""

import operator
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final

import re2

from app.engine.rules.errors import RuleError
from app.engine.rules.javascript import UNDEFINED, code_units, from_code_units, to_string

_RE2_OPTIONS: Final = re2.Options()
_RE2_OPTIONS.log_errors = False  # RE2 would print every invalid pattern a user types to stderr.
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def starts_with(text: Any, prefix: Any) -> bool:
    """react-querybuilder's `typeof a === "string" && a.startsWith(b)`."""
    return isinstance(text, str) and code_units(text).startswith(code_units(to_string(prefix)))


def ends_with(text: Any, suffix: Any) -> bool:
    """react-querybuilder's `typeof a === "string" && a.endsWith(b)`."""
    return isinstance(text, str) and code_units(text).endswith(code_units(to_string(suffix)))


def lower(value: Any) -> str | None:
    """The value as a lower-case string (String(value) for non-strings); null stays null."""
    return None if _is_nothing(value) else to_string(value).lower()


def upper(value: Any) -> str | None:
    """The value as an upper-case string (String(value) for non-strings); null stays null."""
    return None if _is_nothing(value) else to_string(value).upper()


def length(value: Any) -> int | None:
    """The number of items of a list, or of UTF-16 code units of a string (as JavaScript's .length).

    Null for anything else, so that a missing value is not mistaken for an empty one.
    """
    if isinstance(value, str):
        return len(code_units(value))
    return len(value) if isinstance(value, list) else None


def regex(value: Any, pattern: Any) -> bool:
    """Whether the RE2 pattern matches anywhere in the value (String(value) for non-strings).

    Null never matches. RE2 runs in time linear in the input, so no pattern can hang a worker.
    Raises RuleError when the pattern is not a string or not a valid RE2 pattern.
    """
    matcher = compile_pattern(pattern)
    return not _is_nothing(value) and matcher.search(_well_formed(to_string(value))) is not None


def compile_pattern(pattern: Any) -> Any:
    """The compiled RE2 pattern (re2 caches them); RuleError if not a string or not valid RE2."""
    if not isinstance(pattern, str):
        raise RuleError(f"regex: the pattern must be a string, not {to_string(pattern)!r}")
    try:
        return re2.compile(_well_formed(pattern), _RE2_OPTIONS)
    except re2.error as error:
        reason = error.args[0] if error.args else "not a valid pattern"
        if isinstance(reason, bytes):
            reason = reason.decode(errors="replace")
        raise RuleError(f"regex: invalid pattern {pattern!r}: {reason}") from None


def before(a: Any, b: Any) -> bool:
    """Whether the ISO 8601 instant a is strictly earlier than b; false unless both parse."""
    return _compare_instants(a, b, operator.lt)


def after(a: Any, b: Any) -> bool:
    """Whether the ISO 8601 instant a is strictly later than b; false unless both parse."""
    return _compare_instants(a, b, operator.gt)


def _compare_instants(a: Any, b: Any, compare: Callable[[datetime, datetime], bool]) -> bool:
    first, second = _instant(a), _instant(b)
    return first is not None and second is not None and compare(first, second)


def _instant(value: Any) -> datetime | None:
    """An ISO 8601 string as an aware datetime: UTC without an offset, a bare date at midnight."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _well_formed(text: str) -> str:
    """The string with lone surrogates (legal in JSON, not in UTF-8) replaced by U+FFFD, for RE2."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", from_code_units(text))


def _is_nothing(value: Any) -> bool:
    return value is None or value is UNDEFINED
