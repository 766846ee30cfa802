# Switchyard. `make run` starts the product (embedded mode); `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := run

# uv is installed on first use; `python3 -m uv` works even when pip's script dir is not on PATH.
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
RUN := cd backend && $(UV) run --frozen
NPM_CI := npm ci --no-audit --no-fund --loglevel=error

.PHONY: run test api worker beat seed bench lint openapi uv backend-deps frontend-deps frontend-build test-deps test-backend test-frontend

# A distribution's own Python refuses a global pip install (PEP 668): then install for the user.
uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 \
		|| python3 -m pip install --quiet uv \
		|| python3 -m pip install --quiet --user --break-system-packages uv

backend-deps: uv
	cd backend && $(UV) sync --frozen --quiet

frontend-deps:
	cd frontend && $(NPM_CI)

frontend-build: frontend-deps
	cd frontend && npm run build

## The product, embedded: SQLite under ./data and a Celery worker inside the server.
run: backend-deps frontend-build
	$(RUN) python -m app.cli migrate
	$(RUN) python -m app.cli serve

## The distributed topology: each reads DATABASE_URL and REDIS_URL.
api: backend-deps
	$(RUN) python -m app.cli migrate
	$(RUN) python -m app.cli serve

worker: backend-deps
	$(RUN) python -m app.cli worker

beat: backend-deps
	$(RUN) python -m app.cli beat

seed: backend-deps
	$(RUN) python -m app.cli migrate
	$(RUN) python -m app.cli seed

## The API schema the UI's client is generated from; run after changing the API.
openapi: backend-deps
	$(RUN) python -m app.cli openapi > ../frontend/openapi.json
	cd frontend && npm run generate

lint: backend-deps frontend-deps
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy app
	cd frontend && npm run lint

test-deps: backend-deps frontend-build
	cd backend/tests/engine/jsonlogic_js && $(NPM_CI)

test-backend: test-deps
	$(RUN) pytest

test-frontend: frontend-build
	cd frontend && npm test

test: lint test-backend test-frontend

bench: backend-deps
	$(RUN) python -m bench
