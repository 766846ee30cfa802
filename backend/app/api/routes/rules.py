from typing import Any

from fastapi import APIRouter, HTTPException

from app.engine import rules
from app.engine.context import build_context
from app.models import RuleEvaluation, RuleResult

router = APIRouter(prefix="/rules", tags=["rules"])


@router.post("/evaluate", response_model=RuleResult)
def evaluate_rule(body: RuleEvaluation) -> RuleResult:
    """Evaluate a rule against a sample payload, in the context a trigger sees."""
    try:
        result = rules.evaluate(rules.compile_rule(body.rule), build_context(payload=body.payload))
    except rules.RuleError as error:
        raise HTTPException(
            status_code=422,
            detail=[{"loc": ["body", "rule"], "msg": str(error), "type": "invalid_rule"}],
        ) from error
    return RuleResult(result=result, matched=rules.is_truthy(result))


@router.get("/operators")
def list_operators() -> dict[str, Any]:
    """Every operator a rule may use, for the rule builder."""
    return {"items": rules.list_operators(), "next_cursor": None}
