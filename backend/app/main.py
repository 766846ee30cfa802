import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute

from app.api.limits import BodySizeLimit
from app.api.main import api_router
from app.core.config import settings

log = logging.getLogger(__name__)


def _operation_id(route: APIRoute) -> str:
    """Clean names for the generated TypeScript client, e.g. `workflows-list_workflows`."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    logging.basicConfig(
        level=settings.LOG_LEVEL, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if not (settings.embedded and settings.EMBEDDED_WORKER):
        yield
        return
    from app.engine.embedded import EmbeddedWorker

    worker = EmbeddedWorker()
    worker.start()
    try:
        yield
    finally:
        worker.stop()


def create_app() -> FastAPI:
    app = FastAPI(
        title="Switchyard",
        summary="Event-triggered automation: JSONLogic triggers start graphs walked by Celery.",
        version="0.1.0",
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
    )
    app.add_middleware(BodySizeLimit, max_bytes=settings.MAX_REQUEST_BYTES)
    app.include_router(api_router)
    _mount_ui(app, settings.FRONTEND_DIST)
    return app


def _mount_ui(app: FastAPI, dist: Path) -> None:
    """Serve the built editor at /ui, with every unknown /ui path answered by index.html so that
    deep links such as /ui/workflows/{id} work."""

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/")

    @app.get("/ui", include_in_schema=False)
    @app.get("/ui/{path:path}", include_in_schema=False)
    def ui(path: str = "") -> Response:
        root_dir = dist.resolve()
        candidate = (root_dir / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root_dir):
            return FileResponse(candidate)
        index = root_dir / "index.html"
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return HTMLResponse(
            "<h1>Switchyard</h1><p>The UI is not built. <code>make run</code> builds it.</p>",
            status_code=503,
        )


app = create_app()
