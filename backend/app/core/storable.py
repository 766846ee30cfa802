"""Values every supported database can store.

PostgreSQL's text and jsonb types refuse NUL characters and unpaired UTF-16 surrogates (which
JSON's `\\u` escapes can produce), and no JSON column holds NaN or Infinity (which Python's
JSON parser accepts); a refused insert would be a 500. Input containing them is refused with a
422 naming where; output we produce ourselves (an HTTP response body, say) has such strings
replaced, since a step must always be recordable.
"""

import math
import re
from typing import Any

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def unstorable_path(value: Any, path: str = "$") -> str | None:
    """The JSON path of the first string, key or number that cannot be stored, or None."""
    if isinstance(value, str):
        return path if _UNSTORABLE.search(value) else None
    if isinstance(value, float):
        return None if math.isfinite(value) else path
    if isinstance(value, dict):
        for key, item in value.items():
            found = unstorable_path(key, f"{path}.{key!r}") or unstorable_path(
                item, f"{path}.{key}"
            )
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = unstorable_path(item, f"{path}[{index}]")
            if found:
                return found
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
