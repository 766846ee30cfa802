import pytest

from app.engine.graph import Graph, build_workflow_graph, validate_graph
from tests.support.workflows import chain, edge, node, seed_graph


def problems(graph: dict, max_nodes: int = 100, max_edges: int = 100) -> list[dict]:
    found = validate_graph(Graph.model_validate(graph), max_nodes=max_nodes, max_edges=max_edges)
    return [problem.as_detail() for problem in found]


def test_the_seed_example_is_valid():
    assert problems(seed_graph("http://example.invalid/post")) == []


def test_ui_fields_are_dropped():
    graph = Graph.model_validate(
        {
            "nodes": [
                {
                    **node("start", "start"),
                    "measured": {"width": 1},
                    "selected": True,
                    "dragging": False,
                }
            ],
            "edges": [],
            "viewport": {"x": 1, "y": 2, "zoom": 1.5},
        }
    )
    dumped = graph.model_dump()
    assert set(dumped["nodes"][0]) == {"id", "type", "position", "data"}
    assert dumped["viewport"] == {"x": 1, "y": 2, "zoom": 1.5}


def test_no_start_node():
    [problem] = problems({"nodes": [node("a", "end")], "edges": []})
    assert problem["type"] == "no_start"
    assert "no start node" in problem["msg"]


def test_two_start_nodes_name_the_second():
    [problem] = problems({"nodes": [node("s1", "start"), node("s2", "start")], "edges": []})
    assert problem["node_id"] == "s2"
    assert "'s1'" in problem["msg"] and "'s2'" in problem["msg"]


def test_unknown_node_type():
    [problem] = problems({"nodes": [node("start", "start"), node("x", "teleport")], "edges": []})
    assert (problem["node_id"], problem["type"]) == ("x", "unknown_type")
    assert "teleport" in problem["msg"]
    assert problem["loc"] == ["body", "graph", "nodes", 1, "type"]


def test_duplicate_ids():
    found = problems(
        {
            "nodes": [node("start", "start"), node("start", "end")],
            "edges": [edge("start", "start"), edge("start", "start")],
        }
    )
    assert {p["type"] for p in found} >= {"duplicate_id"}


def test_edges_to_or_from_missing_nodes():
    found = problems(
        {
            "nodes": [node("start", "start")],
            "edges": [edge("start", "ghost"), edge("phantom", "start")],
        }
    )
    messages = " | ".join(p["msg"] for p in found)
    assert "target node 'ghost' does not exist" in messages
    assert "source node 'phantom' does not exist" in messages
    assert {p["edge_id"] for p in found} >= {"start->ghost", "phantom->start"}


def test_branch_case_pointing_at_a_missing_node():
    graph = {
        "nodes": [
            node("start", "start"),
            node("b", "branch", cases=[{"label": "yes", "condition": True, "next": "nowhere"}]),
        ],
        "edges": [edge("start", "b")],
    }
    [problem] = problems(graph)
    assert problem["node_id"] == "b"
    assert "nowhere" in problem["msg"]


@pytest.mark.parametrize(
    ("source", "handle"),
    [("start", "error"), ("call", "bogus"), ("b", "maybe"), ("b", None), ("stop", None)],
)
def test_a_handle_the_node_type_does_not_declare(source, handle):
    graph = {
        "nodes": [
            node("start", "start"),
            node("call", "http_call", method="GET", url="http://x"),
            node("b", "branch", cases=[{"label": "yes", "condition": True}]),
            node("stop", "end"),
            node("target", "end"),
        ],
        "edges": [edge(source, "target", handle)],
    }
    [problem] = problems(graph)
    assert problem["type"] == "unknown_handle"
    assert problem["edge_id"] == f"{source}->target"
    assert repr(handle or "default") in problem["msg"]


def test_declared_handles_are_accepted():
    graph = {
        "nodes": [
            node("start", "start"),
            node("call", "http_call", method="GET", url="http://x"),
            node("b", "branch", cases=[{"label": "yes", "condition": True}]),
            node("t1", "end"),
            node("t2", "end"),
            node("t3", "end"),
        ],
        "edges": [
            edge("start", "call"),
            edge("call", "b", "default"),
            edge("call", "t3", "error"),
            edge("b", "t1", "yes"),
            edge("b", "t2", "else"),
        ],
    }
    assert problems(graph) == []


def test_data_that_does_not_fit_the_schema_names_node_and_field():
    graph = {
        "nodes": [
            node("start", "start"),
            node("n", "send_notification", toRole="AE", colour="red"),
        ],
        "edges": [edge("start", "n")],
    }
    found = problems(graph)
    assert {p["node_id"] for p in found} == {"n"}
    locs = [p["loc"] for p in found]
    assert ["body", "graph", "nodes", 1, "data", "message"] in locs
    assert ["body", "graph", "nodes", 1, "data", "colour"] in locs
    assert any("node 'n': message" in p["msg"] for p in found)


def test_every_problem_is_reported_at_once():
    graph = {
        "nodes": [node("x", "teleport"), node("n", "send_notification")],
        "edges": [edge("n", "ghost")],
    }
    assert len(problems(graph)) >= 4


def test_unreachable_nodes_are_allowed_as_drafts():
    graph = {
        "nodes": [
            node("start", "start"),
            node("draft", "send_notification", toRole="x", message="y"),
        ],
        "edges": [],
    }
    assert problems(graph) == []


def test_nothing_may_lead_into_start():
    graph = {
        "nodes": [node("start", "start"), node("a", "end")],
        "edges": [edge("start", "a"), edge("a", "start")],
    }
    assert any(p["type"] == "into_start" for p in problems(graph))


def test_a_cycle_without_delay_or_branch_is_refused():
    graph = {
        "nodes": [
            node("start", "start"),
            *[node(n, "send_notification", toRole="r", message="m") for n in "abc"],
        ],
        "edges": [*chain("start", "a", "b", "c"), edge("c", "a")],
    }
    [problem] = problems(graph)
    assert problem["type"] == "cycle"
    assert "'a', 'b', 'c'" in problem["msg"]


def test_a_self_loop_is_a_cycle():
    graph = {
        "nodes": [node("start", "start"), node("a", "send_notification", toRole="r", message="m")],
        "edges": [edge("start", "a"), {"id": "loop", "source": "a", "target": "a"}],
    }
    assert [p["type"] for p in problems(graph)] == ["cycle"]


def test_a_cycle_through_a_delay_or_a_branch_is_a_loop():
    with_delay = {
        "nodes": [
            node("start", "start"),
            node("a", "send_notification", toRole="r", message="m"),
            node("w", "delay", seconds=5),
        ],
        "edges": [*chain("start", "a", "w"), edge("w", "a")],
    }
    with_branch = {
        "nodes": [
            node("start", "start"),
            node("a", "send_notification", toRole="r", message="m"),
            node("b", "branch", cases=[{"label": "again", "condition": True, "next": "a"}]),
        ],
        "edges": [*chain("start", "a", "b")],
    }
    assert problems(with_delay) == []
    assert problems(with_branch) == []


def test_too_large():
    graph = {"nodes": [node(f"n{i}", "end") for i in range(11)], "edges": []}
    [problem] = problems(graph, max_nodes=10)
    assert problem["type"] == "graph_too_large"
    assert "11 nodes" in problem["msg"]


def test_workflow_graph_links_and_reachability():
    graph = build_workflow_graph(seed_graph("http://x"))
    assert graph.start == "start"
    assert {(link.source, link.target, link.handle) for link in graph.outgoing("branch")} == {
        ("branch", "gift", "CEO"),
        ("branch", "drip", "else"),
    }
    assert graph.reachable == {"start", "notify", "wait", "call", "branch", "gift", "drip"}
    assert [link.source for link in graph.incoming("gift")] == ["branch"]
