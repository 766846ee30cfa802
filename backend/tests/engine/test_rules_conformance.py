"""The official JsonLogic test suite, through compile_rule, a JSON round trip and evaluate.

data/jsonlogic_tests.json is the suite published as jsonlogic.com/tests.json (a copy of
shared/jsonlogic/tests.json, kept here so that a clone of this repository runs on its own).
"""

import json
from pathlib import Path
from typing import Any

import pytest

from app.engine.rules import compile_rule, evaluate

SUITE = Path(__file__).parent / "data" / "jsonlogic_tests.json"


def same_json(a: Any, b: Any) -> bool:
    """JSON equality where numbers compare by value (2 == 2.0), never equal to booleans."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(same_json, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[key], b[key]) for key in a)
    return type(a) is type(b) and a == b


def official_cases() -> list[Any]:
    """The suite's [rule, data, expected] cases, named after the section header before them."""
    cases, section = [], "start"
    for entry in json.loads(SUITE.read_text(encoding="utf-8")):
        if isinstance(entry, str):
            section = entry.strip("# ")
            continue
        rule, data, expected = entry
        cases.append(pytest.param(rule, data, expected, id=f"{len(cases) + 1}: {section}"))
    return cases


CASES = official_cases()


def test_the_whole_suite_is_there() -> None:
    assert len(CASES) == 278


@pytest.mark.parametrize(("rule", "data", "expected"), CASES)
def test_official_case(rule: Any, data: Any, expected: Any) -> None:
    stored = json.loads(json.dumps(compile_rule(rule)))
    result = evaluate(stored, data)
    assert same_json(result, expected), f"{rule} on {data}: got {result!r}, expected {expected!r}"
