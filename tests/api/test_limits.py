"""Bounds on what a request may send (issue 13, A5): the token is checked
before the body is read, and a body past its route's limit is refused with
413 naming the limit; nothing is stored. On both stores."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

from api.app import create_app
from service.settings import Settings
from tests.api.conftest import Api
from tests.api.test_commands import MEMBER, refused
from tests.support.network import served
from tests.support.stores import NOW, TEST_KEY, Clock


def chunks(total: int, size: int = 2**20) -> Iterator[bytes]:
    """A body sent in pieces, without a Content-Length (chunked), and counted as it goes."""
    sent = 0
    while sent < total:
        piece = min(size, total - sent)
        sent += piece
        yield b" " * piece


def test_a_post_without_a_valid_token_is_refused_before_its_body_is_read(tmp_path: Path) -> None:
    settings = Settings(db=tmp_path / "ledger.db", database_url=None, secret_key=TEST_KEY.hex())
    with served(create_app(settings, Clock(NOW))) as port, \
            socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"POST /members HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                           b"Content-Length: 209715200\r\n\r\n" + b" " * 2**16)  # 200 MB announced, 64 KB sent
        answer = connection.recv(65536).decode("latin-1")
    assert answer.startswith("HTTP/1.1 401 ")
    assert '"code":"actor.token"' in answer


def test_a_command_body_past_its_limit_is_refused_with_413(api: Api) -> None:
    body = {**MEMBER, "branch_id": str(api.county.b1), "name": "张" * 70_000}
    detail = refused(api, lambda: api.post("t1_officer", "/members", body), 413, "input.too_large")
    assert detail["message"] == "请求大小：请求内容超过 64 KB 的上限，未办理"


def test_a_chunked_body_past_its_limit_is_refused_with_413(api: Api) -> None:
    headers = api.headers("t1_officer", **{"Content-Type": "application/json"})
    refused(api, lambda: api.client.post("/members", content=chunks(5 * 2**20, 2**16), headers=headers),
            413, "input.too_large")


def test_an_import_may_be_larger_than_a_command_but_not_without_bound(api: Api) -> None:
    headers = api.headers("admin", **{"Content-Type": "multipart/form-data; boundary=x",
                                      "Content-Length": str(21 * 2**20)})
    refused(api, lambda: api.client.post("/imports", content=b"", headers=headers), 413, "input.too_large")
