from typing import Any

from fastapi import HTTPException

from app.core.storable import unstorable_reason


def refuse_unstorable(value: Any, name: str) -> None:
    """422 when `value` holds something no database can store (see app.core.storable)."""
    found = unstorable_reason(value, name)
    if found is not None:
        path, reason = found
        raise HTTPException(
            status_code=422,
            detail=[
                {
                    "loc": ["body", *path.split(".")[1:]],
                    "msg": f"{path} {reason}",
                    "type": "unstorable_value",
                }
            ],
        )
