from typing import Any

from fastapi import HTTPException

from app.core.storable import unstorable_path


def refuse_unstorable(value: Any, name: str) -> None:
    """422 when `value` holds a string or number no database can store (app.core.storable)."""
    path = unstorable_path(value, name)
    if path is not None:
        raise HTTPException(
            status_code=422,
            detail=[
                {
                    "loc": ["body", *path.split(".")[1:]],
                    "msg": f"{path} cannot be stored: a NUL character, an unpaired UTF-16 "
                    "surrogate, NaN or Infinity",
                    "type": "unstorable_value",
                }
            ],
        )
