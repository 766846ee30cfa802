"""Crash tests: kill workers, stop everything, take Redis away, deliver twice; nothing is lost,
nothing completes twice. Each test has a stack of its own with short leases and sweeps, so that
recovery happens in seconds (the test with production settings says so)."""

import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from celery import Celery

from tests.e2e.conftest import distributed_stack, embedded_stack, postgres_database, running
from tests.support.http_server import RecordingServer, Reply
from tests.support.stack import RedisServer, Stack
from tests.support.workflows import Scenario, chain, node, steps, wait_for

FAST_RECOVERY = {"STEP_LEASE_S": 3, "REDISPATCH_AFTER_S": 3, "SWEEP_INTERVAL_S": 1}


@pytest.fixture
def fresh_distributed(services, tmp_path: Path, request) -> Iterator[Stack]:
    with (
        postgres_database() as url,
        running(distributed_stack(tmp_path, url, **FAST_RECOVERY), request) as stack,
    ):
        yield stack


def calling_graph(server: RecordingServer, delay_ms: int = 1000) -> dict:
    """start → call → wait → call_again; each call names its execution and node in its body."""

    def call(node_id: str) -> dict:
        body = {"execution": "{{ execution.id }}", "node": node_id}
        return node(node_id, "http_call", method="POST", url=server.url("/work"), body=body)

    return {
        "nodes": [
            node("start", "start"),
            call("call"),
            node("wait", "delay", ms=delay_ms),
            call("call_again"),
        ],
        "edges": chain("start", "call", "wait", "call_again"),
    }


def assert_each_node_completed_once(client, execution_ids: list[str]) -> None:
    for execution_id in execution_ids:
        completed = Counter(
            s["node_id"] for s in steps(client, execution_id) if s["status"] == "completed"
        )
        assert completed == {"start": 1, "call": 1, "wait": 1, "call_again": 1}, (
            execution_id,
            completed,
        )


def assert_one_idempotency_key_per_execution_and_node(
    server: RecordingServer, execution_ids: list[str]
) -> None:
    keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    for request in server.received("/work"):
        body = request.json()
        keys[(body["execution"], body["node"])].add(request.headers["idempotency-key"])
    assert set(keys) == {(e, n) for e in execution_ids for n in ("call", "call_again")}
    assert all(len(found) == 1 for found in keys.values()), {
        k: v for k, v in keys.items() if len(v) > 1
    }


def test_sigkill_of_a_worker_with_30_executions_in_flight_loses_nothing(
    fresh_distributed, http_server
):
    stack = fresh_distributed
    http_server.respond("/work", *[Reply(200, {"ok": True}, delay_s=0.3)] * 60)
    victim = stack.start_worker("victim")
    scenario = Scenario(stack.client, calling_graph(http_server))
    started = [scenario.post_event(n=i)["executions"][0]["id"] for i in range(30)]
    deadline = time.monotonic() + 20
    # Both workers busy (2 + 2 calls in flight) while other executions already wait: the kill
    # is certain to hit steps mid-call as well as prefetched messages and held countdowns.
    while http_server.in_flight < 4 or "waiting" not in {
        stack.client.get(f"/executions/{e}").json()["status"] for e in started
    }:
        assert time.monotonic() < deadline, "never saw both workers busy while others waited"
        time.sleep(0.02)
    victim.kill()
    finished = [wait_for(stack.client, e, timeout=120) for e in started]
    assert [e["status"] for e in finished] == ["completed"] * 30
    lost = [s for e in started for s in steps(stack.client, e) if s["status"] == "failed"]
    assert lost, "the kill hit no running step"
    assert all("lease expired" in s["error"] for s in lost)
    assert_each_node_completed_once(stack.client, started)
    assert_one_idempotency_key_per_execution_and_node(http_server, started)


def test_stopping_every_worker_during_a_delay_then_restarting_them(fresh_distributed, http_server):
    stack = fresh_distributed
    scenario = Scenario(stack.client, calling_graph(http_server, delay_ms=2000))
    started = scenario.post_event()["executions"][0]["id"]
    wait_for(stack.client, started, {"waiting"})
    workers = [p for p in stack.processes if p.name.startswith("worker")]
    for worker in workers:
        worker.kill()
    time.sleep(3)  # the delay falls due while no worker is alive
    assert stack.client.get(f"/executions/{started}").json()["status"] == "waiting"
    stack.start_worker("worker-again")
    assert wait_for(stack.client, started, timeout=60)["status"] == "completed"
    assert_each_node_completed_once(stack.client, [started])


def test_restarting_the_embedded_server_during_a_delay(tmp_path: Path, http_server, request):
    with running(embedded_stack(tmp_path, **FAST_RECOVERY), request) as stack:
        scenario = Scenario(stack.client, calling_graph(http_server, delay_ms=2000))
        started = scenario.post_event()["executions"][0]["id"]
        wait_for(stack.client, started, {"waiting"})
        stack.api.kill()
        time.sleep(2.5)
        stack.start_api()
        assert wait_for(stack.client, started, timeout=60)["status"] == "completed"
        assert_each_node_completed_once(stack.client, [started])


def test_a_delay_of_months_holds_no_message_and_resumes_when_due(fresh_distributed, http_server):
    stack = fresh_distributed
    graph = {
        "nodes": [node("start", "start"), node("wait", "delay", days=60), node("end", "end")],
        "edges": chain("start", "wait", "end"),
    }
    started = Scenario(stack.client, graph).post_event()["executions"][0]["id"]
    wait_for(stack.client, started, {"waiting"})
    wait_step = next(s for s in steps(stack.client, started) if s["node_id"] == "wait")
    import redis

    broker = redis.Redis.from_url(stack.env["REDIS_URL"])
    queue = stack.env["CELERY_QUEUE"]
    assert broker.llen(queue) == 0
    held = [m for m in broker.hvals("unacked") if wait_step["id"].encode() in m]
    assert held == [], "a worker holds a message for a 60-day delay"
    with psycopg.connect(stack.env["DATABASE_URL"], autocommit=True) as db:  # time passes
        db.execute(
            "UPDATE step SET wake_at = now(), recheck_at = now() WHERE id = %s", (wait_step["id"],)
        )
    assert wait_for(stack.client, started, timeout=30)["status"] == "completed"


def test_a_redis_outage_loses_no_event(services, tmp_path: Path, http_server, request):
    redis_server = RedisServer(tmp_path).start()
    with postgres_database() as url:
        stack = Stack(tmp_path, url, redis_server.url, **FAST_RECOVERY)
        stack.migrate()
        stack.start_api()
        stack.start_worker()
        stack.start_beat()
        with running(stack, request):
            scenario = Scenario(stack.client, calling_graph(http_server, delay_ms=500))
            before = [scenario.post_event(n=i)["executions"][0]["id"] for i in range(3)]
            redis_server.kill()
            during = [scenario.post_event(n=i)["executions"][0]["id"] for i in range(5)]
            assert stack.client.get("/health").json()["broker"].startswith("error")
            time.sleep(3)
            redis_server.start()
            started = before + during
            finished = [wait_for(stack.client, e, timeout=90) for e in started]
            assert [e["status"] for e in finished] == ["completed"] * len(started)
            assert_each_node_completed_once(stack.client, started)
            assert_one_idempotency_key_per_execution_and_node(http_server, started)
    redis_server.kill()


def test_two_hundred_executions_through_two_workers(fresh_distributed, http_server):
    stack = fresh_distributed
    second = stack.start_worker("second")
    graph = {
        "nodes": [
            node("start", "start"),
            node("say", "send_notification", toRole="r", message="{{ n }}"),
            node("wait", "delay", ms=100),
            node("end", "end"),
        ],
        "edges": chain("start", "say", "wait", "end"),
    }
    scenario = Scenario(stack.client, graph)
    started = [scenario.post_event(n=i)["executions"][0]["id"] for i in range(200)]
    finished = [wait_for(stack.client, e, timeout=120) for e in started]
    assert Counter(e["status"] for e in finished) == {"completed": 200}
    messages = Counter()
    for execution_id in started:
        notes = stack.client.get("/notifications", params={"execution_id": execution_id}).json()[
            "items"
        ]
        messages.update(n["message"] for n in notes)
    assert messages == Counter(str(i) for i in range(200))
    first = next(p for p in stack.processes if p.name == "worker")
    for worker in (first, second):
        assert "switchyard.run_step" in worker.log() and "succeeded" in worker.log(), worker.name


def test_the_same_task_delivered_twice_is_a_no_op(fresh_distributed, http_server):
    stack = fresh_distributed
    stack.start_worker("second")
    scenario = Scenario(stack.client, calling_graph(http_server, delay_ms=1500))
    started = scenario.post_event()["executions"][0]["id"]
    wait_for(stack.client, started, {"waiting"})
    by_node = {s["node_id"]: s for s in steps(stack.client, started)}
    publisher = Celery(broker=stack.env["REDIS_URL"])
    queue = stack.env["CELERY_QUEUE"]

    def deliver(step: dict) -> None:
        message = {
            "execution_id": started,
            "step_id": step["id"],
            "node_id": step["node_id"],
            "attempt": step["attempt"],
        }
        publisher.send_task("switchyard.run_step", args=[message], queue=queue)

    for _ in range(2):  # a completed step, delivered again twice
        deliver(by_node["call"])
    time.sleep(1.6)  # the delay is due: its timer message races two copies of ours
    deliver(by_node["wait"])
    deliver(by_node["wait"])
    assert wait_for(stack.client, started, timeout=30)["status"] == "completed"
    time.sleep(1)  # let every duplicate be consumed
    assert_each_node_completed_once(stack.client, [started])
    assert len(http_server.received("/work")) == 2
    assert len(steps(stack.client, started)) == 4
    publisher.close()


def test_concurrent_posts_with_one_idempotency_key_start_one_execution(fresh_distributed):
    stack = fresh_distributed
    scenario = Scenario(stack.client, {"nodes": [node("start", "start")], "edges": []})
    key = uuid.uuid4().hex
    answers: list[dict] = []
    barrier = threading.Barrier(10)

    def post() -> None:
        barrier.wait()
        response = stack.client.post(
            "/events", json={"scenario": scenario.tag}, headers={"Idempotency-Key": key}
        )
        assert response.status_code == 202
        answers.append(response.json())

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 10
    assert all(answer == answers[0] for answer in answers)
    assert len(answers[0]["executions"]) == 1
    runs = stack.client.get("/executions", params={"workflow_id": scenario.workflow["id"]}).json()[
        "items"
    ]
    assert len(runs) == 1


def test_a_dead_workers_step_is_taken_over_within_60_seconds_with_production_settings(
    services, tmp_path: Path, http_server, request
):
    """Default lease (30 s) and sweep (5 s): a step whose worker is SIGKILLed mid-call runs again
    as attempt 2, on another worker, well within a minute."""
    http_server.respond("/work", Reply(200, {"slow": True}, delay_s=30))
    with (
        postgres_database() as url,
        running(distributed_stack(tmp_path, url, SWEEP_INTERVAL_S=5), request) as stack,
    ):
        victim = stack.start_worker("victim", concurrency=1)
        first = next(p for p in stack.processes if p.name == "worker")
        first.kill()  # only the victim is left to take the first delivery
        graph = {
            "nodes": [node("start", "start"), calling_graph(http_server)["nodes"][1]],
            "edges": chain("start", "call"),
        }
        started = Scenario(stack.client, graph).post_event()["executions"][0]["id"]
        deadline = time.monotonic() + 30
        while not http_server.received("/work"):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        stack.start_worker("rescuer")
        victim.kill()
        killed_at = datetime.now(UTC)
        deadline = time.monotonic() + 90
        while True:
            attempts = [s for s in steps(stack.client, started) if s["node_id"] == "call"]
            if len(attempts) == 2 and attempts[1]["started_at"]:
                break
            assert time.monotonic() < deadline, attempts
            time.sleep(0.2)
        taken_over_after = datetime.fromisoformat(attempts[1]["started_at"]) - killed_at
        assert taken_over_after < timedelta(seconds=60)
        assert attempts[0]["status"] == "failed" and "lease expired" in attempts[0]["error"]
        assert attempts[1]["attempt"] == 2
        assert wait_for(stack.client, started, timeout=30)["status"] == "completed"
