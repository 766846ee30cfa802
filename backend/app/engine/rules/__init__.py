"""The rules engine: JsonLogic rules (triggers, branch conditions) evaluated as json-logic-js does.

Rules are compiled once (`compile_rule`: validation, and a JSON stored form kept with each
workflow version), then evaluated against an event's context (`evaluate`). Evaluation runs through
json-logic-qubit, with JavaScript's semantics for every operator, as json-logic-js has them;
docs/rules.md describes the language. Importing this package registers our operators with
json-logic-qubit.
"""

from app.engine.rules.catalog import list_operators
from app.engine.rules.compiler import compile_rule
from app.engine.rules.errors import RuleError
from app.engine.rules.javascript import is_truthy
from app.engine.rules.runtime import evaluate

__all__ = ["RuleError", "compile_rule", "evaluate", "is_truthy", "list_operators"]
