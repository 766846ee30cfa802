import pytest

from app.engine.nodes import http_call
from app.engine.nodes.base import NodeError
from tests.support.http_server import RecordingServer, Reply


def config(**data):
    return http_call.Config.model_validate(data)


def test_templates_url_headers_and_body_and_records_the_response(
    make_context, http_server: RecordingServer
):
    http_server.respond("/leads/42", Reply(201, {"ok": True}, headers=(("X-Trace", "t1"),)))
    ctx = make_context(
        payload={"lead": {"id": 42, "name": "Ada"}}, nodes={"prev": {"output": {"n": 7}}}
    )
    result = http_call.run(
        ctx,
        config(
            method="post",
            url=http_server.url("/leads/{{ payload.lead.id }}"),
            headers={"X-Name": "{{ lead.name }}"},
            body={
                "name": "{{ payload.lead.name }}",
                "count": "{{ nodes.prev.output.n }}",
                "fixed": 3,
            },
        ),
    )
    [request] = http_server.received("/leads/42")
    assert request.method == "POST"
    assert request.headers["x-name"] == "Ada"
    assert request.json() == {"name": "Ada", "count": "7", "fixed": 3}
    assert result.output["status"] == 201
    assert result.output["body"] == {"ok": True}
    assert result.output["headers"]["x-trace"] == "t1"
    assert result.output["truncated"] is False
    assert ctx.resolved_input == {
        "method": "POST",
        "url": http_server.url("/leads/42"),
        "headers": {"X-Name": "Ada", "Idempotency-Key": ctx.idempotency_key()},
        "body": {"name": "Ada", "count": "7", "fixed": 3},
    }


def test_sends_a_stable_idempotency_key_unless_the_node_sets_one(make_context, http_server):
    ctx = make_context()
    http_call.run(ctx, config(method="GET", url=http_server.url("/a")))
    http_call.run(make_context(), config(method="GET", url=http_server.url("/a")))
    http_call.run(
        make_context(),
        config(method="GET", url=http_server.url("/a"), headers={"idempotency-key": "mine"}),
    )
    keys = [request.headers.get("idempotency-key") for request in http_server.received("/a")]
    assert keys[0] == keys[1] == ctx.idempotency_key()
    assert keys[2] == "mine"
    other_node = make_context(node_id="other").idempotency_key()
    second_visit = make_context(activation=2).idempotency_key()
    assert len({keys[0], other_node, second_visit}) == 3


def test_a_string_body_is_sent_as_is(make_context, http_server):
    http_call.run(
        make_context(payload={"x": "y"}),
        config(method="PUT", url=http_server.url("/t"), body="x={{ x }}"),
    )
    assert http_server.received("/t")[0].body == b"x=y"


def test_a_non_json_response_body_is_kept_as_text(make_context, http_server):
    http_server.respond(
        "/text", Reply(200, b"plain words", headers=(("Content-Type", "text/plain"),))
    )
    result = http_call.run(make_context(), config(method="GET", url=http_server.url("/text")))
    assert result.output["body"] == "plain words"


def test_caps_the_stored_body_and_says_so(make_context, http_server):
    http_server.respond("/big", Reply(200, b"x" * 5000, headers=(("Content-Type", "text/plain"),)))
    result = http_call.run(
        make_context(http_max_response_bytes=1000),
        config(method="GET", url=http_server.url("/big")),
    )
    assert result.output["truncated"] is True
    assert result.output["body"] == "x" * 1000


@pytest.mark.parametrize("status", [400, 404, 500, 503])
def test_a_status_of_400_or_more_fails_the_step_and_keeps_the_response(
    make_context, http_server, status
):
    http_server.respond("/fail", Reply(status, {"why": "nope"}))
    with pytest.raises(NodeError, match=f"HTTP {status}") as failure:
        http_call.run(make_context(), config(method="GET", url=http_server.url("/fail")))
    assert failure.value.output["status"] == status
    assert failure.value.output["body"] == {"why": "nope"}


def test_times_out(make_context, http_server):
    http_server.respond("/slow", Reply(200, {}, delay_s=2))
    with pytest.raises(NodeError, match=r"timed out after 0\.3 s"):
        http_call.run(
            make_context(), config(method="GET", url=http_server.url("/slow"), timeout_s=0.3)
        )


def test_default_timeout_comes_from_settings(make_context, http_server):
    http_server.respond("/slow", Reply(200, {}, delay_s=2))
    with pytest.raises(NodeError, match=r"timed out after 0\.2 s"):
        http_call.run(
            make_context(http_default_timeout_s=0.2),
            config(method="GET", url=http_server.url("/slow")),
        )


def test_connection_errors_fail_the_step(make_context):
    with pytest.raises(NodeError, match="failed"):
        http_call.run(make_context(), config(method="GET", url="http://127.0.0.1:9/closed"))


def test_a_rendered_url_must_be_http(make_context):
    with pytest.raises(NodeError, match="must start with http"):
        http_call.run(
            make_context(payload={"u": "file:///etc/passwd"}), config(method="GET", url="{{ u }}")
        )


@pytest.mark.parametrize(
    "data",
    [
        {"url": "http://x"},
        {"method": "FETCH", "url": "http://x"},
        {"method": "GET", "url": ""},
        {"method": "GET", "url": "{{ broken"},
        {"method": "GET", "url": "http://x", "body": {"a": "{% if %}"}},
        {"method": "GET", "url": "http://x", "timeout_s": 0},
        {"method": "GET", "url": "http://x", "surprise": 1},
    ],
)
def test_config_is_refused_when_invalid(data):
    with pytest.raises(ValueError):
        config(**data)
