"""Cursor paging for list endpoints: newest first, stable under inserts.

A cursor is the (time, id) of the last item served, so the next page starts strictly after it
however many new rows arrived meanwhile.
"""

import base64
import json
import uuid
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import HTTPException, Query
from sqlalchemy import and_, or_
from sqlmodel import Session, SQLModel
from sqlmodel.sql.expression import SelectOfScalar

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page")]
CursorQuery = Annotated[
    str | None, Query(description="`next_cursor` of the previous page", max_length=200)
]

Row = TypeVar("Row", bound=SQLModel)


def encode_cursor(moment: datetime, row_id: uuid.UUID) -> str:
    raw = json.dumps([moment.isoformat(), str(row_id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment, row_id = json.loads(raw)
        return datetime.fromisoformat(moment), uuid.UUID(row_id)
    except (ValueError, TypeError) as error:
        raise HTTPException(
            status_code=422,
            detail=[{"loc": ["query", "cursor"], "msg": "cursor is not valid", "type": "cursor"}],
        ) from error


def page(
    session: Session,
    statement: SelectOfScalar[Row],
    *,
    time_column: Any,
    id_column: Any,
    limit: int,
    cursor: str | None,
) -> tuple[list[Row], str | None]:
    """Run `statement` for one page, newest first; returns the rows and the next cursor."""
    if cursor:
        moment, row_id = decode_cursor(cursor)
        statement = statement.where(
            or_(time_column < moment, and_(time_column == moment, id_column < row_id))
        )
    statement = statement.order_by(time_column.desc(), id_column.desc()).limit(limit + 1)
    rows = list(session.exec(statement).all())
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor(getattr(last, time_column.key), last.id)  # type: ignore[attr-defined]
