"""Every operator a rule may use: what it is for the editor, and how the compiler stores it.

This is the language; `runtime` holds what each operator does. GET /rules/operators serves
`list_operators()`, and the compiler refuses any operator that is not in OPERATORS.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from app.engine.rules.errors import RuleError
from app.engine.rules.extensions import compile_pattern


class Shape(StrEnum):
    """How an operator gets its arguments, which decides its stored form."""

    EAGER = "eager"
    """Its arguments are evaluated first; json-logic-qubit calls it with their values."""
    READS_DATA = "reads_data"
    """Like EAGER, and it is also handed the data the rule is evaluated against."""
    LAZY = "lazy"
    """It evaluates its own arguments, on the current data, only as far as needed (if, and, or)."""
    ITERATING = "iterating"
    """Its first argument is evaluated; its second is a rule it evaluates against each item."""


ArgumentCheck = Callable[[list[Any], list[str]], None]


@dataclass(frozen=True)
class Operator:
    """One operator. Arguments checks beyond the count live in `check`, given the raw arguments and
    their JSON paths, and raise RuleError."""

    name: str
    category: str
    description: str
    example: Any
    shape: Shape = Shape.EAGER
    min_args: int = 0
    max_args: int | None = None
    evaluated_args: int | None = None
    """json-logic-js never evaluates arguments past this many: compiling checks, then drops them."""
    check: ArgumentCheck | None = None

    @property
    def stored_name(self) -> str:
        """The name in the stored form. Stored names are persisted: one never changes its meaning.

        json-logic-qubit runs its own if/and/or, scoped and data operators before any added one, so
        ours for those are stored under a name of their own; the others override the library's.
        """
        return self.name if self.shape is Shape.EAGER else f"sy:{self.name}"


def is_operation(value: Any) -> bool:
    """Whether a rule value is an operation: an object with exactly one key, as in JsonLogic."""
    return isinstance(value, dict) and len(value) == 1


def _check_keys_argument(args: list[Any], paths: list[str]) -> None:
    if args[1] is None:  # json-logic-js throws reading the length of null.
        raise RuleError(f"missing_some: the keys must be a list, not null, at {paths[1]}")


def _check_literal_pattern(args: list[Any], paths: list[str]) -> None:
    if is_operation(args[1]):
        return  # Computed at evaluation, and checked then.
    try:
        compile_pattern(args[1])
    except RuleError as error:
        raise RuleError(f"{error}, at {paths[1]}") from None


_COERCING = "with JavaScript's coercion (see the table in docs/rules.md)"

OPERATORS: Final[tuple[Operator, ...]] = (
    # Logic
    Operator(
        "if",
        "logic",
        "[condition, then, condition, then, ..., else]: the value after the first truthy "
        "condition, else the last argument (null if there is none). Only what is needed runs.",
        {"if": [{">": [{"var": "lead.score"}, 80]}, "hot", "cold"]},
        shape=Shape.LAZY,
    ),
    Operator(
        "?:",
        "logic",
        "[condition, then, else]: the ternary operator; the same as if.",
        {"?:": [{"var": "lead.vip"}, "gold", "standard"]},
        shape=Shape.LAZY,
    ),
    Operator(
        "and",
        "logic",
        "The first falsy argument, or the last one if all are truthy. Stops at the first falsy.",
        {"and": [{"==": [{"var": "lead.title"}, "CEO"]}, {">": [{"var": "lead.employees"}, 100]}]},
        shape=Shape.LAZY,
    ),
    Operator(
        "or",
        "logic",
        "The first truthy argument, or the last one if none is. Stops at the first truthy one.",
        {"or": [{"==": [{"var": "lead.country"}, "FR"]}, {"==": [{"var": "lead.country"}, "BE"]}]},
        shape=Shape.LAZY,
    ),
    Operator(
        "!",
        "logic",
        'true if the argument is falsy: false, 0, "", null, [] or a missing value.',
        {"!": {"var": "lead.unsubscribed"}},
    ),
    Operator(
        "!!",
        "logic",
        "The argument's truthiness as true or false ([] is false, {} is true).",
        {"!!": {"var": "lead.tags"}},
    ),
    # Comparison
    Operator(
        "==",
        "comparison",
        f'Loose equality {_COERCING}: 200 == "200" and 1 == true hold; null equals only null.',
        {"==": [{"var": "nodes.call.output.status"}, 200]},
    ),
    Operator(
        "===",
        "comparison",
        "Strict equality: same type and value, no coercion; a list or object equals only itself.",
        {"===": [{"var": "lead.plan"}, "pro"]},
    ),
    Operator(
        "!=",
        "comparison",
        f"Loose inequality {_COERCING}; the opposite of ==.",
        {"!=": [{"var": "lead.status"}, "lost"]},
    ),
    Operator(
        "!==",
        "comparison",
        "Strict inequality; the opposite of ===.",
        {"!==": [{"var": "lead.owner"}, None]},
    ),
    Operator(
        ">",
        "comparison",
        f"Greater than {_COERCING}: two strings compare alphabetically, anything else as numbers "
        "(null as 0); false if either side is not a number.",
        {">": [{"var": "lead.score"}, 80]},
    ),
    Operator(
        ">=",
        "comparison",
        f"Greater than or equal {_COERCING}.",
        {">=": [{"var": "lead.employees"}, 50]},
    ),
    Operator(
        "<",
        "comparison",
        f"Less than {_COERCING}. With three arguments, whether the middle one lies strictly "
        "between the other two.",
        {"<": [0, {"var": "lead.discount"}, 30]},
    ),
    Operator(
        "<=",
        "comparison",
        f"Less than or equal {_COERCING}. With three arguments, whether the middle one lies "
        "between the other two, bounds included.",
        {"<=": [18, {"var": "lead.age"}, 65]},
    ),
    # Arithmetic
    Operator(
        "+",
        "arithmetic",
        'Sum. Each argument is read like JavaScript\'s parseFloat: "12px" counts as 12, true is '
        "not a number. With one argument, turns a numeric string into a number.",
        {"+": [{"var": "order.subtotal"}, {"var": "order.shipping"}]},
    ),
    Operator(
        "-",
        "arithmetic",
        "Difference of two numbers, or the negation of one.",
        {"-": [{"var": "budget.total"}, {"var": "budget.spent"}]},
    ),
    Operator(
        "*",
        "arithmetic",
        "Product, reading each argument like parseFloat. Needs at least one argument.",
        {"*": [{"var": "order.price"}, 1.2]},
        min_args=1,
    ),
    Operator(
        "/",
        "arithmetic",
        "Quotient. A result that is not a finite number, such as a division by zero, is null.",
        {"/": [{"var": "budget.spent"}, {"var": "budget.total"}]},
    ),
    Operator(
        "%",
        "arithmetic",
        "Remainder, with the sign of the dividend: -3 % 4 is -3.",
        {"%": [{"var": "lead.id"}, 2]},
    ),
    Operator(
        "min",
        "arithmetic",
        "The smallest argument, as numbers; null if one is not a number.",
        {"min": [{"var": "quote.a"}, {"var": "quote.b"}]},
    ),
    Operator(
        "max",
        "arithmetic",
        "The largest argument, as numbers; null if one is not a number.",
        {"max": [{"var": "quote.a"}, {"var": "quote.b"}]},
    ),
    # Data
    Operator(
        "var",
        "data",
        'Reads the data by a dot-separated path such as "lead.title" or "items.0"; "" is the '
        "whole data. A second argument is returned instead of a missing value.",
        {"var": ["lead.title", "unknown"]},
        shape=Shape.READS_DATA,
    ),
    Operator(
        "missing",
        "data",
        'The keys among the arguments (or in a list argument) whose value is missing, null or "".',
        {"missing": ["lead.email", "lead.phone"]},
        shape=Shape.READS_DATA,
    ),
    Operator(
        "missing_some",
        "data",
        "[n, keys]: [] if at least n of the keys have a value, otherwise the missing ones.",
        {"missing_some": [1, ["lead.email", "lead.phone"]]},
        shape=Shape.READS_DATA,
        min_args=2,
        check=_check_keys_argument,
    ),
    # Arrays
    Operator(
        "map",
        "array",
        "[list, rule]: the rule's value for each item; inside the rule, the item is the data "
        '({"var": ""} is the item itself).',
        {"map": [{"var": "order.items"}, {"*": [{"var": "price"}, {"var": "quantity"}]}]},
        shape=Shape.ITERATING,
        evaluated_args=2,
    ),
    Operator(
        "filter",
        "array",
        "[list, rule]: the items for which the rule is truthy.",
        {"filter": [{"var": "order.items"}, {">": [{"var": "quantity"}, 0]}]},
        shape=Shape.ITERATING,
        evaluated_args=2,
    ),
    Operator(
        "reduce",
        "array",
        '[list, rule, initial]: folds the list into one value; the rule reads {"var": "current"} '
        'and {"var": "accumulator"}, which starts as initial (null if not given).',
        {
            "reduce": [
                {"var": "order.items"},
                {"+": [{"var": "accumulator"}, {"var": "current.price"}]},
                0,
            ]
        },
        shape=Shape.ITERATING,
        evaluated_args=3,
    ),
    Operator(
        "all",
        "array",
        "[list, rule]: whether the rule is truthy for every item; false for an empty list.",
        {"all": [{"var": "order.items"}, {">": [{"var": "quantity"}, 0]}]},
        shape=Shape.ITERATING,
        evaluated_args=2,
    ),
    Operator(
        "some",
        "array",
        "[list, rule]: whether the rule is truthy for at least one item.",
        {"some": [{"var": "order.items"}, {"==": [{"var": "sku"}, "GIFT"]}]},
        shape=Shape.ITERATING,
        evaluated_args=2,
    ),
    Operator(
        "none",
        "array",
        "[list, rule]: whether the rule is truthy for no item; true for an empty list.",
        {"none": [{"var": "order.items"}, {"var": "backordered"}]},
        shape=Shape.ITERATING,
        evaluated_args=2,
    ),
    Operator(
        "merge",
        "array",
        "One flat list of the arguments: list arguments are spread one level.",
        {"merge": [{"var": "lead.tags"}, "vip"]},
    ),
    Operator(
        "in",
        "array",
        "[needle, haystack]: whether a list holds the needle (compared with ===), or whether a "
        "string contains it as a substring.",
        {"in": [{"var": "lead.country"}, ["FR", "DE", "IT"]]},
    ),
    # Strings
    Operator(
        "cat",
        "string",
        "The arguments joined into one string; null adds nothing.",
        {"cat": ["Hello, ", {"var": "lead.name"}]},
    ),
    Operator(
        "substr",
        "string",
        "[string, start, length]: part of a string. A negative start counts from the end; a "
        "negative length drops that many characters from the end.",
        {"substr": [{"var": "lead.phone"}, 0, 3]},
    ),
    Operator(
        "startsWith",
        "string",
        "[string, prefix]: whether the string starts with the prefix; false if it is not a string. "
        "react-querybuilder's JsonLogic export emits it.",
        {"startsWith": [{"var": "lead.email"}, "ceo@"]},
        min_args=2,
        max_args=2,
    ),
    Operator(
        "endsWith",
        "string",
        "[string, suffix]: whether the string ends with the suffix; false if it is not a string. "
        "react-querybuilder's JsonLogic export emits it.",
        {"endsWith": [{"var": "lead.email"}, "@example.com"]},
        min_args=2,
        max_args=2,
    ),
    Operator(
        "lower",
        "string",
        "The value as a lower-case string; null stays null.",
        {"lower": {"var": "lead.title"}},
        min_args=1,
        max_args=1,
    ),
    Operator(
        "upper",
        "string",
        "The value as an upper-case string; null stays null.",
        {"upper": {"var": "lead.country"}},
        min_args=1,
        max_args=1,
    ),
    Operator(
        "length",
        "string",
        "The number of items of a list, or of characters of a string (in UTF-16 code units, as "
        "JavaScript counts); null for anything else.",
        {"length": {"var": "lead.tags"}},
        min_args=1,
        max_args=1,
    ),
    Operator(
        "regex",
        "string",
        "[value, pattern]: whether the RE2 pattern matches anywhere in the value; null never "
        "matches. (?i) makes it case-insensitive. Runs in linear time, whatever the pattern.",
        {"regex": [{"var": "lead.email"}, "@(gmail|yahoo)\\.com$"]},
        min_args=2,
        max_args=2,
        check=_check_literal_pattern,
    ),
    # Dates
    Operator(
        "before",
        "date",
        "[a, b]: whether the ISO 8601 date-time a is earlier than b. Without an offset a value is "
        "UTC, a bare date is midnight UTC; false if either does not parse.",
        {"before": [{"var": "lead.created_at"}, "2025-01-01T00:00:00Z"]},
        min_args=2,
        max_args=2,
    ),
    Operator(
        "after",
        "date",
        "[a, b]: whether the ISO 8601 date-time a is later than b; same parsing as before.",
        {"after": [{"var": "execution.started_at"}, {"var": "lead.trial_ends_at"}]},
        min_args=2,
        max_args=2,
    ),
    # Debugging
    Operator(
        "log",
        "debug",
        "Returns its argument unchanged, and writes it to the server log.",
        {"log": {"var": "lead"}},
    ),
)

OPERATORS_BY_NAME: Final = {operator.name: operator for operator in OPERATORS}


def list_operators() -> list[dict[str, Any]]:
    """Every operator a rule may use, as {name, category, description, example}, for the editor.

    The order is stable (grouped by category); each call returns fresh copies.
    """
    return [
        {
            "name": operator.name,
            "category": operator.category,
            "description": operator.description,
            "example": copy.deepcopy(operator.example),
        }
        for operator in OPERATORS
    ]
