from datetime import UTC, datetime, timedelta

import pytest

from app.engine.nodes import NODE_TYPES, REGISTRY, branch, delay, join, send_notification, start
from app.engine.nodes.base import NodeError, RetryPolicy
from app.engine.templating import TemplateRenderError


def test_registry_types_are_unique_and_complete():
    types = [node.type for node in NODE_TYPES]
    assert len(types) == len(set(types))
    assert {"start", "send_notification", "http_call", "delay", "branch", "end", "join"} <= set(
        REGISTRY
    )


def test_every_config_schema_is_a_json_schema_with_a_title():
    for node in NODE_TYPES:
        schema = node.config_schema()
        assert schema["type"] == "object"
        assert schema["title"] == node.title
        assert schema["additionalProperties"] is False


def test_send_notification_renders_and_buffers_one_notification(make_context):
    ctx = make_context(payload={"lead": {"title": "CEO"}})
    result = send_notification.run(
        ctx, send_notification.Config(toRole="AE", message="Gift for {{ payload.lead.title }}")
    )
    [notification] = ctx.notifications
    assert (notification.to_role, notification.message) == ("AE", "Gift for CEO")
    assert result.output == {
        "notification_id": str(notification.id),
        "to_role": "AE",
        "message": "Gift for CEO",
    }


def test_send_notification_with_an_undefined_name_fails_loudly(make_context):
    with pytest.raises(TemplateRenderError, match="missing"):
        send_notification.run(
            make_context(),
            send_notification.Config(toRole="AE", message="{{ payload.missing.deep }}"),
        )


@pytest.mark.parametrize(
    ("data", "seconds"),
    [
        ({"ms": 1500}, 1.5),
        ({"seconds": 2}, 2),
        ({"minutes": 1.5}, 90),
        ({"hours": 2}, 7200),
        ({"days": 1}, 86400),
    ],
)
def test_delay_returns_a_due_time_and_never_sleeps(make_context, data, seconds):
    before = datetime.now(UTC)
    result = delay.run(make_context(), delay.Config.model_validate(data))
    assert (
        before + timedelta(seconds=seconds)
        <= result.wait_until
        <= datetime.now(UTC) + timedelta(seconds=seconds)
    )
    assert result.output == {"until": result.wait_until.isoformat()}


def test_delay_until_accepts_a_template_and_defaults_to_utc(make_context):
    result = delay.run(
        make_context(payload={"at": "2031-05-01T10:00:00"}), delay.Config(until="{{ at }}")
    )
    assert result.wait_until == datetime(2031, 5, 1, 10, tzinfo=UTC)


def test_delay_until_that_does_not_parse_at_run_time_fails_the_step(make_context):
    with pytest.raises(NodeError, match="ISO 8601"):
        delay.run(make_context(payload={"at": "next tuesday"}), delay.Config(until="{{ at }}"))


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"ms": 1, "seconds": 1},
        {"until": "not a date"},
        {"ms": -1},
        {"days": 4000},
        {"ms": 10**30},
        {"seconds": float("inf")},
        {"hours": float("nan")},
    ],
)
def test_delay_config_needs_exactly_one_sensible_setting(data):
    with pytest.raises(ValueError):
        delay.Config.model_validate(data)


def _branch(*cases):
    return branch.Config.model_validate({"cases": list(cases)})


CEO = {"label": "CEO", "condition": {"==": [{"var": "lead.title"}, "CEO"]}}


def test_branch_picks_the_first_truthy_case_and_reports_where_it_goes(make_context):
    config = _branch(CEO, {"label": "any", "condition": True}, {"else": True, "next": "drip"})
    ctx = make_context(payload={"lead": {"title": "CEO"}}, handle_targets={"CEO": ("gift",)})
    result = branch.run(ctx, config)
    assert (result.handle, result.next_node) == ("CEO", None)
    assert result.output == {"selected": "CEO", "next": "gift"}


def test_branch_falls_to_else_and_its_next(make_context):
    result = branch.run(
        make_context(payload={"lead": {"title": "CTO"}}),
        _branch(CEO, {"else": True, "next": "drip"}),
    )
    assert (result.handle, result.next_node, result.output) == (
        "else",
        "drip",
        {"selected": "else", "next": "drip"},
    )


def test_branch_without_an_else_case_leaves_by_the_else_handle(make_context):
    ctx = make_context(payload={}, handle_targets={"else": ("fallback",)})
    result = branch.run(ctx, _branch(CEO))
    assert (result.handle, result.output["next"]) == ("else", "fallback")


def test_branch_reads_node_outputs(make_context):
    ok = {"label": "ok", "condition": {"==": [{"var": "nodes.call.output.status"}, 200]}}
    result = branch.run(make_context(nodes={"call": {"output": {"status": 200}}}), _branch(ok))
    assert result.handle == "ok"


@pytest.mark.parametrize(
    "cases",
    [
        [],
        [{"label": "a", "condition": True}, {"label": "a", "condition": False}],
        [{"else": True}, {"label": "a", "condition": True}],
        [{"label": "else", "condition": True}],
        [{"label": "error", "condition": True}],
        [{"condition": True}],
        [{"label": "a"}],
        [{"else": True, "condition": True}],
    ],
)
def test_branch_config_is_refused_when_ambiguous(cases):
    with pytest.raises(ValueError):
        _branch(*cases)


def test_branch_handles_are_the_labels_plus_else_plus_error():
    config = _branch(CEO, {"label": "VP", "condition": True}, {"else": True})
    assert branch.NODE.output_handles(config) == ("CEO", "VP", "else", "error")
    assert branch.NODE.output_handles(None) == ("else", "error")


def test_start_and_join_cannot_fail_and_declare_no_error_handle():
    assert start.NODE.output_handles(None) == ("default",)
    assert join.NODE.output_handles(None) == ("default",)
    assert REGISTRY["end"].output_handles(None) == ()


def test_retry_backoff_grows_is_capped_and_jittered():
    import random

    policy = RetryPolicy(
        max_attempts=5, initial_interval_s=1, backoff_coefficient=2, max_interval_s=5
    )
    rng = random.Random(7)
    waits = [policy.delay_after(attempt, rng) for attempt in (1, 2, 3, 4)]
    assert 0.8 <= waits[0] <= 1.2
    assert 1.6 <= waits[1] <= 2.4
    assert 3.2 <= waits[2] <= 4.8
    assert waits[3] == 5
    assert len({policy.delay_after(1, rng) for _ in range(5)}) > 1


def test_the_largest_retry_policy_still_computes_a_finite_wait():
    policy = RetryPolicy(
        max_attempts=100,
        initial_interval_s=86_400,
        backoff_coefficient=10,
        max_interval_s=30 * 86_400,
    )
    assert policy.delay_after(99) == 30 * 86_400
    with pytest.raises(ValueError):
        RetryPolicy(backoff_coefficient=1e300)
