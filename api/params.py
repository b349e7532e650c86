"""Query and path parameters several routes share, with the bounds that keep a
request inside what the store can answer: a page number, a date, a position
in the log. Out of bounds is a 422 naming the parameter, never a 500."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query

__all__ = ["AsOfQuery", "FIRST_DAY", "LAST_DAY", "MAX_PAGE", "MAX_POSITION", "PageQuery", "PositionPath"]

MAX_PAGE = 100_000  # with the largest page size, well inside a 64-bit OFFSET
MAX_POSITION = 2**63 - 1  # a position in the log is a 64-bit integer in both stores
FIRST_DAY, LAST_DAY = date(1949, 10, 1), date(2099, 12, 31)  # dates the ledger can reason about

PageQuery = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"页码（1 至 {MAX_PAGE}）")]
AsOfQuery = Annotated[date | None, Query(ge=FIRST_DAY, le=LAST_DAY,
                                         description=f"按该日判断（{FIRST_DAY} 至 {LAST_DAY}），默认今天")]
PositionPath = Annotated[int, Path(ge=1, le=MAX_POSITION, description="记录在全县事件日志中的位置")]
