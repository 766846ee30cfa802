"""Jinja2 templates for node configuration, rendered in the sandbox with the rule context.

Templates are user input run on our workers, so they only ever see the sandboxed environment, and
an undefined name is an error (StrictUndefined) rather than a silently empty string.
"""

from collections.abc import Mapping
from functools import lru_cache
from typing import Annotated, Any

from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import AfterValidator

_environment = SandboxedEnvironment(
    undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
)


class TemplateRenderError(ValueError):
    """A template that could not be rendered; the message is meant for the user."""


def _is_template(source: str) -> bool:
    return "{{" in source or "{%" in source or "{#" in source


@lru_cache(maxsize=4096)
def _compile(source: str) -> Template:
    return _environment.from_string(source)


def check_template(source: str) -> str:
    """Pydantic validator: refuse a template whose syntax is wrong, at save time."""
    if _is_template(source):
        try:
            _compile(source)
        except TemplateError as error:
            raise ValueError(f"invalid template: {error}") from error
    return source


TemplateStr = Annotated[str, AfterValidator(check_template)]


def render(source: str, context: Mapping[str, Any]) -> str:
    if not _is_template(source):
        return source
    try:
        return _compile(source).render(context)
    except TemplateError as error:
        raise TemplateRenderError(f"template {source!r}: {error}") from error


def check_templates_in(value: Any) -> Any:
    """Pydantic validator for a JSON value whose strings are templates (an http_call body)."""
    _map_strings(value, check_template)
    return value


def render_value(value: Any, context: Mapping[str, Any]) -> Any:
    """Render every string inside a JSON value; keys and non-strings are kept as they are."""
    return _map_strings(value, lambda text: render(text, context))


def _map_strings(value: Any, apply: Any) -> Any:
    if isinstance(value, str):
        return apply(value)
    if isinstance(value, list):
        return [_map_strings(item, apply) for item in value]
    if isinstance(value, dict):
        return {key: _map_strings(item, apply) for key, item in value.items()}
    return value
