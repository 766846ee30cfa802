"""Workflow graphs: React Flow's shape, save-time validation, and the walker's view of a graph.

A graph is stored as the editor sent it (minus UI-only fields). `validate_graph` reports every
problem at once, each naming its node or edge, so the editor can mark them all.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.engine.nodes import REGISTRY
from app.engine.nodes.base import DEFAULT_HANDLE, NodeConfig, NodeType

START = "start"
JOIN = "join"
# Node types whose presence on a cycle makes it a legitimate loop rather than a spin.
_LOOP_BREAKERS = frozenset({"delay", "branch"})
_TARGET_HANDLES = (None, "in")


class Position(BaseModel):
    model_config = ConfigDict(extra="ignore")
    x: float = 0
    y: float = 0


class GraphNode(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str = Field(min_length=1, max_length=200)
    type: str = Field(min_length=1, max_length=100)
    position: Position = Field(default_factory=Position)
    data: dict[str, Any] = Field(default_factory=dict)


class GraphEdge(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str = Field(min_length=1, max_length=200)
    source: str
    target: str
    sourceHandle: str | None = None
    targetHandle: str | None = None
    label: str | None = None


class Viewport(BaseModel):
    model_config = ConfigDict(extra="ignore")
    x: float = 0
    y: float = 0
    zoom: float = 1


class Graph(BaseModel):
    """What React Flow's `toObject()` gives; fields such as `measured` or `selected` are dropped."""

    model_config = ConfigDict(extra="ignore")
    nodes: list[GraphNode] = Field(default_factory=list)
    edges: list[GraphEdge] = Field(default_factory=list)
    viewport: Viewport | None = None


@dataclass(frozen=True)
class Problem:
    loc: tuple[str | int, ...]
    msg: str
    type: str
    node_id: str | None = None
    edge_id: str | None = None

    def as_detail(self) -> dict[str, Any]:
        detail: dict[str, Any] = {"loc": ["body", *self.loc], "msg": self.msg, "type": self.type}
        if self.node_id is not None:
            detail["node_id"] = self.node_id
        if self.edge_id is not None:
            detail["edge_id"] = self.edge_id
        return detail


@dataclass(frozen=True)
class Link:
    """A way the walk can go from one node to another: an edge, or a branch case's `next`."""

    source: str
    target: str
    handle: str
    edge_id: str | None


def validate_graph(graph: Graph, *, max_nodes: int, max_edges: int) -> list[Problem]:
    if len(graph.nodes) > max_nodes or len(graph.edges) > max_edges:
        return [
            Problem(
                ("graph",),
                f"graph too large: {len(graph.nodes)} nodes and {len(graph.edges)} edges "
                f"(at most {max_nodes} nodes and {max_edges} edges)",
                "graph_too_large",
            )
        ]
    problems, configs = _check_nodes(graph)
    problems += _check_edges(graph, configs)
    if not problems:
        problems += _check_cycles(WorkflowGraph(graph, configs))
    return problems


def _check_nodes(graph: Graph) -> tuple[list[Problem], dict[str, NodeConfig]]:
    problems: list[Problem] = []
    configs: dict[str, NodeConfig] = {}
    seen: set[str] = set()
    starts = [node.id for node in graph.nodes if node.type == START]
    if not starts:
        problems.append(Problem(("graph", "nodes"), "the graph has no start node", "no_start"))
    for index, node in enumerate(graph.nodes):
        loc = ("graph", "nodes", index)
        if node.id in seen:
            problems.append(
                Problem((*loc, "id"), f"node id {node.id!r} is used twice", "duplicate_id", node.id)
            )
            continue
        seen.add(node.id)
        if node.type == START and node.id != starts[0]:
            problems.append(
                Problem(
                    loc,
                    f"node {node.id!r}: a second start node (the first is {starts[0]!r})",
                    "many_starts",
                    node.id,
                )
            )
        node_type = REGISTRY.get(node.type)
        if node_type is None:
            known = ", ".join(sorted(REGISTRY))
            problems.append(
                Problem(
                    (*loc, "type"),
                    f"node {node.id!r}: unknown node type {node.type!r} (known: {known})",
                    "unknown_type",
                    node.id,
                )
            )
            continue
        try:
            configs[node.id] = node_type.config.model_validate(node.data)
        except ValidationError as error:
            problems += [
                Problem(
                    (*loc, "data", *item["loc"]),
                    f"node {node.id!r}: {_field_path(item['loc'])}{item['msg']}",
                    item["type"],
                    node.id,
                )
                for item in error.errors(include_url=False)
            ]
    return problems, configs


def _field_path(loc: Iterable[Any]) -> str:
    path = ".".join(str(part) for part in loc)
    return f"{path}: " if path else ""


def _check_edges(graph: Graph, configs: dict[str, NodeConfig]) -> list[Problem]:
    problems: list[Problem] = []
    nodes = {node.id: node for node in graph.nodes}
    seen: set[str] = set()
    for index, edge in enumerate(graph.edges):
        loc = ("graph", "edges", index)
        if edge.id in seen:
            problems.append(
                Problem(
                    (*loc, "id"),
                    f"edge id {edge.id!r} is used twice",
                    "duplicate_id",
                    edge_id=edge.id,
                )
            )
        seen.add(edge.id)
        for end in ("source", "target"):
            node_id = getattr(edge, end)
            if node_id not in nodes:
                problems.append(
                    Problem(
                        (*loc, end),
                        f"edge {edge.id!r}: {end} node {node_id!r} does not exist",
                        "missing_node",
                        edge_id=edge.id,
                    )
                )
        if edge.target in nodes and nodes[edge.target].type == START:
            problems.append(
                Problem(
                    (*loc, "target"),
                    f"edge {edge.id!r}: nothing may lead into the start node",
                    "into_start",
                    edge_id=edge.id,
                )
            )
        if edge.targetHandle not in _TARGET_HANDLES:
            problems.append(
                Problem(
                    (*loc, "targetHandle"),
                    f"edge {edge.id!r}: node {edge.target!r} "
                    f"has no input handle {edge.targetHandle!r}",
                    "unknown_handle",
                    edge_id=edge.id,
                )
            )
        source = nodes.get(edge.source)
        if source is not None and edge.source in configs:
            declared = REGISTRY[source.type].output_handles(configs[edge.source])
            handle = edge.sourceHandle or DEFAULT_HANDLE
            if handle not in declared:
                expected = ", ".join(declared) or "none: this node has no outputs"
                problems.append(
                    Problem(
                        (*loc, "sourceHandle"),
                        f"edge {edge.id!r}: node {edge.source!r} ({source.type}) "
                        f"has no handle {handle!r} (handles: {expected})",
                        "unknown_handle",
                        edge_id=edge.id,
                    )
                )
    for node_id, config in configs.items():
        for _handle, target in REGISTRY[nodes[node_id].type].explicit_targets(config):
            if target not in nodes:
                problems.append(
                    Problem(
                        ("graph", "nodes", _index_of(graph, node_id), "data"),
                        f"node {node_id!r}: points at missing node {target!r}",
                        "missing_node",
                        node_id,
                    )
                )
    return problems


def _index_of(graph: Graph, node_id: str) -> int:
    return next(index for index, node in enumerate(graph.nodes) if node.id == node_id)


def _check_cycles(graph: "WorkflowGraph") -> list[Problem]:
    problems = []
    for component in graph.cycles():
        if not any(graph.node_type(node_id).type in _LOOP_BREAKERS for node_id in component):
            names = ", ".join(repr(node_id) for node_id in component)
            problems.append(
                Problem(
                    ("graph", "edges"),
                    f"nodes {names} form a cycle with no delay or branch node on it, "
                    "which would run forever",
                    "cycle",
                    component[0],
                )
            )
    return problems


class WorkflowGraph:
    """A validated graph, indexed for the walker. Build it with `load_graph`."""

    def __init__(self, graph: Graph, configs: dict[str, NodeConfig]) -> None:
        self.nodes = {node.id: node for node in graph.nodes}
        self.configs = configs
        self.start = next(node.id for node in graph.nodes if node.type == START)
        self._outgoing: dict[str, list[Link]] = defaultdict(list)
        self._incoming: dict[str, list[Link]] = defaultdict(list)
        for link in self._links(graph):
            self._outgoing[link.source].append(link)
            self._incoming[link.target].append(link)
        self.reachable = frozenset(self._walk_from(self.start))

    def _links(self, graph: Graph) -> Iterator[Link]:
        for edge in graph.edges:
            yield Link(edge.source, edge.target, edge.sourceHandle or DEFAULT_HANDLE, edge.id)
        for node_id, config in self.configs.items():
            for handle, target in self.node_type(node_id).explicit_targets(config):
                yield Link(node_id, target, handle, None)

    def node_type(self, node_id: str) -> NodeType:
        return REGISTRY[self.nodes[node_id].type]

    def outgoing(self, node_id: str) -> list[Link]:
        return self._outgoing.get(node_id, [])

    def incoming(self, node_id: str) -> list[Link]:
        """Links into `node_id` from nodes the walk can reach; drafts can never arrive."""
        return [link for link in self._incoming.get(node_id, []) if link.source in self.reachable]

    def handle_targets(self, node_id: str) -> dict[str, tuple[str, ...]]:
        targets: dict[str, tuple[str, ...]] = {}
        for link in self.outgoing(node_id):
            if link.edge_id is not None:
                targets[link.handle] = (*targets.get(link.handle, ()), link.target)
        return targets

    def _walk_from(self, start: str) -> Iterator[str]:
        seen = {start}
        stack = [start]
        while stack:
            node_id = stack.pop()
            yield node_id
            for link in self._outgoing.get(node_id, []):
                if link.target not in seen:
                    seen.add(link.target)
                    stack.append(link.target)

    def cycles(self) -> list[list[str]]:
        """Strongly connected components that contain a cycle (Tarjan, iteratively)."""
        index: dict[str, int] = {}
        lowlink: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        components: list[list[str]] = []
        for root in self.nodes:
            if root in index:
                continue
            work = [(root, iter(self._outgoing.get(root, [])))]
            index[root] = lowlink[root] = len(index)
            stack.append(root)
            on_stack.add(root)
            while work:
                node_id, links = work[-1]
                link = next(links, None)
                if link is not None:
                    target = link.target
                    if target not in index:
                        index[target] = lowlink[target] = len(index)
                        stack.append(target)
                        on_stack.add(target)
                        work.append((target, iter(self._outgoing.get(target, []))))
                    elif target in on_stack:
                        lowlink[node_id] = min(lowlink[node_id], index[target])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[node_id])
                if lowlink[node_id] == index[node_id]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node_id:
                            break
                    looping = len(component) > 1 or any(
                        link.target == node_id for link in self._outgoing.get(node_id, [])
                    )
                    if looping:
                        components.append(sorted(component))
        return components


def build_workflow_graph(graph: dict[str, Any]) -> WorkflowGraph:
    """The walker's view of a stored graph, which was validated when it was saved."""
    parsed = Graph.model_validate(graph)
    configs = {
        node.id: REGISTRY[node.type].config.model_validate(node.data) for node in parsed.nodes
    }
    return WorkflowGraph(parsed, configs)
