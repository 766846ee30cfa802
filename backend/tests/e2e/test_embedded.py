"""The embedded default as `make run` starts it: one process, SQLite, no other service."""

import subprocess
import sys

from tests.support.stack import BACKEND_DIR
from tests.support.workflows import Scenario, seed_graph, statuses_by_node, wait_for


def test_the_seed_example_runs_in_embedded_mode(embedded, http_server):
    scenario = Scenario(embedded.client, seed_graph(http_server.url("/post")))
    execution = scenario.run(lead={"title": "CEO"})
    assert execution["status"] == "completed"
    assert statuses_by_node(embedded.client, execution["id"])["gift"] == ["completed"]
    assert len(http_server.received("/post")) == 1
    assert embedded.client.get("/health").json()["broker"] == "embedded"


def test_the_readme_walkthrough_works_after_make_seed(embedded):
    """`make seed` then the README's curl: the seeded workflow calls Switchyard's own demo echo."""
    seeded = subprocess.run(
        [sys.executable, "-m", "app.cli", "seed"],
        cwd=BACKEND_DIR,
        env=embedded.env,
        capture_output=True,
        text=True,
    )
    assert seeded.returncode == 0, seeded.stderr
    assert "Hot lead" in seeded.stdout
    answer = embedded.client.post(
        "/events", json={"type": "lead.created", "lead": {"title": "CEO", "name": "Ada"}}
    ).json()
    [started] = answer["executions"]
    execution = wait_for(embedded.client, started["id"])
    assert execution["status"] == "completed", execution
    found = statuses_by_node(embedded.client, execution["id"])
    assert (found["call"], found["gift"], found["drip"]) == (
        ["completed"],
        ["completed"],
        ["skipped"],
    )
    again = subprocess.run(
        [sys.executable, "-m", "app.cli", "seed"],
        cwd=BACKEND_DIR,
        env=embedded.env,
        capture_output=True,
        text=True,
    )
    assert "version 1" in again.stdout
    names = [w["name"] for w in embedded.client.get("/workflows").json()["items"]]
    assert sorted(names) == ["Big order review", "Hot lead"]
