import pytest

from app.engine.context import build_context
from app.engine.templating import TemplateRenderError, check_template, render, render_value


def test_context_merges_payload_keys_and_the_three_names_win():
    context = build_context(
        payload={"lead": {"title": "CEO"}, "nodes": "shadowed", "payload": 1},
        nodes={"call": {"output": {"status": 200}}},
        execution={"id": "e1"},
    )
    assert context["lead"] == {"title": "CEO"}
    assert context["nodes"] == {"call": {"output": {"status": 200}}}
    assert context["payload"] == {"lead": {"title": "CEO"}, "nodes": "shadowed", "payload": 1}
    assert context["execution"] == {"id": "e1"}


def test_render_sees_the_contract_context():
    context = build_context(
        payload={"lead": {"title": "CEO"}}, nodes={"call": {"output": {"status": 201}}}
    )
    assert (
        render("{{ payload.lead.title }}/{{ lead.title }}/{{ nodes.call.output.status }}", context)
        == "CEO/CEO/201"
    )


def test_undefined_names_are_errors_not_blanks():
    with pytest.raises(TemplateRenderError, match="nope"):
        render("hello {{ payload.nope }}", build_context(payload={}))


def test_the_sandbox_refuses_unsafe_attribute_access():
    with pytest.raises(TemplateRenderError):
        render("{{ payload.__class__.__mro__[1].__subclasses__() }}", build_context(payload={}))


def test_plain_strings_pass_through_untouched():
    assert render("no braces here", {}) == "no braces here"


def test_render_value_renders_strings_inside_json_but_not_keys():
    context = build_context(payload={"n": 3})
    assert render_value({"{{ n }}": ["{{ n }}", 4, None, {"k": "x{{ n }}"}]}, context) == {
        "{{ n }}": ["3", 4, None, {"k": "x3"}]
    }


def test_syntax_errors_are_caught_at_save_time():
    with pytest.raises(ValueError, match="invalid template"):
        check_template("{{ oops")
    assert check_template("{{ fine }}") == "{{ fine }}"
