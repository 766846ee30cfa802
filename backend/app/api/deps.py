from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends
from sqlmodel import Session

from app.core.db import get_db


def _session() -> Iterator[Session]:
    yield from get_db()


SessionDep = Annotated[Session, Depends(_session)]
