def test_node_types_serve_schemas_and_handles(client):
    body = client.get("/node-types").json()
    by_type = {item["type"]: item for item in body["items"]}
    assert {"start", "send_notification", "http_call", "delay", "branch", "join", "end"} <= set(
        by_type
    )
    for item in body["items"]:
        assert set(item) >= {"type", "title", "description", "config_schema", "handles"}
        assert item["config_schema"]["type"] == "object"
    assert by_type["http_call"]["handles"] == ["default", "error"]
    assert by_type["start"]["handles"] == ["default"]
    assert by_type["end"]["handles"] == []
    assert by_type["branch"]["handles"] == ["else", "error"]
    assert "case label" in by_type["branch"]["dynamic_handles"]
    notification = by_type["send_notification"]["config_schema"]
    assert set(notification["required"]) == {"toRole", "message"}
    assert {"label", "retry"} <= set(notification["properties"])


def test_openapi_is_served(client):
    schema = client.get("/openapi.json").json()
    assert "/workflows/{workflow_id}" in schema["paths"]
    assert client.get("/docs").status_code == 200


def test_health_names_what_it_checked(client):
    body = client.get("/health").json()
    assert body == {"status": "ok", "mode": "embedded", "database": "ok", "broker": "embedded"}


def test_demo_echo_answers_what_it_received(client):
    body = client.post("/demo/echo?x=1", json={"a": 1}, headers={"X-Test": "yes"}).json()
    assert (body["method"], body["query"], body["body"], body["headers"]["x-test"]) == (
        "POST",
        {"x": "1"},
        {"a": 1},
        "yes",
    )
    assert client.get("/demo/status/503").status_code == 503


def test_the_ui_is_served_with_deep_links(client):
    from app.core.config import settings

    response = client.get("/ui/workflows/123")
    index = settings.FRONTEND_DIST / "index.html"
    if index.is_file():
        assert response.status_code == 200
        assert response.text == index.read_text()
    else:
        assert response.status_code == 503
        assert "not built" in response.text


def test_the_ui_never_serves_files_outside_its_build(client):
    for escape in (
        "/ui/..%2F..%2Fbackend%2Fapp%2Fmain.py",
        "/ui/%2e%2e/%2e%2e/backend/app/main.py",
    ):
        response = client.get(escape)
        assert "def create_app" not in response.text, escape
