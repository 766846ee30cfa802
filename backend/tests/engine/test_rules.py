"""Unit tests of the rules engine: the issue's examples, the extension operators, compile errors,
the stored form and the public helpers. The differential tests cover the breadth of JS semantics."""

import copy
import json
import time
from typing import Any

import json_logic
import pytest

from app.engine.rules import RuleError, compile_rule, evaluate, is_truthy, list_operators
from app.engine.rules.compiler import MAX_DEPTH
from app.engine.rules.runtime import register_operations
from tests.engine.test_rules_conformance import CASES

CONTEXT = {
    "payload": {"lead": {"title": "CEO", "email": "Ana@Example.com", "tags": ["vip", "eu"]}},
    "nodes": {"call": {"output": {"status": 200, "body": {"ok": True}}}},
    "execution": {"id": "e1", "workflow_id": "w1", "started_at": "2025-03-01T09:30:00Z"},
    "lead": {"title": "CEO", "email": "Ana@Example.com", "tags": ["vip", "eu"]},
}


def run(rule: Any, data: Any = None) -> Any:
    """Compiles, stores as JSON text, reads back and evaluates, as the product does."""
    return evaluate(json.loads(json.dumps(compile_rule(rule))), data)


# The examples the issue names: JavaScript's answers, which json-logic-qubit got wrong.


def test_greater_than_with_a_null_score_is_false() -> None:
    assert run({">": [{"var": "score"}, 80]}, {"score": None}) is False
    assert run({"<": [{"var": "score"}, 80]}, {"score": None}) is True  # null counts as 0


def test_string_against_list_compares_as_strings() -> None:
    assert run({"<": ["7", [1]]}) is False  # "7" < "1"
    assert run({"<": ["7", {"var": "list"}]}, {"list": [10]}) is False  # "7" < "10"
    assert run({"<": [7, {"var": "list"}]}, {"list": [10]}) is True  # 7 < 10


def test_in_a_string_converts_the_needle_to_a_string() -> None:
    assert run({"in": [True, "Springfield"]}) is False
    assert run({"in": [True, "a true story"]}) is True


def test_in_a_list_compares_strictly() -> None:
    assert run({"in": [True, [1, 2, 3]]}) is False
    assert run({"in": ["1", [1, 2, 3]]}) is False
    assert run({"in": [1, [1, 2, 3]]}) is True


def test_remainder_takes_the_sign_of_the_dividend() -> None:
    assert run({"%": [-3, 4]}) == -3
    assert run({"%": [3, -4]}) == 3


def test_null_is_less_or_equal_to_a_positive_number() -> None:
    assert run({"<=": [None, 2.5]}) is True
    assert run({"<=": [None, -2.5]}) is False


def test_rules_read_the_context_as_the_contract_shows() -> None:
    assert run({"==": [{"var": "nodes.call.output.status"}, 200]}, CONTEXT) is True
    assert run({"==": [{"var": "lead.title"}, "CEO"]}, CONTEXT) is True
    assert run({"var": "payload.lead.tags.1"}, CONTEXT) == "eu"


def test_falsy_data_reaches_the_rule_unchanged() -> None:
    # json-logic-qubit alone swaps falsy data for {}.
    assert run({"var": ""}, 0) == 0
    assert run({"var": ""}, []) == []
    assert run({"var": "length"}, "") == 0


def test_reduce_evaluates_its_initial_value() -> None:
    rule = {
        "reduce": [
            {"var": "xs"},
            {"+": [{"var": "current"}, {"var": "accumulator"}]},
            {"var": "start"},
        ]
    }
    assert run(rule, {"xs": [1, 2, 3], "start": 10}) == 16


# Results are JSON values, as JSON.stringify would write json-logic-js's.


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"/": [1, 0]}, None),
        ({"-": [{"/": [-1, 0]}]}, None),
        ({"*": ["abc", 2]}, None),
        ({"max": []}, None),
        ({"map": [[1, 0], {"/": [1, {"var": ""}]}]}, [1, None]),
        ({"and": []}, None),
    ],
)
def test_non_finite_and_undefined_results_are_null(rule: Any, expected: Any) -> None:
    assert run(rule) == expected


def test_whole_numbers_come_out_as_ints() -> None:
    product, negative_zero = run({"*": [2.5, 2]}), run({"-": [0]})
    assert (product, type(product)) == (5, int)
    assert (negative_zero, type(negative_zero)) == (0, int)
    assert run({"+": ["0.5", 0.25]}) == 0.75
    assert run({"+": [9007199254740993]}) == 9007199254740992  # a double, as in JavaScript


@pytest.mark.parametrize(
    ("value", "truthy"),
    [
        (True, True),
        (False, False),
        (0, False),
        (-0.0, False),
        (float("nan"), False),
        (1, True),
        (-1.5, True),
        ("", False),
        ("0", True),
        (" ", True),
        ([], False),
        ([0], True),
        ({}, True),
        (None, False),
    ],
)
def test_is_truthy_follows_json_logic_js(value: Any, truthy: bool) -> None:
    assert is_truthy(value) is truthy
    assert run({"!!": [{"var": "x"}]}, {"x": value}) is truthy


# Extension operators.


def test_starts_with_and_ends_with_follow_react_querybuilder() -> None:
    assert run({"startsWith": [{"var": "lead.email"}, "Ana@"]}, CONTEXT) is True
    assert run({"endsWith": [{"var": "lead.email"}, ".com"]}, CONTEXT) is True
    assert run({"startsWith": [{"var": "lead.email"}, "ana@"]}, CONTEXT) is False
    assert run({"endsWith": [{"var": "lead.email"}, "@Example"]}, CONTEXT) is False
    # Only a string has a prefix; the prefix itself goes through String(), as in JavaScript.
    assert run({"startsWith": [12345, "12"]}) is False
    assert run({"startsWith": ["12345", 12]}) is True
    assert run({"endsWith": ["nullable", None]}) is False
    assert run({"startsWith": ["nullable", None]}) is True


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"lower": "ÀBC Def"}, "àbc def"),
        ({"upper": "àbc def"}, "ÀBC DEF"),
        ({"lower": {"var": "nowhere"}}, None),
        ({"upper": None}, None),
        ({"lower": True}, "true"),
        ({"upper": [["a", "b"]]}, "A,B"),
        ({"lower": 1e21}, "1e+21"),
    ],
)
def test_lower_and_upper(rule: Any, expected: Any) -> None:
    assert run(rule) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("abc", 3), ("", 0), ("😀", 2), (["a", "b"], 2), ([], 0), (None, None), (5, None), ({}, None)],
)
def test_length_of_strings_and_lists(value: Any, expected: Any) -> None:
    assert run({"length": {"var": "x"}}, {"x": value}) == expected


def test_regex_matches_anywhere_with_re2_syntax() -> None:
    assert run({"regex": [{"var": "lead.email"}, "@example\\.com$"]}, CONTEXT) is False
    assert run({"regex": [{"var": "lead.email"}, "(?i)@example\\.com$"]}, CONTEXT) is True
    assert run({"regex": [{"var": "lead.title"}, "^C"]}, CONTEXT) is True
    assert run({"regex": ["2025-03-01", "^\\d{4}-\\d{2}"]}) is True
    assert run({"regex": [75001, "^75"]}) is True  # String(value)
    assert run({"regex": [{"var": "nowhere"}, ".*"]}) is False  # null never matches
    assert run({"regex": [{"var": "s"}, "a"]}, {"s": "\ud800a"}) is True  # a lone surrogate


def test_regex_cannot_backtrack_catastrophically() -> None:
    compiled = compile_rule({"regex": [{"var": "s"}, "(a+)+$"]})
    started = time.perf_counter()
    assert evaluate(compiled, {"s": "a" * 100_000 + "b"}) is False  # Python's re never returns
    assert evaluate(compiled, {"s": "b" + "a" * 100_000}) is True
    assert time.perf_counter() - started < 1.0


def test_invalid_literal_pattern_is_refused_at_compile_time() -> None:
    with pytest.raises(
        RuleError, match=r"regex: invalid pattern '\(a'.*at \$\.and\[1\]\.regex\[1\]"
    ):
        compile_rule({"and": [True, {"regex": [{"var": "s"}, "(a"]}]})
    with pytest.raises(RuleError, match=r"regex: invalid pattern '\(\?<=a\)b'"):
        compile_rule({"regex": ["ab", "(?<=a)b"]})  # look-behind: not RE2
    with pytest.raises(RuleError, match="the pattern must be a string"):
        compile_rule({"regex": ["ab", 12]})


def test_invalid_computed_pattern_is_an_error_when_evaluated() -> None:
    compiled = compile_rule({"regex": ["abc", {"var": "pattern"}]})
    assert evaluate(compiled, {"pattern": "b+"}) is True
    with pytest.raises(RuleError, match="regex: invalid pattern '\\['"):
        evaluate(compiled, {"pattern": "["})
    with pytest.raises(RuleError, match="the pattern must be a string"):
        evaluate(compiled, {})


@pytest.mark.parametrize(
    ("a", "b", "before"),
    [
        ("2025-03-01T09:00:00Z", "2025-03-01T10:00:00Z", True),
        ("2025-03-01T10:00:00Z", "2025-03-01T09:00:00Z", False),
        ("2025-03-01T10:00:00+02:00", "2025-03-01T09:00:00Z", True),  # 08:00 UTC
        ("2025-03-01T09:00:00", "2025-03-01T09:30:00+00:00", True),  # no offset: UTC
        ("2025-03-01T09:00:00", "2025-03-01T10:30:00+02:00", False),  # 08:30 UTC
        ("2025-03-01", "2025-03-01T00:00:01Z", True),  # a bare date: midnight UTC
        ("2025-03-01T09:00:00.250Z", "2025-03-01T09:00:00.5Z", True),
    ],
)
def test_before_and_after_compare_instants(a: str, b: str, before: bool) -> None:
    assert run({"before": [a, b]}) is before
    assert run({"after": [b, a]}) is before


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("yesterday", "2025-03-01T09:00:00Z"),
        ("2025-02-30", "2025-03-01"),
        ("2025-03-01T09:00:00Z", None),
        (1740819600, "2025-03-01"),
        ("2025-03-01", "2025-03-01"),
    ],
)
def test_before_and_after_are_false_unless_both_parse_and_differ(a: Any, b: Any) -> None:
    for operator in ("before", "after"):
        assert run({operator: [a, b]}) is False
        assert run({operator: [b, a]}) is False


def test_dates_from_the_context() -> None:
    rule = {"after": [{"var": "execution.started_at"}, "2025-01-01"]}
    assert run(rule, CONTEXT) is True


# Compiling: what is refused, and where.


def test_unknown_operator_is_named_with_its_path() -> None:
    with pytest.raises(RuleError, match=r'Unknown operator "bogus" at \$$'):
        compile_rule({"bogus": [1]})
    with pytest.raises(RuleError, match=r'Unknown operator "frobnicate" at \$\.and\[1\]\.if\[0\]$'):
        compile_rule({"and": [True, {"if": [{"frobnicate": 1}, 2]}]})
    with pytest.raises(RuleError, match=r'at \$\["=="\]\[0\] \(did you mean "startsWith"\?\)'):
        compile_rule({"==": [{"startswith": ["a", "b"]}, True]})


def test_unknown_operator_is_refused_even_where_it_would_not_run() -> None:
    with pytest.raises(RuleError, match='Unknown operator "later"'):
        compile_rule({"or": [True, {"later": []}]})


@pytest.mark.parametrize("name", ["method", "count", "var.length", "toString"])
def test_json_logic_qubit_extras_and_dotted_names_are_unknown(name: str) -> None:
    with pytest.raises(RuleError, match=f'Unknown operator "{name}"'):
        compile_rule({name: ["abc", "upper"]})


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"*": []}, r'"\*" takes at least 1 argument\(s\), not 0, at \$\["\*"\]'),
        ({"missing_some": [1]}, r'"missing_some" takes at least 2 argument\(s\), not 1'),
        (
            {"missing_some": [1, None]},
            r"the keys must be a list, not null, at \$\.missing_some\[1\]",
        ),
        ({"startsWith": ["abc"]}, r'"startsWith" takes exactly 2 argument\(s\), not 1'),
        ({"lower": ["a", "b"]}, r'"lower" takes exactly 1 argument\(s\), not 2'),
        (
            {"before": "2025-01-01"},
            r'"before" takes exactly 2 argument\(s\), not 1, at \$\.before$',
        ),
    ],
)
def test_argument_counts_json_logic_js_would_throw_on(rule: Any, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        compile_rule(rule)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"==": [float("nan"), 1]}, r"nan is not a JSON value, at \$\[\"==\"\]\[0\]"),
        (
            {"==": [{"a": float("inf"), "b": 1}, 1]},
            r'inf is not a JSON value, at \$\["=="\]\[0\]\.a',
        ),
        ({"in": [1, {1, 2}]}, r"is not a JSON value"),
        ({"==": [{1: "a", 2: "b"}, 1]}, r"is not a JSON value"),
    ],
)
def test_values_that_are_not_json_are_refused(rule: Any, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        compile_rule(rule)


def test_nesting_is_bounded() -> None:
    def chain(levels: int) -> Any:
        rule: Any = "deepest"
        for _ in range(levels):
            rule = {"if": [True, rule]}
        return rule

    assert run(chain(MAX_DEPTH)) == "deepest"
    with pytest.raises(
        RuleError, match=rf"nests more than {MAX_DEPTH} levels deep, at \$\.if\[1\]"
    ):
        compile_rule(chain(MAX_DEPTH + 1))


def test_the_deepest_rules_evaluate_within_the_stack() -> None:
    rule: Any = "deepest"
    expected: Any = "deepest"
    for _ in range(MAX_DEPTH // 2 - 1):  # Two levels each: map, then if inside it.
        rule = {"map": [[1], {"if": [True, rule]}]}
        expected = [expected]
    assert run(rule) == expected


# Evaluating: where json-logic-js throws, RuleError.


def test_missing_some_over_null_keys_is_an_error_when_evaluated() -> None:
    compiled = compile_rule({"missing_some": [1, {"var": "keys"}]})
    assert evaluate(compiled, {"keys": ["a", "b"], "a": 1}) == []
    assert evaluate(compiled, {"keys": ["a", "b"]}) == ["a", "b"]
    with pytest.raises(RuleError, match="missing_some: the keys must be a list, not null"):
        evaluate(compiled, {})


def test_keys_read_as_rules_are_checked_when_evaluated() -> None:
    # json-logic-js looks up each key of missing as {"var": key}: a list key is [path, default]...
    assert run({"missing": ["a", ["b", "fallback"]]}, {"b": None}) == ["a", ["b", "fallback"]]
    assert run({"missing": ["a", ["b", "fallback"]]}, {}) == ["a"]
    # ...and an object key that is an operation runs, or throws if unknown.
    with pytest.raises(
        RuleError, match=r'missing: its keys, read as a rule, do not compile.*"oops"'
    ):
        run({"missing": {"var": "key"}}, {"key": {"oops": 1}})


def test_data_nested_too_deeply_is_an_error() -> None:
    deep: Any = "bottom"
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(RuleError, match="nests too deeply"):
        run({"cat": [{"var": "x"}]}, {"x": deep})


# The stored form.


def test_stored_form_is_plain_json_for_every_example_and_official_rule() -> None:
    rules = [operator["example"] for operator in list_operators()]
    rules += [case.values[0] for case in CASES]
    for rule in rules:
        stored = compile_rule(rule)
        text = json.dumps(stored, allow_nan=False)
        assert json.loads(text) == stored
        assert evaluate(json.loads(text), CONTEXT) == evaluate(stored, CONTEXT)


def test_stored_form_is_stable() -> None:
    """Stored forms live in the database: this one must never change (add new names instead)."""
    rule = {
        "and": [
            {"==": [{"var": "lead.title"}, "CEO"]},
            {"some": [{"var": "lead.tags"}, {"in": [{"var": ""}, ["vip"]]}]},
            {"missing": ["lead.email"]},
        ]
    }
    data = {"var": ""}
    assert compile_rule(rule) == {
        "sy:and": [
            data,
            {"lazy": True, "rule": {"==": [{"sy:var": [data, "lead.title"]}, "CEO"]}},
            {
                "lazy": True,
                "rule": {
                    "sy:some": [
                        {"sy:var": [data, "lead.tags"]},
                        {"lazy": True, "rule": {"in": [{"sy:var": [data, ""]}, ["vip"]]}},
                    ]
                },
            },
            {"lazy": True, "rule": {"sy:missing": [data, "lead.email"]}},
        ]
    }


def test_compiling_and_evaluating_leave_their_inputs_alone() -> None:
    rule = {"merge": [{"var": "xs"}, {"if": [True, {"a": [1], "b": 2}]}, [{"var": "xs.0"}]]}
    data = {"xs": [[1], [2]]}
    rule_before, data_before = copy.deepcopy(rule), copy.deepcopy(data)
    assert run(rule, data) == [[1], [2], {"a": [1], "b": 2}, [1]]
    assert (rule, data) == (rule_before, data_before)


# Operators and registration.


def test_list_operators_describes_every_operator_a_rule_may_use() -> None:
    operators = list_operators()
    names = [operator["name"] for operator in operators]
    assert len(names) == len(set(names))
    assert {"==", "if", "reduce", "missing_some", "startsWith", "regex", "before"} <= set(names)
    for operator in operators:
        assert set(operator) == {"name", "category", "description", "example"}
        assert operator["description"]
        assert next(iter(operator["example"])) == operator["name"]
        evaluate(compile_rule(operator["example"]), CONTEXT)


def test_list_operators_returns_copies() -> None:
    list_operators()[0]["example"]["mutated"] = True
    assert "mutated" not in list_operators()[0]["example"]


def test_registration_is_idempotent_and_goes_through_json_logic_qubit() -> None:
    registered = dict(json_logic.operations)
    register_operations()
    register_operations()
    assert json_logic.operations == registered
    assert {"==", "sy:if", "sy:var", "sy:map", "regex"} <= set(registered)
    assert run({"==": [1, "1"]}) is True
