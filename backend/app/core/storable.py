"""Values every supported database can store.

PostgreSQL's text and jsonb types refuse NUL characters and unpaired UTF-16 surrogates (which
JSON's `\\u` escapes can produce), and no JSON column holds NaN or Infinity (which Python's
JSON parser accepts); a refused insert would be a 500. So would a value nested so deeply that
serialising it overflows the stack. Input with any of these is refused with a 422 naming where;
output we produce ourselves (an HTTP response body, say) has such strings and numbers replaced,
since a step must always be recordable.
"""

import math
import re
from typing import Any

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"
# Far deeper than any real payload, far shallower than Python's recursion limit.
MAX_DEPTH = 64


def unstorable_reason(value: Any, path: str = "$") -> tuple[str, str] | None:
    """(path, reason) for the first part of `value` that cannot be stored, or None."""
    pending: list[tuple[Any, str, int]] = [(value, path, 0)]
    while pending:
        item, where, depth = pending.pop()
        if depth > MAX_DEPTH:
            return where, f"is nested more than {MAX_DEPTH} levels deep"
        if isinstance(item, str) and _UNSTORABLE.search(item):
            return where, "contains a NUL character or an unpaired UTF-16 surrogate"
        if isinstance(item, float) and not math.isfinite(item):
            return where, "is NaN or Infinity, which JSON cannot carry"
        if isinstance(item, dict):
            for key, child in reversed(item.items()):
                pending.append((child, f"{where}.{key}", depth + 1))
                pending.append((key, f"{where}.{key!r}", depth + 1))
        elif isinstance(item, list):
            pending.extend(
                (child, f"{where}[{i}]", depth + 1) for i, child in reversed(list(enumerate(item)))
            )
    return None


def make_storable(value: Any) -> Any:
    """`value` with every NUL and unpaired surrogate replaced by U+FFFD, and NaN or Infinity
    (as a JSON response may carry) by null."""
    if isinstance(value, str):
        return _UNSTORABLE.sub(REPLACEMENT, value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {make_storable(key): make_storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [make_storable(item) for item in value]
    return value
