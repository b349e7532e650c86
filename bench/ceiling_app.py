"""The ceiling: the real application (`api.app:create_served_app`, its lifespan,
middleware and routes) with one more route, GET /bench/ceiling, answering a
prebuilt JSON body of CEILING_BYTES bytes (the average register page of the
same run). Whatever the service does per request beyond this is its own.

    CEILING_BYTES=70000 LIUDONG_DB=... python -m bench.ceiling_app --port 8123

`serve` runs any app factory with the uvicorn settings of `liudong serve
--no-access-log` (cli/main.py `_serve`), so the ceiling, the service and the
CRUD baseline meet the same stack.
"""

from __future__ import annotations

import argparse
import json
import os

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import Response

from api.app import create_served_app as create_service_app

__all__ = ["create_app", "prebuilt_body", "serve"]

PATH = "/bench/ceiling"


def prebuilt_body(size: int) -> bytes:
    """A JSON page of about `size` bytes (50 rows, like a register page)."""
    row = {"member_id": "0" * 36, "name": "某某", "note": ""}
    rows = [dict(row) for _ in range(50)]
    body = json.dumps({"rows": rows, "total": 50, "page": 1, "size": 50}).encode()
    rows[0]["note"] = "x" * max(0, size - len(body))
    return json.dumps({"rows": rows, "total": 50, "page": 1, "size": 50}).encode()


def create_app() -> FastAPI:
    app = create_service_app()
    body = prebuilt_body(int(os.environ.get("CEILING_BYTES", "1000")))

    # async: no thread hop, no dependency, no query; the middleware and the router are the service's own.
    @app.get(PATH, include_in_schema=False)
    async def ceiling(request: Request) -> Response:
        return Response(content=body, media_type="application/json")

    return app


def serve(factory: str, port: int, host: str = "127.0.0.1") -> None:
    """The keyword arguments of cli/main.py `_serve` with workers=1 and access_log=False:
    loop and http "auto" (uvloop and httptools when installed, as they are in the bench's venv)."""
    uvicorn.run(factory, factory=True, host=host, port=port, workers=1, log_level="info", access_log=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--factory", default="bench.ceiling_app:create_app")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    serve(args.factory, args.port)


if __name__ == "__main__":
    main()
