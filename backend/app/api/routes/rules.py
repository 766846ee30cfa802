import json
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse

from app.engine import rules
from app.engine.context import build_context
from app.models import OperatorsPublic, RuleEvaluation, RuleResult

router = APIRouter(prefix="/rules", tags=["rules"])


class _AsciiJSONResponse(JSONResponse):
    """JSONLogic, like JavaScript, can split a string between UTF-16 halves (`substr` of an
    emoji); `\\u` escapes carry such results where raw UTF-8 cannot."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode()


@router.post("/evaluate", response_model=RuleResult, response_class=_AsciiJSONResponse)
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


@router.get("/operators", response_model=OperatorsPublic)
def list_operators() -> OperatorsPublic:
    """Every operator a rule may use, for the rule builder."""
    return OperatorsPublic.model_validate({"items": rules.list_operators()})
