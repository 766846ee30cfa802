"""Endpoints Switchyard serves for its own demos and walkthrough, so the seed workflows work on
a machine without internet access."""

from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

router = APIRouter(prefix="/demo", tags=["demo"], include_in_schema=False)


@router.api_route("/echo", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def echo(request: Request) -> dict[str, Any]:
    """Answers with what it received: method, headers, query and body."""
    raw = await request.body()
    try:
        body: Any = await request.json() if raw else None
    except ValueError:
        body = raw.decode(errors="replace")
    return {
        "method": request.method,
        "headers": dict(request.headers),
        "query": dict(request.query_params),
        "body": body,
    }


@router.api_route("/status/{code}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
async def status(code: int = Path(ge=200, le=599)) -> JSONResponse:
    """Answers with the given HTTP status, to try error paths and retries."""
    return JSONResponse({"status": code}, status_code=code)
