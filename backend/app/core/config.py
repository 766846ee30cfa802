from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[3]


class Settings(BaseSettings):
    """Every setting is read from the environment or from `.env` (see `.env.example`)."""

    model_config = SettingsConfigDict(env_file=(REPO_ROOT / ".env", ".env"), extra="ignore")

    DATABASE_URL: str = f"sqlite:///{REPO_ROOT / 'data' / 'switchyard.sqlite3'}"
    # No REDIS_URL (or an empty one) means embedded mode: an in-memory broker and a worker inside
    # the API process.
    REDIS_URL: str | None = None
    HOST: str = "127.0.0.1"
    PORT: int = 8000
    LOG_LEVEL: str = "INFO"

    CELERY_QUEUE: str = "switchyard"
    EMBEDDED_WORKER: bool = True
    EMBEDDED_WORKER_CONCURRENCY: int = Field(default=4, ge=1)

    MAX_STEPS_PER_EXECUTION: int = Field(default=10_000, ge=1)
    MAX_GRAPH_NODES: int = Field(default=500, ge=1)
    MAX_GRAPH_EDGES: int = Field(default=2_000, ge=1)
    MAX_REQUEST_BYTES: int = Field(default=1_048_576, ge=1024)

    HTTP_CALL_DEFAULT_TIMEOUT_S: float = Field(default=10.0, gt=0)
    HTTP_CALL_MAX_RESPONSE_BYTES: int = Field(default=1_048_576, ge=1)

    # Reliability knobs (docs/reliability.md explains how they fit together).
    STEP_LEASE_S: float = Field(default=30.0, gt=0)
    SWEEP_INTERVAL_S: float = Field(default=5.0, gt=0)
    REDISPATCH_AFTER_S: float = Field(default=30.0, gt=0)
    TIMER_FAST_PATH_MAX_S: float = Field(default=300.0, ge=0)
    MAX_LOST_ATTEMPTS: int = Field(default=5, ge=1)
    IDEMPOTENCY_TTL_S: float = Field(default=24 * 3600, gt=0)

    FRONTEND_DIST: Path = REPO_ROOT / "frontend" / "dist"

    @property
    def embedded(self) -> bool:
        return not self.REDIS_URL


settings = Settings()
