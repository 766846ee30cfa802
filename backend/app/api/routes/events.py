import json
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response
from sqlmodel import Session, col, select

from app.api.deps import SessionDep
from app.api.errors import refuse_unstorable
from app.api.paging import DEFAULT_LIMIT, CursorQuery, LimitQuery, page
from app.models import Event, EventAccepted, EventPublic, EventsPublic, Execution, TriggerError
from app.services.events import ingest_event

router = APIRouter(prefix="/events", tags=["events"])


def _refuse(message: str, kind: str) -> HTTPException:
    return HTTPException(status_code=422, detail=[{"loc": ["body"], "msg": message, "type": kind}])


def _not_json(constant: str) -> None:
    raise ValueError(f"{constant} is not a JSON value")


async def _event_payload(request: Request) -> dict[str, Any]:
    """The body as a JSON object, whatever Content-Type the sender set: webhook senders (and
    `curl -d`) often label JSON as form data or text."""
    try:
        payload = json.loads(await request.body(), parse_constant=_not_json)
    except ValueError as error:
        raise _refuse(f"the body is not valid JSON: {error}", "json_invalid") from error
    except RecursionError as error:
        raise _refuse("the body is nested too deeply", "json_invalid") from error
    if not isinstance(payload, dict):
        kind = "null" if payload is None else type(payload).__name__.replace("list", "array")
        raise _refuse(f"an event must be a JSON object, not {kind}", "dict_type")
    return payload


EventPayload = Annotated[dict[str, Any], Depends(_event_payload)]
_EVENT_BODY = {
    "requestBody": {
        "required": True,
        "description": "Any JSON object: the event payload",
        "content": {
            "application/json": {
                "schema": {"type": "object", "additionalProperties": True},
                "example": {"type": "lead.created", "lead": {"title": "CEO"}},
            }
        },
    }
}


@router.post("", status_code=202, response_model=EventAccepted, openapi_extra=_EVENT_BODY)
def post_event(
    payload: EventPayload,
    response: Response,
    idempotency_key: Annotated[
        str | None,
        Header(
            min_length=1,
            max_length=255,
            description="The same key within 24 hours answers with the first post's result",
        ),
    ] = None,
) -> EventAccepted:
    refuse_unstorable(payload, "payload")
    answer, replayed = ingest_event(payload, idempotency_key)
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return answer


@router.get("", response_model=EventsPublic)
def list_events(
    session: SessionDep, limit: LimitQuery = DEFAULT_LIMIT, cursor: CursorQuery = None
) -> EventsPublic:
    rows, next_cursor = page(
        session,
        select(Event),
        time_column=col(Event.received_at),
        id_column=col(Event.id),
        limit=limit,
        cursor=cursor,
    )
    return EventsPublic(items=_with_executions(session, rows), next_cursor=next_cursor)


@router.get("/{event_id}", response_model=EventPublic)
def read_event(session: SessionDep, event_id: uuid.UUID) -> EventPublic:
    event = session.get(Event, event_id)
    if event is None:
        raise HTTPException(status_code=404, detail=f"event {event_id} not found")
    return _with_executions(session, [event])[0]


def _with_executions(session: Session, events: list[Event]) -> list[EventPublic]:
    started: dict[uuid.UUID, list[uuid.UUID]] = {event.id: [] for event in events}
    if events:
        rows = session.exec(
            select(Execution.event_id, Execution.id)
            .where(col(Execution.event_id).in_(list(started)))
            .order_by(col(Execution.started_at), col(Execution.id))
        ).all()
        for event_id, execution_id in rows:
            started[event_id].append(execution_id)
    return [
        EventPublic(
            id=event.id,
            received_at=event.received_at,
            payload=event.payload,
            execution_ids=started[event.id],
            trigger_errors=[TriggerError.model_validate(error) for error in event.trigger_errors],
        )
        for event in events
    ]
