"""A bug in one request answers 500 with the usual error body, for that request
alone: the keep-alive connection stays open for the next request, which is
answered as usual. A real server on a free loopback port."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.app import create_app
from service.settings import Settings
from tests.support.network import served
from tests.support.stores import NOW, TEST_KEY, Clock


@pytest.fixture
def server(tmp_path: Path) -> Iterator[int]:
    app = create_app(Settings(db=tmp_path / "ledger.db", database_url=None, secret_key=TEST_KEY.hex()), Clock(NOW))

    @app.get("/broken", include_in_schema=False)
    def broken() -> None:
        raise RuntimeError("a bug")

    with served(app) as port:
        yield port


def test_a_bug_answers_500_and_the_connection_serves_the_next_request(server: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    connection.request("GET", "/broken")
    failed = connection.getresponse()
    body = json.loads(failed.read())
    assert failed.status == 500 and body["detail"]["code"] == "server.error"
    assert body["detail"]["message"].startswith("服务器错误：")
    socket_before = connection.sock
    connection.request("GET", "/health")  # on the same connection: it was not reset
    health = connection.getresponse()
    assert health.status == 200 and json.loads(health.read())["status"] == "ok"
    assert connection.sock is socket_before
    connection.close()
