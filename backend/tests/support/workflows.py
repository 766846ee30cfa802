"""Building and running workflows in tests, through the public API only."""

import itertools
import time
import uuid
from typing import Any, Protocol

TERMINAL = {"completed", "failed", "cancelled"}


class Client(Protocol):
    def get(self, url: str, **kwargs: Any) -> Any: ...
    def post(self, url: str, **kwargs: Any) -> Any: ...
    def put(self, url: str, **kwargs: Any) -> Any: ...


def node(node_id: str, node_type: str, **data: Any) -> dict[str, Any]:
    return {"id": node_id, "type": node_type, "position": {"x": 0, "y": 0}, "data": data}


def edge(source: str, target: str, handle: str | None = None) -> dict[str, Any]:
    found = {"id": f"{source}->{target}", "source": source, "target": target}
    if handle is not None:
        found["sourceHandle"] = handle
    return found


def chain(*node_ids: str) -> list[dict[str, Any]]:
    return [edge(a, b) for a, b in itertools.pairwise(node_ids)]


def seed_graph(url: str) -> dict[str, Any]:
    """The contract's seed example, calling `url`."""
    return {
        "nodes": [
            node("start", "start"),
            node("notify", "send_notification", toRole="AE", message="New hot lead"),
            node("wait", "delay", ms=1000),
            node("call", "http_call", method="POST", url=url),
            node(
                "branch",
                "branch",
                cases=[
                    {
                        "label": "CEO",
                        "condition": {"==": [{"var": "lead.title"}, "CEO"]},
                        "next": "gift",
                    },
                    {"else": True, "next": "drip"},
                ],
            ),
            node(
                "gift",
                "send_notification",
                toRole="AE",
                message="Send a gift to {{ payload.lead.title }}",
            ),
            node("drip", "send_notification", toRole="MKT", message="Add to drip"),
        ],
        "edges": chain("start", "notify", "wait", "call", "branch"),
    }


class Scenario:
    """A workflow whose trigger matches only this scenario's events, so tests sharing one
    database never start each other's workflows."""

    def __init__(self, client: Client, graph: dict[str, Any], **fields: Any) -> None:
        self.client = client
        self.tag = uuid.uuid4().hex
        body = {"name": f"test {self.tag[:8]}", "graph": graph, **fields}
        body.setdefault("trigger", {"==": [{"var": "scenario"}, self.tag]})
        response = client.post("/workflows", json=body)
        assert response.status_code == 201, response.text
        self.workflow = response.json()

    def post_event(self, **payload: Any) -> dict[str, Any]:
        response = self.client.post("/events", json={"scenario": self.tag, **payload})
        assert response.status_code == 202, response.text
        return response.json()

    def run(self, timeout: float = 30, **payload: Any) -> dict[str, Any]:
        """Post an event, expect exactly this workflow to start, and wait for the run to end."""
        answer = self.post_event(**payload)
        assert [e["workflow_id"] for e in answer["executions"]] == [self.workflow["id"]]
        return wait_for(self.client, answer["executions"][0]["id"], timeout=timeout)


def wait_for(
    client: Client, execution_id: str, statuses: set[str] = TERMINAL, timeout: float = 30
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        execution = client.get(f"/executions/{execution_id}").json()
        if execution["status"] in statuses:
            return execution
        if time.monotonic() > deadline:
            raise AssertionError(
                f"execution still {execution['status']} after {timeout} s: {execution}"
            )
        time.sleep(0.05)


def steps(client: Client, execution_id: str) -> list[dict[str, Any]]:
    response = client.get(f"/executions/{execution_id}/steps")
    assert response.status_code == 200, response.text
    return response.json()["items"]


def statuses_by_node(client: Client, execution_id: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for step in steps(client, execution_id):
        found.setdefault(step["node_id"], []).append(step["status"])
    return found
