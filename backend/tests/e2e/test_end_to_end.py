"""The product end to end, on both topologies: the embedded server exactly as `make run` starts
it, and `make api` + `make worker` + `make beat` processes on PostgreSQL and Redis."""

import subprocess
import sys

from tests.support.http_server import Reply
from tests.support.stack import BACKEND_DIR, Stack
from tests.support.workflows import (
    Scenario,
    chain,
    check_seed_example,
    check_status_branch,
    node,
    statuses_by_node,
    steps,
    wait_for,
)


def test_the_seed_example_runs_start_to_gift(stack: Stack, http_server):
    check_seed_example(stack.client, http_server, "CEO")
    assert len(http_server.received("/post")) == 1


def test_the_seed_example_drips_everyone_else(stack: Stack, http_server):
    check_seed_example(stack.client, http_server, "VP")


def test_a_branch_reads_the_call_status_and_follows_its_handle(stack: Stack, http_server):
    check_status_branch(stack.client, http_server)


def test_many_events_all_complete(stack: Stack, http_server):
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
    scenario = Scenario(stack.client, graph)
    started = [scenario.post_event(n=i)["executions"][0]["id"] for i in range(20)]
    finished = [wait_for(stack.client, execution_id, timeout=60) for execution_id in started]
    assert {e["status"] for e in finished} == {"completed"}
    assert sorted(int(r.json()["n"]) for r in http_server.received("/many")) == list(range(20))


def test_health_names_each_dependency(stack: Stack):
    health = stack.client.get("/health").json()
    if stack.env["REDIS_URL"]:
        assert health == {"status": "ok", "mode": "distributed", "database": "ok", "broker": "ok"}
    else:
        assert health == {
            "status": "ok",
            "mode": "embedded",
            "database": "ok",
            "broker": "embedded",
        }


def test_the_readme_walkthrough_works_after_make_seed(stack: Stack):
    """`make seed`, then the README's curl: the seeded workflow calls Switchyard's own echo."""
    seed = [sys.executable, "-m", "app.cli", "seed"]
    seeded = subprocess.run(seed, cwd=BACKEND_DIR, env=stack.env, capture_output=True, text=True)
    assert seeded.returncode == 0, seeded.stderr
    assert "Hot lead" in seeded.stdout
    event = {"type": "lead.created", "lead": {"title": "CEO", "name": "Ada"}}
    [started] = stack.client.post("/events", json=event).json()["executions"]
    execution = wait_for(stack.client, started["id"])
    assert execution["status"] == "completed", execution
    found = statuses_by_node(stack.client, execution["id"])
    assert (found["call"], found["gift"], found["drip"]) == (
        ["completed"],
        ["completed"],
        ["skipped"],
    )
    again = subprocess.run(seed, cwd=BACKEND_DIR, env=stack.env, capture_output=True, text=True)
    assert "(version 1)" in again.stdout
    names = [
        w["name"] for w in stack.client.get("/workflows", params={"limit": 500}).json()["items"]
    ]
    assert (names.count("Hot lead"), names.count("Big order review")) == (1, 1)


def test_a_response_no_database_could_store_as_is_is_stored_cleaned(stack: Stack, http_server):
    """A NUL in text, NaN in JSON: PostgreSQL's jsonb takes neither, and the step must still be
    recorded rather than retried forever."""
    http_server.respond("/nul", Reply(200, b"a\x00b", headers=(("Content-Type", "text/plain"),)))
    http_server.respond("/nan", Reply(200, b'{"score": NaN, "ok": 1}'))
    graph = {
        "nodes": [
            node("start", "start"),
            node("text", "http_call", method="GET", url=http_server.url("/nul")),
            node("json", "http_call", method="GET", url=http_server.url("/nan")),
        ],
        "edges": chain("start", "text", "json"),
    }
    execution = Scenario(stack.client, graph).run()
    assert execution["status"] == "completed"
    by_node = {s["node_id"]: s for s in steps(stack.client, execution["id"])}
    assert by_node["text"]["output"]["body"] == "a\ufffdb"
    assert by_node["json"]["output"]["body"] == {"score": None, "ok": 1}
