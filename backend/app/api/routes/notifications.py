import uuid

from fastapi import APIRouter
from sqlmodel import col, select

from app.api.deps import SessionDep
from app.api.paging import DEFAULT_LIMIT, CursorQuery, LimitQuery, page
from app.models import Notification, NotificationPublic, NotificationsPublic

router = APIRouter(prefix="/notifications", tags=["notifications"])


@router.get("", response_model=NotificationsPublic)
def list_notifications(
    session: SessionDep,
    execution_id: uuid.UUID | None = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> NotificationsPublic:
    statement = select(Notification)
    if execution_id is not None:
        statement = statement.where(Notification.execution_id == execution_id)
    rows, next_cursor = page(
        session,
        statement,
        time_column=col(Notification.created_at),
        id_column=col(Notification.id),
        limit=limit,
        cursor=cursor,
    )
    return NotificationsPublic(
        items=[NotificationPublic.model_validate(row) for row in rows], next_cursor=next_cursor
    )
