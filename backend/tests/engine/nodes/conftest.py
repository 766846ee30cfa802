import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from app.engine.context import build_context
from app.engine.nodes.base import NodeContext


@pytest.fixture
def http_client() -> Iterator[httpx.Client]:
    with httpx.Client() as client:
        yield client


@pytest.fixture
def make_context(http_client: httpx.Client) -> Callable[..., NodeContext]:
    def make(
        payload: dict[str, Any] | None = None,
        nodes: dict[str, Any] | None = None,
        **overrides: Any,
    ) -> NodeContext:
        fields: dict[str, Any] = {
            "execution_id": uuid.UUID("00000000-0000-4000-8000-000000000001"),
            "node_id": "call",
            "activation": 1,
            "data": build_context(payload=payload or {}, nodes=nodes or {}, execution={"id": "x"}),
            "input": None,
            "handle_targets": {},
            "http": http_client,
            "http_default_timeout_s": 5.0,
            "http_max_response_bytes": 1_048_576,
        }
        fields.update(overrides)
        return NodeContext(**fields)

    return make
