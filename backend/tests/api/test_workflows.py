import uuid

import pytest

from tests.support.workflows import Scenario, chain, edge, node, seed_graph, wait_for

SIMPLE = {"nodes": [node("start", "start"), node("end", "end")], "edges": [edge("start", "end")]}


def create(client, **fields):
    body = {"name": "wf", "graph": SIMPLE, **fields}
    response = client.post("/workflows", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_create_answers_the_contract_shape(client):
    created = create(client, description="d", trigger={"==": [{"var": "never-sent"}, 1]})
    assert set(created) == {
        "id",
        "name",
        "description",
        "is_active",
        "trigger",
        "graph",
        "version",
        "created_at",
        "updated_at",
        "last_execution",
    }
    assert created["last_execution"] is None
    assert created["version"] == 1
    assert created["is_active"] is True
    assert created["created_at"].endswith("Z")
    assert uuid.UUID(created["id"])
    assert client.get(f"/workflows/{created['id']}").json() == created


def test_ui_only_node_fields_are_dropped_on_save(client):
    graph = {
        "nodes": [
            {
                **node("start", "start"),
                "measured": {"width": 150, "height": 40},
                "selected": True,
                "dragging": False,
            }
        ],
        "edges": [],
        "viewport": {"x": 10, "y": 20, "zoom": 0.5},
    }
    stored = create(client, graph=graph)["graph"]
    assert set(stored["nodes"][0]) == {"id", "type", "position", "data"}
    assert stored["viewport"] == {"x": 10, "y": 20, "zoom": 0.5}


def test_version_counts_changes_to_graph_or_trigger_only(client):
    created = create(client)
    url = f"/workflows/{created['id']}"
    body = {"name": "renamed", "description": "new", "is_active": False, "graph": SIMPLE}
    assert client.put(url, json=body).json()["version"] == 1
    body["graph"] = {**SIMPLE, "viewport": {"x": 5, "y": 5, "zoom": 2}}
    assert client.put(url, json=body).json()["version"] == 1
    body["trigger"] = {"==": [{"var": "a"}, 1]}
    assert client.put(url, json=body).json()["version"] == 2
    body["graph"] = {"nodes": [node("start", "start")], "edges": []}
    updated = client.put(url, json=body).json()
    assert updated["version"] == 3
    assert (updated["name"], updated["is_active"]) == ("renamed", False)
    assert updated["updated_at"] > created["updated_at"]


def test_every_version_stays_readable(client):
    created = create(client)
    url = f"/workflows/{created['id']}"
    client.put(url, json={"name": "wf", "graph": {"nodes": [node("start", "start")], "edges": []}})
    first = client.get(f"{url}/versions/1").json()
    second = client.get(f"{url}/versions/2").json()
    assert [n["id"] for n in first["graph"]["nodes"]] == ["start", "end"]
    assert [n["id"] for n in second["graph"]["nodes"]] == ["start"]
    assert client.get(f"{url}/versions/3").status_code == 404


def test_list_pages_newest_first_and_filters_by_activity(client):
    marker = uuid.uuid4().hex
    made = [create(client, name=f"{marker}-{i}", is_active=i != 1)["id"] for i in range(3)]
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/workflows", params=params).json()
        seen += [w["id"] for w in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert [i for i in seen if i in made] == list(reversed(made))
    inactive = [
        w["id"]
        for w in client.get("/workflows", params={"is_active": False, "limit": 500}).json()["items"]
    ]
    assert made[1] in inactive and made[0] not in inactive


def test_delete_hides_the_workflow_but_keeps_its_executions(client):
    scenario = Scenario(client, SIMPLE)
    execution = scenario.run()
    url = f"/workflows/{scenario.workflow['id']}"
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404
    assert client.delete(url).status_code == 404
    assert client.get(f"/executions/{execution['id']}").json()["status"] == "completed"
    assert client.get(f"{url}/versions/1").status_code == 200
    assert scenario.post_event()["executions"] == []


def test_an_execution_runs_the_version_it_started_with(client, http_server):
    graph = {
        "nodes": [
            node("start", "start"),
            node("wait", "delay", ms=800),
            node("say", "send_notification", toRole="r", message="v1"),
        ],
        "edges": chain("start", "wait", "say"),
    }
    scenario = Scenario(client, graph)
    started = scenario.post_event()["executions"][0]["id"]
    wait_for(client, started, {"waiting"})
    graph["nodes"][2]["data"]["message"] = "v2"
    body = {"name": "edited", "trigger": scenario.workflow["trigger"], "graph": graph}
    assert client.put(f"/workflows/{scenario.workflow['id']}", json=body).json()["version"] == 2
    finished = wait_for(client, started)
    assert (finished["status"], finished["workflow_version"]) == ("completed", 1)
    [notification] = client.get("/notifications", params={"execution_id": started}).json()["items"]
    assert notification["message"] == "v1"


BAD_GRAPHS = {
    "no start": ({"nodes": [node("a", "end")], "edges": []}, None, "no start node"),
    "two starts": (
        {"nodes": [node("s1", "start"), node("s2", "start")], "edges": []},
        "s2",
        "second start",
    ),
    "unknown type": (
        {"nodes": [node("start", "start"), node("x", "teleport")], "edges": []},
        "x",
        "unknown node type",
    ),
    "missing node": (
        {"nodes": [node("start", "start")], "edges": [edge("start", "ghost")]},
        "start->ghost",
        "does not exist",
    ),
    "case to missing node": (
        {
            "nodes": [
                node("start", "start"),
                node("b", "branch", cases=[{"label": "y", "condition": True, "next": "zz"}]),
            ],
            "edges": [edge("start", "b")],
        },
        "b",
        "missing node 'zz'",
    ),
    "undeclared handle": (
        {
            "nodes": [node("start", "start"), node("e", "end")],
            "edges": [edge("start", "e", "error")],
        },
        "start->e",
        "no handle 'error'",
    ),
    "bad data": (
        {
            "nodes": [node("start", "start"), node("n", "send_notification", toRole="AE")],
            "edges": [edge("start", "n")],
        },
        "n",
        "message",
    ),
}


@pytest.mark.parametrize("case", BAD_GRAPHS, ids=list(BAD_GRAPHS))
def test_bad_graphs_are_refused_with_problems_naming_node_or_edge(client, case):
    graph, culprit, text = BAD_GRAPHS[case]
    response = client.post("/workflows", json={"name": "bad", "graph": graph})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert any(text in problem["msg"] for problem in detail), detail
    if culprit is not None:
        assert any(
            culprit in (problem.get("node_id"), problem.get("edge_id")) for problem in detail
        ), detail


def test_an_invalid_trigger_is_refused(client):
    response = client.post(
        "/workflows", json={"name": "bad", "graph": SIMPLE, "trigger": {"frobnicate": [1]}}
    )
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body", "trigger"]
    assert "frobnicate" in problem["msg"]


def test_a_refused_update_changes_nothing(client):
    created = create(client)
    url = f"/workflows/{created['id']}"
    response = client.put(url, json={"name": "broken", "graph": {"nodes": [], "edges": []}})
    assert response.status_code == 422
    assert client.get(url).json() == created


def test_a_graph_that_is_too_large_is_refused(client, monkeypatch):
    from app.core.config import settings

    monkeypatch.setattr(settings, "MAX_GRAPH_NODES", 5)
    graph = {
        "nodes": [node("start", "start"), *[node(f"n{i}", "end") for i in range(5)]],
        "edges": [],
    }
    response = client.post("/workflows", json={"name": "big", "graph": graph})
    assert response.status_code == 422
    assert "graph too large" in response.json()["detail"][0]["msg"]


def test_a_body_that_is_too_large_is_refused_before_parsing(client):
    from app.core.config import settings

    huge = {"name": "x", "graph": SIMPLE, "description": "x" * (settings.MAX_REQUEST_BYTES + 1)}
    response = client.post("/workflows", json=huge)
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_unknown_and_malformed_ids(client, method):
    body = {"json": {"name": "x", "graph": SIMPLE}} if method == "put" else {}
    unknown = getattr(client, method)(f"/workflows/{uuid.uuid4()}", **body)
    assert unknown.status_code == 404
    assert "not found" in unknown.json()["detail"]
    malformed = getattr(client, method)("/workflows/not-a-uuid", **body)
    assert malformed.status_code == 422
    assert malformed.json()["detail"][0]["loc"] == ["path", "workflow_id"]


def test_the_seed_example_saves_as_written(client):
    assert create(client, graph=seed_graph("https://example.invalid/post"))["version"] == 1


def test_a_workflow_with_an_unstorable_string_is_refused(client):
    response = client.post("/workflows", json={"name": "nul\u0000name", "graph": SIMPLE})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].startswith("workflow.name")


def test_a_workflow_with_nan_is_refused(client):
    start = '{"id": "start", "type": "start", "position": {"x": NaN, "y": 0}}'
    body = f'{{"name": "n", "graph": {{"nodes": [{start}], "edges": []}}}}'
    response = client.post("/workflows", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert "NaN" in response.json()["detail"][0]["msg"]


def test_a_workflow_shows_its_latest_execution(client):
    scenario = Scenario(client, SIMPLE)
    scenario.run()
    latest = scenario.run()
    url = f"/workflows/{scenario.workflow['id']}"
    shown = client.get(url).json()["last_execution"]
    assert shown["id"] == latest["id"]
    assert (shown["status"], shown["started_at"]) == ("completed", latest["started_at"])
    listed = client.get("/workflows", params={"limit": 500}).json()["items"]
    assert next(w for w in listed if w["id"] == scenario.workflow["id"])["last_execution"] == shown
