"""The distributed topology for real: API, Celery worker and beat processes on PostgreSQL+Redis."""

from datetime import datetime

from tests.support.http_server import Reply
from tests.support.workflows import (
    Scenario,
    chain,
    edge,
    node,
    seed_graph,
    statuses_by_node,
    steps,
    wait_for,
)


def test_the_seed_example_runs_through_a_real_worker(distributed, http_server):
    client = distributed.client
    scenario = Scenario(client, seed_graph(http_server.url("/post")))
    execution = scenario.run(lead={"title": "CEO"})
    assert execution["status"] == "completed", execution
    history = steps(client, execution["id"])
    assert [(s["node_id"], s["status"]) for s in history] == [
        ("start", "completed"),
        ("notify", "completed"),
        ("wait", "completed"),
        ("call", "completed"),
        ("branch", "completed"),
        ("gift", "completed"),
        ("drip", "skipped"),
    ]
    wait_step = history[2]
    waited = datetime.fromisoformat(wait_step["finished_at"]) - datetime.fromisoformat(
        wait_step["started_at"]
    )
    assert waited.total_seconds() >= 1.0
    [call] = http_server.received("/post")
    assert call.headers["idempotency-key"]
    notes = client.get("/notifications", params={"execution_id": execution["id"]}).json()["items"]
    assert sorted(n["message"] for n in notes) == ["New hot lead", "Send a gift to CEO"]
    other = scenario.run(lead={"title": "VP"})
    assert statuses_by_node(client, other["id"])["drip"] == ["completed"]


def test_a_branch_reads_the_call_status_and_follows_its_handle(distributed, http_server):
    http_server.respond("/check", Reply(202, {"queued": True}))
    graph = {
        "nodes": [
            node("start", "start"),
            node("call", "http_call", method="GET", url=http_server.url("/check")),
            node(
                "route",
                "branch",
                cases=[
                    {
                        "label": "accepted",
                        "condition": {"==": [{"var": "nodes.call.output.status"}, 202]},
                    }
                ],
            ),
            node(
                "yes",
                "send_notification",
                toRole="r",
                message="{{ nodes.call.output.body.queued }}",
            ),
            node("no", "send_notification", toRole="r", message="no"),
        ],
        "edges": [
            *chain("start", "call", "route"),
            edge("route", "yes", "accepted"),
            edge("route", "no", "else"),
        ],
    }
    execution = Scenario(distributed.client, graph).run()
    assert statuses_by_node(distributed.client, execution["id"]) == {
        "start": ["completed"],
        "call": ["completed"],
        "route": ["completed"],
        "yes": ["completed"],
        "no": ["skipped"],
    }


def test_many_events_all_complete(distributed, http_server):
    graph = {
        "nodes": [
            node("start", "start"),
            node(
                "call",
                "http_call",
                method="POST",
                url=http_server.url("/many"),
                body={"n": "{{ n }}"},
            ),
            node("wait", "delay", ms=200),
        ],
        "edges": chain("start", "call", "wait"),
    }
    scenario = Scenario(distributed.client, graph)
    started = [scenario.post_event(n=i)["executions"][0]["id"] for i in range(20)]
    finished = [wait_for(distributed.client, execution_id, timeout=60) for execution_id in started]
    assert {e["status"] for e in finished} == {"completed"}
    assert sorted(int(r.json()["n"]) for r in http_server.received("/many")) == list(range(20))


def test_health_checks_postgres_and_redis(distributed):
    assert distributed.client.get("/health").json() == {
        "status": "ok",
        "mode": "distributed",
        "database": "ok",
        "broker": "ok",
    }
