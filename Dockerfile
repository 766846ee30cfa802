# One image for the three distributed processes (see docker-compose.yml).
FROM node:20-bookworm-slim AS ui
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
RUN pip install --no-cache-dir uv
WORKDIR /app/backend
COPY backend/pyproject.toml backend/uv.lock ./
RUN uv sync --frozen --no-dev
COPY backend/ ./
COPY --from=ui /src/frontend/dist /app/frontend/dist
ENV PATH=/app/backend/.venv/bin:$PATH FRONTEND_DIST=/app/frontend/dist
EXPOSE 8000
CMD ["sh", "-c", "python -m app.cli migrate && python -m app.cli serve"]
