from collections.abc import Mapping
from typing import Any


def build_context(
    *,
    payload: Any,
    nodes: Mapping[str, Any] | None = None,
    execution: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The one context that triggers, branch conditions and templates all see.

    The payload's top-level keys come first so that `{"var": "lead.title"}` works; `payload`,
    `nodes` and `execution` are set last so that they win over payload keys of the same name.
    A trigger is evaluated before any execution exists, so it sees empty `nodes` and `execution`.
    """
    context: dict[str, Any] = dict(payload) if isinstance(payload, Mapping) else {}
    context["payload"] = payload
    context["nodes"] = dict(nodes or {})
    context["execution"] = dict(execution or {})
    return context
