"""`make bench`: throughput and latency of the whole product, measured from outside.

Starts the product as a user would: the embedded server, then the distributed topology (API,
workers and beat on the local PostgreSQL and Redis); drives it over HTTP and writes the numbers
to `bench/results/latest.json`. Numbers, not assertions: compare runs on the same machine.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from tests.support.stack import (
    REDIS_URL,
    Stack,
    create_postgres_database,
    drop_postgres_database,
)

BACKEND_DIR = Path(__file__).resolve().parents[1]
RESULTS_DIR = BACKEND_DIR / "bench" / "results"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _graph() -> dict[str, Any]:
    nodes = [
        {"id": "start", "type": "start", "data": {}},
        {"id": "say", "type": "send_notification", "data": {"toRole": "r", "message": "{{ n }}"}},
        {
            "id": "route",
            "type": "branch",
            "data": {
                "cases": [{"label": "even", "condition": {"==": [{"%": [{"var": "n"}, 2]}, 0]}}]
            },
        },
        {"id": "yes", "type": "end", "data": {}},
        {"id": "no", "type": "end", "data": {}},
    ]
    edges = [
        {"id": "a", "source": "start", "target": "say"},
        {"id": "b", "source": "say", "target": "route"},
        {"id": "c", "source": "route", "target": "yes", "sourceHandle": "even"},
        {"id": "d", "source": "route", "target": "no", "sourceHandle": "else"},
    ]
    return {"nodes": nodes, "edges": edges}


def _wait_done(client: httpx.Client, workflow_id: str, timeout: float) -> float:
    """Seconds until no execution of the workflow is pending, running or waiting."""
    started = time.perf_counter()
    while any(
        client.get(
            "/executions", params={"workflow_id": workflow_id, "status": status, "limit": 1}
        ).json()["items"]
        for status in ("pending", "running", "waiting")
    ):
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"executions still running after {timeout} s")
        time.sleep(0.02)
    return time.perf_counter() - started


def measure(client: httpx.Client, events: int, other_workflows: int) -> dict[str, Any]:
    tag = uuid.uuid4().hex
    for index in range(other_workflows):
        rule = {"and": [{"==": [{"var": "tag"}, tag]}, {">": [{"var": "n"}, 10**9 + index]}]}
        client.post(
            "/workflows", json={"name": f"bench other {index}", "trigger": rule, "graph": _graph()}
        )
    created = client.post(
        "/workflows",
        json={"name": "bench", "trigger": {"==": [{"var": "tag"}, tag]}, "graph": _graph()},
    )
    created.raise_for_status()
    workflow_id = created.json()["id"]

    post_latencies: list[float] = []
    execution_ids: list[str] = []
    burst_started = time.perf_counter()
    for n in range(events):
        sent = time.perf_counter()
        answer = client.post("/events", json={"tag": tag, "n": n})
        post_latencies.append(time.perf_counter() - sent)
        execution_ids += [e["id"] for e in answer.json()["executions"]]
    ingest_seconds = time.perf_counter() - burst_started
    drain_seconds = _wait_done(client, workflow_id, timeout=600)
    total_seconds = ingest_seconds + drain_seconds

    single: list[float] = []
    for n in range(20):
        sent = time.perf_counter()
        client.post("/events", json={"tag": tag, "n": n}).raise_for_status()
        _wait_done(client, workflow_id, timeout=60)
        single.append(time.perf_counter() - sent)

    return {
        "events": events,
        "active_workflows": other_workflows + 1,
        "post_events_per_s": round(events / ingest_seconds, 1),
        "post_latency_ms_p50": round(statistics.median(post_latencies) * 1000, 2),
        "post_latency_ms_p95": round(_percentile(post_latencies, 0.95) * 1000, 2),
        "executions_completed_per_s": round(len(execution_ids) / total_seconds, 1),
        "steps_per_execution": 4,
        "single_execution_latency_ms_p50": round(statistics.median(single) * 1000, 1),
    }


def run(mode: str, events: int, other_workflows: int, workers: int) -> dict[str, Any]:
    """Start the product as its users do (the processes tests/support/stack.py runs); measure."""
    with tempfile.TemporaryDirectory(prefix="switchyard-bench-") as tmp:
        database_url = create_postgres_database() if mode == "distributed" else None
        if database_url is None:
            stack = Stack(Path(tmp), f"sqlite:///{tmp}/bench.sqlite3", None)
        else:
            stack = Stack(Path(tmp), database_url, REDIS_URL)
        try:
            stack.migrate()
            stack.start_api()
            if database_url is not None:
                for index in range(workers):
                    stack.start_worker(f"worker{index}", concurrency=4)
                stack.start_beat()
            return {"mode": mode, **measure(stack.client, events, other_workflows)}
        finally:
            stack.stop()
            if database_url is not None:
                drop_postgres_database(database_url)


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--other-workflows", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--modes", default="embedded,distributed")
    args = parser.parse_args()
    results = []
    for mode in args.modes.split(","):
        print(f"benchmarking {mode}…", flush=True)
        results.append(run(mode, args.events, args.other_workflows, args.workers))
        print(json.dumps(results[-1], indent=2), flush=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=BACKEND_DIR
    ).stdout.strip()
    report = {
        "when": datetime.now(UTC).isoformat(),
        "commit": commit,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "results": results,
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {RESULTS_DIR / 'latest.json'}")


if __name__ == "__main__":
    main()
