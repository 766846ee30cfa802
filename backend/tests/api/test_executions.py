"""The engine end to end in embedded mode: the in-process Celery worker walks real graphs."""

import uuid

from tests.support.http_server import Reply
from tests.support.workflows import (
    Scenario,
    chain,
    check_seed_example,
    check_status_branch,
    edge,
    node,
    statuses_by_node,
    steps,
    wait_for,
)


def test_the_seed_example_takes_the_ceo_path(client, http_server):
    check_seed_example(client, http_server, "CEO")
    assert len(http_server.received("/post")) == 1


def test_the_seed_example_drips_everyone_else(client, http_server):
    check_seed_example(client, http_server, "Intern")


def test_the_execution_waits_during_a_delay(client):
    graph = {
        "nodes": [node("start", "start"), node("wait", "delay", seconds=1), node("end", "end")],
        "edges": chain("start", "wait", "end"),
    }
    scenario = Scenario(client, graph)
    started = scenario.post_event()["executions"][0]["id"]
    assert wait_for(client, started, {"waiting"})["status"] == "waiting"
    wait_step = next(s for s in steps(client, started) if s["node_id"] == "wait")
    assert wait_step["status"] == "waiting"
    assert wait_for(client, started)["status"] == "completed"


def test_a_branch_on_the_call_status_follows_the_matching_source_handle(client, http_server):
    check_status_branch(client, http_server)


def test_a_failing_call_fails_the_execution_naming_the_node(client, http_server):
    http_server.respond("/boom", Reply(500, {"error": "down"}))
    graph = {
        "nodes": [
            node("start", "start"),
            node("call", "http_call", method="GET", url=http_server.url("/boom")),
            node("after", "end"),
        ],
        "edges": chain("start", "call", "after"),
    }
    execution = Scenario(client, graph).run()
    assert execution["status"] == "failed"
    assert "'call'" in execution["error"] and "HTTP 500" in execution["error"]
    call = next(s for s in steps(client, execution["id"]) if s["node_id"] == "call")
    assert (call["status"], call["output"]["status"], call["output"]["body"]) == (
        "failed",
        500,
        {"error": "down"},
    )
    assert "HTTP 500" in call["error"]
    assert "after" not in statuses_by_node(client, execution["id"])


def test_a_template_error_fails_the_step_with_its_message(client):
    graph = {
        "nodes": [
            node("start", "start"),
            node("say", "send_notification", toRole="r", message="{{ payload.nothing.here }}"),
        ],
        "edges": chain("start", "say"),
    }
    execution = Scenario(client, graph).run()
    assert execution["status"] == "failed"
    assert "'say'" in execution["error"] and "nothing" in execution["error"]


def test_parallel_paths_all_run(client):
    graph = {
        "nodes": [
            node("start", "start"),
            *[node(n, "send_notification", toRole="r", message=n) for n in ("a", "b", "c")],
        ],
        "edges": [edge("start", "a"), edge("start", "b"), edge("start", "c")],
    }
    execution = Scenario(client, graph).run()
    assert execution["status"] == "completed"
    assert sorted(
        n["message"]
        for n in client.get("/notifications", params={"execution_id": execution["id"]}).json()[
            "items"
        ]
    ) == ["a", "b", "c"]


def test_unreachable_draft_nodes_never_run(client):
    graph = {
        "nodes": [
            node("start", "start"),
            node("draft", "send_notification", toRole="r", message="m"),
        ],
        "edges": [],
    }
    execution = Scenario(client, graph).run()
    assert execution["status"] == "completed"
    assert statuses_by_node(client, execution["id"]) == {"start": ["completed"]}


def test_execution_list_filters_and_pages(client):
    graph = {"nodes": [node("start", "start")], "edges": []}
    scenario = Scenario(client, graph)
    runs = [scenario.run()["id"] for _ in range(3)]
    listed = client.get(
        "/executions", params={"workflow_id": scenario.workflow["id"], "limit": 2}
    ).json()
    assert [e["id"] for e in listed["items"]] == runs[::-1][:2]
    rest = client.get(
        "/executions",
        params={"workflow_id": scenario.workflow["id"], "cursor": listed["next_cursor"]},
    ).json()
    assert [e["id"] for e in rest["items"]] == [runs[0]]
    assert rest["next_cursor"] is None
    completed = client.get(
        "/executions", params={"workflow_id": scenario.workflow["id"], "status": "completed"}
    ).json()
    assert len(completed["items"]) == 3
    failed = client.get(
        "/executions", params={"workflow_id": scenario.workflow["id"], "status": "failed"}
    ).json()
    assert failed["items"] == []
    assert client.get("/executions", params={"status": "sleeping"}).status_code == 422


def test_execution_shape_and_unknown_ids(client):
    execution = Scenario(client, {"nodes": [node("start", "start")], "edges": []}).run()
    assert set(execution) == {
        "id",
        "workflow_id",
        "workflow_version",
        "event_id",
        "status",
        "started_at",
        "finished_at",
        "error",
    }
    [step] = steps(client, execution["id"])
    assert set(step) == {
        "id",
        "node_id",
        "node_type",
        "status",
        "attempt",
        "input",
        "output",
        "error",
        "started_at",
        "finished_at",
    }
    for path in ("", "/steps"):
        assert client.get(f"/executions/{uuid.uuid4()}{path}").status_code == 404
        assert client.get(f"/executions/nope{path}").status_code == 422


def test_cancel_and_retry_answer_409_in_the_wrong_state(client):
    execution = Scenario(client, {"nodes": [node("start", "start")], "edges": []}).run()
    for action in ("cancel", "retry"):
        response = client.post(f"/executions/{execution['id']}/{action}")
        assert response.status_code == 409
        assert "completed" in response.json()["detail"]
        assert client.post(f"/executions/{uuid.uuid4()}/{action}").status_code == 404


def test_a_loop_is_stopped_by_the_step_limit(client, monkeypatch):
    from app.core.config import settings

    monkeypatch.setattr(settings, "MAX_STEPS_PER_EXECUTION", 15)
    forever = {"label": "forever", "condition": True, "next": "again"}
    graph = {
        "nodes": [
            node("start", "start"),
            node("again", "send_notification", toRole="r", message="m"),
            node("loop", "branch", cases=[forever]),
        ],
        "edges": chain("start", "again", "loop"),
    }
    execution = Scenario(client, graph).run()
    assert execution["status"] == "failed"
    assert "limit of 15 steps" in execution["error"]
    assert len(steps(client, execution["id"])) == 15
