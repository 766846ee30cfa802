import uuid

import pytest

from tests.support.workflows import Scenario, edge, node

SIMPLE = {"nodes": [node("start", "start"), node("end", "end")], "edges": [edge("start", "end")]}


def test_an_event_starts_one_execution_per_matching_active_workflow(client):
    tag = uuid.uuid4().hex
    rule = {"==": [{"var": "tag"}, tag]}
    matching = [Scenario(client, SIMPLE, trigger=rule).workflow["id"] for _ in range(2)]
    Scenario(client, SIMPLE, trigger=rule, is_active=False)
    Scenario(client, SIMPLE, trigger=None)
    Scenario(client, SIMPLE, trigger={"==": [{"var": "tag"}, "other"]})
    response = client.post("/events", json={"tag": tag})
    assert response.status_code == 202
    answer = response.json()
    assert set(answer) == {"event_id", "executions"}
    assert sorted(e["workflow_id"] for e in answer["executions"]) == sorted(matching)
    event = client.get(f"/events/{answer['event_id']}").json()
    assert set(event) >= {"id", "received_at", "payload", "execution_ids"}
    assert event["payload"] == {"tag": tag}
    assert sorted(event["execution_ids"]) == sorted(e["id"] for e in answer["executions"])


def test_an_event_that_matches_nothing_is_still_stored(client):
    answer = client.post("/events", json={"nobody": "listens"}).json()
    assert answer["executions"] == []
    assert client.get(f"/events/{answer['event_id']}").json()["execution_ids"] == []


def test_events_list_pages_newest_first(client):
    posted = [client.post("/events", json={"n": i}).json()["event_id"] for i in range(3)]
    first = client.get("/events", params={"limit": 2}).json()
    assert [e["id"] for e in first["items"]] == posted[::-1][:2]
    second = client.get("/events", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert second["items"][0]["id"] == posted[0]


def test_a_trigger_sees_the_payload_keys_and_payload(client):
    tag = uuid.uuid4().hex
    scenario = Scenario(
        client,
        SIMPLE,
        trigger={
            "and": [{"==": [{"var": "lead.title"}, "CEO"]}, {"==": [{"var": "payload.tag"}, tag]}]
        },
    )
    assert (
        client.post("/events", json={"tag": tag, "lead": {"title": "CTO"}}).json()["executions"]
        == []
    )
    started = client.post("/events", json={"tag": tag, "lead": {"title": "CEO"}}).json()[
        "executions"
    ]
    assert [e["workflow_id"] for e in started] == [scenario.workflow["id"]]


def test_the_same_idempotency_key_answers_the_first_post_and_starts_nothing(client):
    scenario = Scenario(client, SIMPLE)
    key = {"Idempotency-Key": uuid.uuid4().hex}
    first = client.post("/events", json={"scenario": scenario.tag}, headers=key)
    again = client.post("/events", json={"scenario": scenario.tag, "changed": True}, headers=key)
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    other = client.post(
        "/events", json={"scenario": scenario.tag}, headers={"Idempotency-Key": uuid.uuid4().hex}
    )
    assert other.json()["event_id"] != first.json()["event_id"]
    runs = client.get("/executions", params={"workflow_id": scenario.workflow["id"]}).json()[
        "items"
    ]
    assert len(runs) == 2


def test_an_expired_idempotency_key_starts_anew(client, monkeypatch):
    from app.core.config import settings

    scenario = Scenario(client, SIMPLE)
    key = {"Idempotency-Key": uuid.uuid4().hex}
    first = client.post("/events", json={"scenario": scenario.tag}, headers=key).json()
    monkeypatch.setattr(settings, "IDEMPOTENCY_TTL_S", 0.001)
    again = client.post("/events", json={"scenario": scenario.tag}, headers=key)
    assert again.json()["event_id"] != first["event_id"]
    assert "Idempotent-Replayed" not in again.headers


@pytest.mark.parametrize(
    ("body", "kind"), [("[1, 2]", "array"), ('"text"', "str"), ("42", "int"), ("null", "null")]
)
def test_a_non_object_event_is_refused(client, body, kind):
    response = client.post("/events", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["loc"] == ["body"]
    assert problem["msg"] == f"an event must be a JSON object, not {kind}"


@pytest.mark.parametrize("body", ["{not json", "", '{"a": NaN}', b'{"a": "\xff"}'])
def test_malformed_json_is_refused(client, body):
    response = client.post("/events", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["type"] == "json_invalid"
    assert problem["msg"].startswith("the body is not valid JSON")


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_json_event_is_accepted_whatever_its_content_type(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/events", content='{"sent": "as curl -d does"}', headers=headers)
    assert response.status_code == 202
    event = client.get(f"/events/{response.json()['event_id']}").json()
    assert event["payload"] == {"sent": "as curl -d does"}


def test_an_oversized_event_is_refused(client):
    from app.core.config import settings

    response = client.post("/events", json={"blob": "x" * settings.MAX_REQUEST_BYTES})
    assert response.status_code == 413


def test_unknown_and_malformed_event_ids(client):
    assert client.get(f"/events/{uuid.uuid4()}").status_code == 404
    assert client.get("/events/12345").status_code == 422


def test_a_bad_cursor_is_a_422(client):
    response = client.get("/events", params={"cursor": "!!!"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "cursor"]


@pytest.mark.parametrize("limit", [0, 501, "many"])
def test_limit_is_bounded(client, limit):
    assert client.get("/events", params={"limit": limit}).status_code == 422


@pytest.mark.parametrize(
    ("raw", "path"), [('{"a": "x\\u0000y"}', "payload.a"), ('{"b": ["\\ud800"]}', "payload.b[0]")]
)
def test_strings_no_database_can_store_are_refused_naming_where(client, raw, path):
    response = client.post("/events", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].startswith(path)


def test_a_trigger_that_errors_is_recorded_and_does_not_stop_the_others(client):
    tag = uuid.uuid4().hex
    same_event = {"==": [{"var": "tag"}, tag]}
    broken = Scenario(
        client,
        SIMPLE,
        trigger={"and": [same_event, {"regex": [{"var": "text"}, {"var": "pattern"}]}]},
    )
    healthy = [Scenario(client, SIMPLE, trigger=same_event) for _ in range(2)]
    answer = client.post("/events", json={"tag": tag, "text": "abc", "pattern": "(unclosed"}).json()
    assert sorted(e["workflow_id"] for e in answer["executions"]) == sorted(
        s.workflow["id"] for s in healthy
    )
    event = client.get(f"/events/{answer['event_id']}").json()
    [error] = event["trigger_errors"]
    assert error["workflow_id"] == broken.workflow["id"]
    assert "regex" in error["error"]
    assert client.get("/events", params={"limit": 1}).json()["items"][0]["trigger_errors"] == [
        error
    ]


@pytest.mark.parametrize(
    ("depth", "message"), [(100, "nested more than 64"), (100_000, "nested too deeply")]
)
def test_a_payload_nested_absurdly_deep_is_refused(client, depth, message):
    body = '{"a": ' + "[" * depth + "]" * depth + "}"
    response = client.post("/events", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert message in response.json()["detail"][0]["msg"]
