"""Differential tests: our evaluator against json-logic-js itself.

Two sets of cases: rules and data that hypothesis makes, and every operator over every pair of a
matrix of values. Both mix types on purpose (numeric strings, null, booleans, lists, objects,
missing keys), since that is where coercions bite. json-logic-js runs in one node process per
set (jsonlogic_js/evaluate.js); its `node_modules` comes from
`npm ci --prefix backend/tests/engine/jsonlogic_js`.
"""

import itertools
import json
import os
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from app.engine.rules import RuleError, compile_rule, evaluate, list_operators
from tests.engine.test_rules_conformance import same_json

REFERENCE: Final = Path(__file__).parent / "jsonlogic_js"
INSTALL_HINT: Final = "run `npm ci --prefix backend/tests/engine/jsonlogic_js`"
REQUIRED_AGREEMENT: Final = 0.995

# Switchyard's own operators, which json-logic-js lacks: test_rules.py covers them.
OURS_ONLY: Final = frozenset({"lower", "upper", "length", "regex", "before", "after"})
# Every other operator: json-logic-js's, and react-querybuilder's two, which evaluate.js registers.
COMPARED_OPERATORS: Final = frozenset(op["name"] for op in list_operators()) - OURS_ONLY

settings.register_profile(
    "rules-differential",
    max_examples=4000,
    derandomize=True,  # The same cases on every run and every machine.
    database=None,
    deadline=None,
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

KEYS: Final = ["a", "b", "n", "s", "items", "obj"]
PATHS: Final = [
    *KEYS,
    *("obj.a", "obj.items.0", "items.0", "items.1", "items.length", "s.0", "s.length", "a.b"),
    *("current", "accumulator", "current.a", "nowhere", "nowhere.deeper", ""),
]
NUMBERS = st.one_of(
    st.integers(-1000, 1000),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.sampled_from([-0.0, 2.0, -2.5, 1e21, 1.5e-7, 2**53 + 1]),
)
STRINGS = st.one_of(
    st.sampled_from(["90", "-3", " 7 ", "1e3", "0x1F", "12px", ".5", "Infinity", "Springfield"]),
    st.sampled_from(["true", "null", "1,2", "[object Object]", "😀", "a😀b"]),
    st.text(alphabet="ab1 -.eé", max_size=4),
)
# A few values that coerce into each other, drawn often so that comparisons and `in` meet equals.
COLLIDING = st.sampled_from([0, 1, -1, 2, "", " ", "0", "1", "2", "a", "abc", None, True, False])
SCALARS = st.one_of(COLLIDING, COLLIDING, NUMBERS, STRINGS)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)
    ),
    max_leaves=6,
)
DATA = st.one_of(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6), VALUES)

VARS = st.one_of(
    st.builds(lambda path: {"var": path}, st.sampled_from([*PATHS, 0, 1, None])),
    st.builds(lambda path, default: {"var": [path, default]}, st.sampled_from(PATHS), SCALARS),
)
LEAVES = st.one_of(
    SCALARS,
    VARS,
    st.lists(SCALARS, max_size=3),
    st.fixed_dictionaries({"a": SCALARS, "b": SCALARS}),  # Not an operation: a literal object.
)
KEY_LISTS = st.lists(st.sampled_from(PATHS), max_size=3)

VARIADIC = ["==", "===", "!=", "!==", ">", ">=", "<", "<=", "+", "-", "/", "%", "min", "max"]
VARIADIC += ["cat", "substr", "merge", "in", "if", "?:", "and", "or", "!", "!!", "log"]


def operations(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Every compared operator over sub-rules, with odd argument counts too (none, three)."""

    def call(name: str, args: st.SearchStrategy[list[Any]]) -> st.SearchStrategy[Any]:
        return args.map(lambda values: {name: values})

    def arguments(low: int, high: int) -> st.SearchStrategy[list[Any]]:
        return st.lists(children, min_size=low, max_size=high)

    lists = st.one_of(children, st.lists(SCALARS, max_size=4), st.just({"var": "items"}))
    return st.one_of(
        *(call(name, arguments(0, 3)) for name in VARIADIC),
        st.builds(lambda name, value: {name: value}, st.sampled_from(VARIADIC), children),
        call("*", arguments(1, 3)),
        call("missing", st.one_of(KEY_LISTS, KEY_LISTS.map(lambda keys: [keys]), arguments(1, 2))),
        st.builds(
            lambda count, keys: {"missing_some": [count, keys]},
            children,
            st.one_of(KEY_LISTS, st.just({"var": "items"})),
        ),
        *(
            st.builds(
                lambda name, items, logic: {name: [items, logic]}, st.just(name), lists, children
            )
            for name in ("map", "filter", "all", "some", "none")
        ),
        st.builds(
            lambda items, logic, initial: {"reduce": [items, logic, initial]},
            lists,
            children,
            children,
        ),
        call("startsWith", arguments(2, 2)),
        call("endsWith", arguments(2, 2)),
    )


# An operation at the top, over small sub-rules: deep rules mostly collapse to true or false.
RULES = operations(st.recursive(LEAVES, operations, max_leaves=5))

# Values whose coercions differ, for the exhaustive part: every operator over every pair of them.
MATRIX: Final[list[Any]] = [
    *(0, -0.0, 1, -1, 2.5, 1e21, 2**53 + 1),
    *(
        "",
        " ",
        "0",
        "1",
        "-1",
        " 7 ",
        "1e3",
        "0x1F",
        "12px",
        "abc",
        "Infinity",
        "true",
        "😀",
        "\uffff",
    ),
    *(None, True, False, [], [1], [1, 2], ["a"], [None], {}, {"a": 1}),
]
ITERATING_LOGIC: Final = {
    "map": {"+": [{"var": ""}, 1]},
    "filter": {"var": ""},
    "all": {"var": ""},
    "some": {"var": ""},
    "none": {"var": ""},
    "reduce": {"+": [{"var": "accumulator"}, {"var": "current"}]},
}


@dataclass(frozen=True)
class Outcome:
    """One evaluator's result for a case: a value, an error it reports, or (ours only) a crash."""

    value: Any = None
    error: str | None = None
    crash: str | None = None
    non_finite: bool = False


def generate_cases() -> list[list[Any]]:
    cases: list[list[Any]] = []

    @settings(settings.get_profile("rules-differential"))
    @given(rule=RULES, data=DATA)
    def collect(rule: Any, data: Any) -> None:
        cases.append([rule, data])

    collect()
    return cases


def matrix_cases() -> list[list[Any]]:
    """Each operator on each pair (a, b) of MATRIX, read from the data so that lists stay values;
    the iterating operators go over a with a fixed rule, b as reduce's initial value; var reads
    paths into a with b as the default."""
    x, y = {"var": "x"}, {"var": "y"}
    cases = []
    for a, b in itertools.product(MATRIX, repeat=2):
        data = {"x": a, "y": b}
        for name in sorted(COMPARED_OPERATORS):
            arguments = [x, ITERATING_LOGIC[name], y] if name in ITERATING_LOGIC else [x, y]
            cases.append([{name: arguments}, data])
        cases.append([{"substr": ["a😀bcdef", x, y]}, data])
        cases.extend([{"var": [path, y]}, data] for path in ("x", "x.0", "x.length", "x.a"))
        cases.append([{"missing_some": [x, ["x", "y", "z"]]}, data])
    for a in MATRIX:
        for name in ("!", "!!", "-", "+", "*", "missing", "var"):
            cases.append([{name: [x]}, {"x": a, "1": "one", "true": "yes", "a": "A"}])
    return cases


def ours(rule: Any, data: Any) -> Outcome:
    try:
        stored = json.loads(json.dumps(compile_rule(rule)))
        return Outcome(value=evaluate(stored, data))
    except RuleError as error:
        return Outcome(error=str(error))
    except Exception as error:  # What this test is looking for: nothing but RuleError may escape.
        return Outcome(crash=f"{type(error).__name__}: {error}")


def reference(cases: list[list[Any]]) -> list[Outcome]:
    """json-logic-js's outcome for each case, from one node process."""
    completed = subprocess.run(
        ["node", str(REFERENCE / "evaluate.js")],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return [_from_reference(result) for result in json.loads(completed.stdout)]


def _from_reference(result: dict[str, Any]) -> Outcome:
    if "error" in result:
        return Outcome(error=result["error"])
    value = result["value"]
    non_finite = isinstance(value, dict) and value.get("$js") in ("NaN", "Infinity", "-Infinity")
    return Outcome(value=_json_of(value), non_finite=non_finite)


def _json_of(value: Any) -> Any:
    """The reference's value as JSON.stringify writes it: NaN, infinities and undefined as null."""
    if isinstance(value, dict) and set(value) == {"$js"}:
        return None
    if isinstance(value, list):
        return [_json_of(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_of(item) for key, item in value.items()}
    return value


@dataclass(frozen=True)
class Comparison:
    cases: list[list[Any]]
    ours: list[Outcome]
    theirs: list[Outcome]

    def where(self, condition: Any) -> list[tuple[list[Any], Outcome, Outcome]]:
        rows = zip(self.cases, self.ours, self.theirs, strict=True)
        return [(case, mine, theirs) for case, mine, theirs in rows if condition(mine, theirs)]

    @classmethod
    def of(cls, cases: list[list[Any]]) -> "Comparison":
        # Both evaluators get the cases as JSON: no object shared between two places, -0.0 as -0.
        cases = json.loads(json.dumps(cases, allow_nan=False))
        return cls(cases, [ours(rule, data) for rule, data in cases], reference(cases))


@pytest.fixture(scope="module", autouse=True)
def reference_installed() -> None:
    """Fails in CI, skips elsewhere, when json-logic-js cannot run."""
    if shutil.which("node") and (REFERENCE / "node_modules" / "json-logic-js").is_dir():
        return
    message = f"json-logic-js is not installed: {INSTALL_HINT} to compare with it"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return Comparison.of(generate_cases())


def _agrees(mine: Outcome, theirs: Outcome) -> bool:
    return mine.error is None and mine.crash is None and same_json(mine.value, theirs.value)


def _matches(mine: Outcome, theirs: Outcome) -> bool:
    """Agreement in the strict sense: the same value (null for a non-finite one), or both throw."""
    if theirs.error is not None:
        return mine.error is not None and mine.crash is None
    return _agrees(mine, theirs)


def _report(rows: list[tuple[list[Any], Outcome, Outcome]]) -> str:
    return "\n".join(
        f"{json.dumps(case)}\n  ours: {mine}\n  json-logic-js: {theirs}"
        for case, mine, theirs in rows[:10]
    )


def test_enough_cases_over_every_operator(comparison: Comparison) -> None:
    used: Counter[str] = Counter()

    def count(rule: Any) -> None:
        if isinstance(rule, list):
            for item in rule:
                count(item)
        elif isinstance(rule, dict) and len(rule) == 1:
            ((name, args),) = rule.items()
            used[name] += 1
            count(args)

    for rule, _ in comparison.cases:
        count(rule)
    assert len(comparison.cases) >= 3000
    assert {name for name, times in used.items() if times >= 50} >= COMPARED_OPERATORS


def test_nothing_but_rule_error_escapes(comparison: Comparison) -> None:
    crashes = comparison.where(lambda mine, _: mine.crash is not None)
    assert not crashes, _report(crashes)


def test_agrees_with_json_logic_js_on_finite_results(comparison: Comparison) -> None:
    finite = comparison.where(lambda _, theirs: theirs.error is None and not theirs.non_finite)
    disagreements = [row for row in finite if not _agrees(row[1], row[2])]
    agreement = 1 - len(disagreements) / len(finite)
    print(f"agreement with json-logic-js: {agreement:.4%} of {len(finite)} cases")
    assert len(finite) >= 2500
    assert agreement >= REQUIRED_AGREEMENT, _report(disagreements)


def test_non_finite_results_come_out_as_null(comparison: Comparison) -> None:
    non_finite = comparison.where(lambda _, theirs: theirs.non_finite)
    wrong = [row for row in non_finite if not (row[1].error is None and row[1].value is None)]
    assert non_finite
    assert not wrong, _report(wrong)


def test_rule_error_where_json_logic_js_throws(comparison: Comparison) -> None:
    throws = comparison.where(lambda _, theirs: theirs.error is not None)
    wrong = [row for row in throws if row[1].error is None]
    assert throws
    assert not wrong, _report(wrong)


def test_every_operator_on_every_pair_of_values_as_json_logic_js() -> None:
    comparison = Comparison.of(matrix_cases())
    wrong = comparison.where(lambda mine, theirs: not _matches(mine, theirs))
    assert len(comparison.cases) > 30_000
    assert not wrong, f"{len(wrong)} of {len(comparison.cases)} differ:\n{_report(wrong)}"
