"""`python -m app.cli <command>`: what the Makefile's targets run.

Going through Python rather than calling uvicorn and celery directly means every command reads
the same settings, `.env` included.
"""

import argparse
import sys
from pathlib import Path

from app.core.config import settings

BACKEND_DIR = Path(__file__).resolve().parents[1]


def migrate() -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(BACKEND_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(BACKEND_DIR / "app" / "alembic"))
    command.upgrade(config, "head")


def serve() -> None:
    import uvicorn

    mode = "embedded (SQLite + in-process worker)" if settings.embedded else "distributed"
    print(f"Switchyard on http://{settings.HOST}:{settings.PORT}/ui  [{mode}]", flush=True)
    uvicorn.run("app.main:app", host=settings.HOST, port=settings.PORT, log_level="info")


def worker(extra: list[str]) -> None:
    from app.engine.celery_app import celery_app

    _require_redis("worker")
    celery_app.worker_main(
        ["worker", "--queues", settings.CELERY_QUEUE, "--loglevel", settings.LOG_LEVEL, *extra]
    )


def beat(extra: list[str]) -> None:
    from app.engine.celery_app import celery_app

    _require_redis("beat")
    schedule = BACKEND_DIR.parent / "data" / "celerybeat-schedule"
    schedule.parent.mkdir(parents=True, exist_ok=True)
    celery_app.start(
        ["beat", "--loglevel", settings.LOG_LEVEL, "--schedule", str(schedule), *extra]
    )


def seed() -> None:
    from app.seed import load_samples

    for name, version in load_samples():
        print(f"seeded workflow {name!r} (version {version})")


def openapi() -> None:
    import json

    from app.main import app

    print(json.dumps(app.openapi(), indent=2, sort_keys=True))


def _require_redis(process: str) -> None:
    if settings.embedded:
        sys.exit(
            f"make {process} runs the distributed topology and needs REDIS_URL; "
            "`make run` starts the embedded mode, which needs no Redis."
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="switchyard")
    parser.add_argument(
        "command", choices=["migrate", "serve", "worker", "beat", "seed", "openapi"]
    )
    args, extra = parser.parse_known_args(argv)
    commands = {
        "migrate": migrate,
        "serve": serve,
        "seed": seed,
        "openapi": openapi,
        "worker": lambda: worker(extra),
        "beat": lambda: beat(extra),
    }
    commands[args.command]()


if __name__ == "__main__":
    main()
