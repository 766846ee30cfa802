"""Building and running workflows in tests, through the public API only."""

import itertools
import time
import uuid
from datetime import datetime
from typing import Any, Protocol

from tests.support.http_server import Reply

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


def check_seed_example(client: Client, server: Any, title: str) -> dict[str, Any]:
    """Run the contract's seed example for a lead with `title`, calling `server`, and check the
    whole history: start → notify → wait ≥ 1 s → call → branch → gift for a CEO, drip otherwise."""
    execution = Scenario(client, seed_graph(server.url("/post"))).run(lead={"title": title})
    assert execution["status"] == "completed", execution
    assert execution["error"] is None
    taken, skipped = ("gift", "drip") if title == "CEO" else ("drip", "gift")
    history = steps(client, execution["id"])
    assert [(s["node_id"], s["status"], s["attempt"]) for s in history] == [
        ("start", "completed", 1),
        ("notify", "completed", 1),
        ("wait", "completed", 1),
        ("call", "completed", 1),
        ("branch", "completed", 1),
        (skipped, "skipped", 1),
        (taken, "completed", 1),
    ]
    by_node = {s["node_id"]: s for s in history}
    waited = datetime.fromisoformat(by_node["wait"]["finished_at"]) - datetime.fromisoformat(
        by_node["wait"]["started_at"]
    )
    assert waited.total_seconds() >= 1.0
    assert by_node["notify"]["input"] == {"toRole": "AE", "message": "New hot lead"}
    assert by_node["call"]["output"]["status"] == 200
    assert by_node["call"]["input"]["url"] == server.url("/post")
    selected = "CEO" if title == "CEO" else "else"
    assert by_node["branch"]["output"] == {"selected": selected, "next": taken}
    calls = server.received("/post")
    sent_key = by_node["call"]["input"]["headers"]["Idempotency-Key"]
    assert calls and all(c.method == "POST" for c in calls)
    assert sent_key in {c.headers["idempotency-key"] for c in calls}
    notes = client.get("/notifications", params={"execution_id": execution["id"]}).json()["items"]
    expected = {"notify": "New hot lead", "gift": f"Send a gift to {title}", "drip": "Add to drip"}
    assert {n["node_id"]: n["message"] for n in notes} == {
        node_id: expected[node_id] for node_id in ("notify", taken)
    }
    return execution


def _status_is(code: int) -> dict[str, Any]:
    return {"==": [{"var": "nodes.call.output.status"}, code]}


def check_status_branch(client: Client, server: Any) -> None:
    """A branch reading `nodes.call.output.status` follows the edge whose `sourceHandle` is the
    matching case's label, and the paths it did not take are skipped."""
    server.respond("/created", Reply(201, {"id": 9}))
    graph = {
        "nodes": [
            node("start", "start"),
            node(
                "call",
                "http_call",
                method="POST",
                url=server.url("/created"),
                body={"who": "{{ who }}"},
            ),
            node(
                "check",
                "branch",
                cases=[
                    {"label": "ok", "condition": _status_is(200)},
                    {"label": "created", "condition": _status_is(201)},
                ],
            ),
            node("on_ok", "send_notification", toRole="r", message="ok"),
            node(
                "on_created",
                "send_notification",
                toRole="r",
                message="made {{ nodes.call.output.body.id }}",
            ),
            node("on_else", "send_notification", toRole="r", message="else"),
        ],
        "edges": [
            *chain("start", "call", "check"),
            edge("check", "on_ok", "ok"),
            edge("check", "on_created", "created"),
            edge("check", "on_else", "else"),
        ],
    }
    execution = Scenario(client, graph).run(who="ada")
    assert statuses_by_node(client, execution["id"]) == {
        "start": ["completed"],
        "call": ["completed"],
        "check": ["completed"],
        "on_created": ["completed"],
        "on_ok": ["skipped"],
        "on_else": ["skipped"],
    }
    assert server.received("/created")[0].json() == {"who": "ada"}
    notes = client.get("/notifications", params={"execution_id": execution["id"]}).json()["items"]
    assert [note["message"] for note in notes] == ["made 9"]
