from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import text

from app.api.deps import SessionDep
from app.core.config import settings

router = APIRouter(prefix="/health", tags=["health"])


@router.get("")
def health(session: SessionDep, response: Response) -> dict[str, Any]:
    """`status` is ok when every dependency answered; each is named with its own state."""
    checks = {"database": _check(lambda: session.execute(text("SELECT 1"))), "broker": _broker()}
    healthy = all(state in ("ok", "embedded") for state in checks.values())
    if not healthy:
        response.status_code = 503
    return {"status": "ok" if healthy else "degraded", "mode": _mode(), **checks}


def _mode() -> str:
    return "embedded" if settings.embedded else "distributed"


def _broker() -> str:
    if settings.embedded:
        return "embedded"
    import redis

    client = redis.Redis.from_url(
        str(settings.REDIS_URL), socket_timeout=1, socket_connect_timeout=1
    )
    try:
        return _check(client.ping)
    finally:
        client.close()


def _check(probe: Any) -> str:
    try:
        probe()
    except Exception as error:
        return f"error: {type(error).__name__}"
    return "ok"
