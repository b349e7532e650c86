"""GET endpoints of a `ReadRoute` router run in the reads' own threads, at most
as many at once as the pool allows; other methods and files keep anyio's default pool.
Parameters are still read and checked from the endpoint's signature."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Annotated

import httpx
from fastapi import APIRouter, FastAPI, Query

from api.threads import ReadRoute, use_read_threads


def _app() -> tuple[FastAPI, dict[str, int]]:
    """Routes that note how many of their calls ran at once, at most."""
    seen = {"now": 0, "most": 0}
    lock = threading.Lock()
    router = APIRouter(route_class=ReadRoute)

    def busy() -> None:
        with lock:
            seen["now"] += 1
            seen["most"] = max(seen["most"], seen["now"])
        time.sleep(0.05)
        with lock:
            seen["now"] -= 1

    @router.get("/read")
    def read(n: Annotated[int, Query(ge=1)]) -> dict[str, int]:
        busy()
        return {"n": n}

    @router.post("/write")
    def write() -> dict[str, bool]:
        busy()
        return {"ok": True}

    @router.get("/register.xlsx")
    def export() -> dict[str, bool]:
        busy()
        return {"ok": True}

    app = FastAPI()
    app.include_router(router)
    return app, seen


async def _at_once(app: FastAPI, method: str, path: str, count: int) -> list[httpx.Response]:
    use_read_threads(2)  # this event loop's pool for reads
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        return await asyncio.gather(*(client.request(method, path) for _ in range(count)))


def test_reads_run_at_most_as_many_at_once_as_their_pool_has() -> None:
    app, seen = _app()
    answers = asyncio.run(_at_once(app, "GET", "/read?n=3", 8))
    assert [a.json() for a in answers] == [{"n": 3}] * 8
    assert seen["most"] == 2


def test_other_methods_are_not_held_to_the_reads_pool() -> None:
    app, seen = _app()
    answers = asyncio.run(_at_once(app, "POST", "/write", 8))
    assert all(a.status_code == 200 for a in answers)
    assert seen["most"] > 2


def test_a_read_endpoints_parameters_are_still_checked() -> None:
    app, _ = _app()
    answer = asyncio.run(_at_once(app, "GET", "/read?n=0", 1))[0]
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"] == ["query", "n"]


def test_files_are_not_held_to_the_reads_pool() -> None:
    """An export takes seconds: in the reads' two threads, two would hold up every query."""
    app, seen = _app()
    answers = asyncio.run(_at_once(app, "GET", "/register.xlsx", 8))
    assert all(a.status_code == 200 for a in answers)
    assert seen["most"] > 2
