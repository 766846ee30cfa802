import json
from typing import Annotated, Any, Literal

import httpx
from pydantic import AfterValidator, BeforeValidator, Field

from app.engine.nodes.base import NodeConfig, NodeContext, NodeError, NodeType, StepResult
from app.engine.templating import TemplateStr, check_templates_in

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


class Config(NodeConfig):
    method: Annotated[Method, BeforeValidator(_upper)] = Field(description="HTTP method")
    url: TemplateStr = Field(
        min_length=1,
        max_length=8192,
        description="Template, e.g. https://api.example.com/leads/{{ payload.lead.id }}",
        json_schema_extra={"format": "template"},
    )
    headers: dict[str, TemplateStr] = Field(
        default_factory=dict, description="Header values are templates"
    )
    body: Annotated[Any, AfterValidator(check_templates_in)] = Field(
        default=None,
        description="A JSON value sent as JSON (its strings are templates), or a template string",
    )
    timeout_s: float | None = Field(
        default=None, gt=0, le=300, description="Seconds before giving up (default 10)"
    )


def run(ctx: NodeContext, config: Config) -> StepResult:
    url = ctx.render(config.url)
    if not url.startswith(("http://", "https://")):
        raise NodeError(f"url must start with http:// or https://, got {url!r}")
    headers = {name: ctx.render(value) for name, value in config.headers.items()}
    if not any(name.lower() == "idempotency-key" for name in headers):
        headers["Idempotency-Key"] = ctx.idempotency_key()
    timeout = config.timeout_s or ctx.http_default_timeout_s
    body = None if config.body is None else ctx.render(config.body)
    ctx.resolved_input = {"method": config.method, "url": url, "headers": headers}
    if body is not None:
        ctx.resolved_input["body"] = body
    request = ctx.http.build_request(
        config.method, url, headers=headers, timeout=timeout, **_body_argument(body)
    )
    described = f"{config.method} {url}"
    try:
        response = ctx.http.send(request, stream=True)
        try:
            raw, truncated = _read_capped(response, ctx.http_max_response_bytes)
        finally:
            response.close()
    except httpx.TimeoutException as error:
        raise NodeError(f"{described} timed out after {timeout:g} s") from error
    except httpx.HTTPError as error:
        raise NodeError(f"{described} failed: {error}") from error
    output = {
        "status": response.status_code,
        "headers": dict(response.headers),
        "body": _decode_body(raw, response, truncated),
        "truncated": truncated,
    }
    if response.status_code >= 400:
        raise NodeError(f"{described} answered HTTP {response.status_code}", output=output)
    return StepResult(output=output)


def _body_argument(body: Any) -> dict[str, Any]:
    """httpx's argument for a rendered body: `json` for a JSON value, `content` for text."""
    if body is None:
        return {}
    return {"content": body} if isinstance(body, str) else {"json": body}


def _read_capped(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """Read at most `limit` bytes, so a huge response can't fill the history or the worker."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], True
    return b"".join(chunks), False


def _decode_body(raw: bytes, response: httpx.Response, truncated: bool) -> Any:
    text = raw.decode(response.encoding or "utf-8", errors="replace")
    if not truncated and "json" in response.headers.get("content-type", ""):
        try:
            return json.loads(text)
        except ValueError:
            pass
    return text


NODE = NodeType(
    type="http_call",
    title="HTTP call",
    description=(
        "Calls a URL with httpx. Output {status, headers, body}; an HTTP status of 400 or more "
        "fails the step. Sends an Idempotency-Key header unless you set one."
    ),
    config=Config,
    run=run,
)
