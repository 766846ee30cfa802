"""Retries, error paths, cancel/retry, fan-out and join, loops: the engine's semantics, on both
topologies (the embedded server as `make run` starts it, and API + worker + beat processes on
PostgreSQL and Redis). The crash tests for the same guarantees are in test_reliability.py."""

import time
from datetime import datetime, timedelta

import httpx
import pytest

from tests.support.http_server import Reply
from tests.support.stack import Stack
from tests.support.workflows import (
    Scenario,
    chain,
    edge,
    node,
    statuses_by_node,
    steps,
    wait_for,
)


@pytest.fixture
def client(stack: Stack) -> httpx.Client:
    return stack.client


def at(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp)


def call_node(url: str, **data) -> dict:
    return node("call", "http_call", method="POST", url=url, **data)


def notify(node_id: str, message: str = "m") -> dict:
    return node(node_id, "send_notification", toRole="ops", message=message)


def notifications(client, execution_id: str) -> list[str]:
    items = client.get("/notifications", params={"execution_id": execution_id}).json()["items"]
    return sorted(item["message"] for item in items)


def test_a_flaky_endpoint_is_retried_with_backoff(client, http_server):
    http_server.respond("/flaky", Reply(500, {"n": 1}), Reply(503, {"n": 2}))
    retry = {"max_attempts": 3, "initial_interval_s": 0.5, "backoff_coefficient": 2}
    graph = {
        "nodes": [
            node("start", "start"),
            call_node(http_server.url("/flaky"), retry=retry),
            notify("done"),
        ],
        "edges": chain("start", "call", "done"),
    }
    execution = Scenario(client, graph).run()
    assert execution["status"] == "completed"
    attempts = [s for s in steps(client, execution["id"]) if s["node_id"] == "call"]
    assert [(s["attempt"], s["status"]) for s in attempts] == [
        (1, "failed"),
        (2, "failed"),
        (3, "completed"),
    ]
    assert "HTTP 500" in attempts[0]["error"] and "HTTP 503" in attempts[1]["error"]
    assert attempts[2]["error"] is None
    first_wait = at(attempts[1]["started_at"]) - at(attempts[0]["finished_at"])
    second_wait = at(attempts[2]["started_at"]) - at(attempts[1]["finished_at"])
    assert first_wait >= timedelta(seconds=0.4)
    assert second_wait >= timedelta(seconds=0.8)
    keys = {request.headers["idempotency-key"] for request in http_server.received("/flaky")}
    assert len(http_server.received("/flaky")) == 3 and len(keys) == 1


def test_exhausted_retries_fail_the_execution_naming_node_and_attempt(client, http_server):
    http_server.respond("/down", *[Reply(500)] * 2)
    retry = {"max_attempts": 2, "initial_interval_s": 0.1}
    graph = {
        "nodes": [node("start", "start"), call_node(http_server.url("/down"), retry=retry)],
        "edges": chain("start", "call"),
    }
    execution = Scenario(client, graph).run()
    assert execution["status"] == "failed"
    assert "'call'" in execution["error"] and "attempt 2" in execution["error"]


def test_a_failure_with_an_error_edge_goes_down_it(client, http_server):
    http_server.respond("/boom", Reply(500, {"why": "db down"}))
    graph = {
        "nodes": [
            node("start", "start"),
            call_node(http_server.url("/boom")),
            notify("next"),
            notify(
                "on_error",
                "{{ nodes.call.error.node }} failed on attempt {{ nodes.call.error.attempt }}: "
                "{{ nodes.call.error.error }} ({{ nodes.call.output.body.why }})",
            ),
        ],
        "edges": [*chain("start", "call", "next"), edge("call", "on_error", "error")],
    }
    execution = Scenario(client, graph).run()
    assert execution["status"] == "completed"
    assert statuses_by_node(client, execution["id"]) == {
        "start": ["completed"],
        "call": ["failed"],
        "on_error": ["completed"],
        "next": ["skipped"],
    }
    [message] = notifications(client, execution["id"])
    assert message.startswith("call failed on attempt 1: POST")
    assert "HTTP 500" in message and message.endswith("(db down)")


def test_a_success_skips_the_error_path(client, http_server):
    graph = {
        "nodes": [
            node("start", "start"),
            call_node(http_server.url("/ok")),
            notify("next"),
            notify("on_error"),
        ],
        "edges": [*chain("start", "call", "next"), edge("call", "on_error", "error")],
    }
    execution = Scenario(client, graph).run()
    assert statuses_by_node(client, execution["id"])["on_error"] == ["skipped"]
    assert notifications(client, execution["id"]) == ["m"]


def test_cancel_during_a_delay_stops_everything(client):
    graph = {
        "nodes": [node("start", "start"), node("wait", "delay", seconds=2), notify("after")],
        "edges": chain("start", "wait", "after"),
    }
    scenario = Scenario(client, graph)
    started = scenario.post_event()["executions"][0]["id"]
    wait_for(client, started, {"waiting"})
    cancelled = client.post(f"/executions/{started}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["finished_at"] is not None
    time.sleep(2.5)  # past the delay's due time: its timer must not fire
    assert client.get(f"/executions/{started}").json()["status"] == "cancelled"
    assert statuses_by_node(client, started) == {"start": ["completed"], "wait": ["cancelled"]}
    assert client.post(f"/executions/{started}/cancel").status_code == 409


def test_a_step_in_flight_finishes_after_cancel_but_nothing_follows(client, http_server):
    http_server.respond("/slow", Reply(200, {"slow": True}, delay_s=1.5))
    graph = {
        "nodes": [node("start", "start"), call_node(http_server.url("/slow")), notify("after")],
        "edges": chain("start", "call", "after"),
    }
    started = Scenario(client, graph).post_event()["executions"][0]["id"]
    deadline = time.monotonic() + 10
    while not http_server.received("/slow"):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert client.post(f"/executions/{started}/cancel").json()["status"] == "cancelled"
    deadline = time.monotonic() + 10
    while statuses_by_node(client, started)["call"] != ["completed"]:
        assert time.monotonic() < deadline, statuses_by_node(client, started)
        time.sleep(0.05)
    time.sleep(0.3)
    assert statuses_by_node(client, started) == {"start": ["completed"], "call": ["completed"]}
    assert client.get(f"/executions/{started}").json()["status"] == "cancelled"


def test_retry_resumes_from_the_failed_step_without_starting_over(client, http_server):
    http_server.respond("/once", Reply(500, {"try": "later"}))
    graph = {
        "nodes": [
            node("start", "start"),
            notify("before"),
            call_node(http_server.url("/once")),
            notify("after"),
        ],
        "edges": chain("start", "before", "call", "after"),
    }
    scenario = Scenario(client, graph)
    failed = scenario.run()
    assert failed["status"] == "failed"
    retried = client.post(f"/executions/{failed['id']}/retry")
    assert retried.status_code == 200
    assert retried.json()["status"] == "running"
    assert retried.json()["error"] is None
    done = wait_for(client, failed["id"])
    assert done["status"] == "completed"
    history = [(s["node_id"], s["attempt"], s["status"]) for s in steps(client, failed["id"])]
    assert history == [
        ("start", 1, "completed"),
        ("before", 1, "completed"),
        ("call", 1, "failed"),
        ("call", 2, "completed"),
        ("after", 1, "completed"),
    ]
    assert notifications(client, failed["id"]) == ["m", "m"]
    assert client.post(f"/executions/{failed['id']}/retry").status_code == 409


def test_a_join_after_a_parallel_split_runs_once_after_all_inputs(client):
    graph = {
        "nodes": [
            node("start", "start"),
            notify("fast"),
            node("slow", "delay", ms=600),
            *[notify(f"p{i}") for i in range(4)],
            node("together", "join"),
            notify("after", "{{ nodes.together.output.arrived | sort | join(',') }}"),
        ],
        "edges": [
            edge("start", "fast"),
            edge("start", "slow"),
            *[edge("start", f"p{i}") for i in range(4)],
            edge("fast", "together"),
            edge("slow", "together"),
            *[edge(f"p{i}", "together") for i in range(4)],
            edge("together", "after"),
        ],
    }
    execution = Scenario(client, graph).run()
    assert execution["status"] == "completed"
    found = statuses_by_node(client, execution["id"])
    assert (found["together"], found["after"]) == (["completed"], ["completed"])
    join_step = next(s for s in steps(client, execution["id"]) if s["node_id"] == "together")
    assert at(join_step["started_at"]) >= at(
        next(s for s in steps(client, execution["id"]) if s["node_id"] == "slow")["finished_at"]
    )
    assert sorted(join_step["output"]["arrived"]) == ["fast", "p0", "p1", "p2", "p3", "slow"]
    assert "fast,p0,p1,p2,p3,slow" in notifications(client, execution["id"])


@pytest.mark.parametrize(
    ("title", "taken", "skipped"), [("CEO", "vip", "standard"), ("intern", "standard", "vip")]
)
def test_a_join_after_a_branch_does_not_wait_for_the_path_not_taken(client, title, taken, skipped):
    graph = {
        "nodes": [
            node("start", "start"),
            node(
                "route",
                "branch",
                cases=[{"label": "ceo", "condition": {"==": [{"var": "title"}, "CEO"]}}],
            ),
            notify("vip"),
            notify("standard"),
            node("merge", "join"),
            notify("after"),
        ],
        "edges": [
            edge("start", "route"),
            edge("route", "vip", "ceo"),
            edge("route", "standard", "else"),
            edge("vip", "merge"),
            edge("standard", "merge"),
            edge("merge", "after"),
        ],
    }
    execution = Scenario(client, graph).run(title=title)
    assert execution["status"] == "completed"
    found = statuses_by_node(client, execution["id"])
    assert (found[taken], found[skipped], found["merge"], found["after"]) == (
        ["completed"],
        ["skipped"],
        ["completed"],
        ["completed"],
    )
    merge = next(s for s in steps(client, execution["id"]) if s["node_id"] == "merge")
    assert merge["output"] == {"arrived": [taken], "skipped": [skipped]}


def test_a_polling_loop_revisits_nodes_until_its_condition_changes(client, http_server):
    http_server.respond(
        "/status",
        Reply(200, {"done": False}),
        Reply(200, {"done": False}),
        Reply(200, {"done": True}),
    )
    graph = {
        "nodes": [
            node("start", "start"),
            node("poll", "http_call", method="GET", url=http_server.url("/status")),
            node(
                "check",
                "branch",
                cases=[
                    {
                        "label": "pending",
                        "condition": {"!": [{"var": "nodes.poll.output.body.done"}]},
                        "next": "pause",
                    }
                ],
            ),
            node("pause", "delay", ms=100),
            notify("done"),
        ],
        "edges": [
            *chain("start", "poll", "check"),
            edge("pause", "poll"),
            edge("check", "done", "else"),
        ],
    }
    execution = Scenario(client, graph).run()
    assert execution["status"] == "completed"
    found = statuses_by_node(client, execution["id"])
    assert found["poll"] == ["completed"] * 3
    assert found["pause"] == ["completed", "completed", "skipped"]
    assert found["done"] == ["skipped", "skipped", "completed"]
    keys = [request.headers["idempotency-key"] for request in http_server.received("/status")]
    assert len(set(keys)) == 3


def test_a_branch_condition_that_errors_fails_its_step_with_the_message(client):
    condition = {"regex": [{"var": "text"}, {"var": "pattern"}]}
    graph = {
        "nodes": [
            node("start", "start"),
            node("check", "branch", cases=[{"label": "hit", "condition": condition}]),
        ],
        "edges": chain("start", "check"),
    }
    execution = Scenario(client, graph).run(text="abc", pattern="[")
    assert execution["status"] == "failed"
    check = next(s for s in steps(client, execution["id"]) if s["node_id"] == "check")
    assert check["status"] == "failed"
    assert "case 'hit'" in check["error"] and "regex" in check["error"]
    assert "'check'" in execution["error"]
