"""Twenty counties served by one process, within PostgreSQL's 100 connections:
one shared pool and one session holding every county's runner lease; a
county added while the process runs is served without a restart."""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from service.counties import WATCH, Counties
from tests.support.deployment import deployment_settings, drop_deployment
from tests.support.stores import Clock

pytestmark = pytest.mark.postgres

CODES = [f"5119{n:02d}" for n in range(1, 21)]


def _connections(url: str, name: str) -> tuple[int, int]:
    """This process's connections (by their application name), and the advisory locks they hold."""
    with psycopg.connect(url) as conn:
        found = conn.execute(
            "SELECT COUNT(DISTINCT a.pid), COUNT(l.pid) FROM pg_stat_activity a "
            "LEFT JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.granted "
            "WHERE a.application_name = %s", [name]).fetchone()
    assert found is not None
    return int(found[0]), int(found[1])


def _wait_for(check: object, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.1)


def test_twenty_counties_share_one_pool(postgres_url: str, tmp_path: Path, clock: Clock) -> None:
    settings = deployment_settings(postgres_url, tmp_path, pg_pool_size=30)
    try:
        setup = Counties(settings, clock)
        try:
            tokens = {code: setup.add(code, f"第{code[-2:]}县", "管理员").token for code in CODES}
        finally:
            setup.close()
        app = create_app(settings, clock)
        with TestClient(app) as client:
            pool = app.state.counties.pool
            for code, token in tokens.items():
                answer = client.get("/counties/statistics", headers={"Authorization": f"Bearer {token}"})
                assert answer.status_code == 200 and answer.json()["counties"][0]["code"] == code
            _wait_for(lambda: _connections(postgres_url, pool)[1] == 20)  # each county's runner holds its lease
            ready = client.get("/readyz")  # every county's store answers and its lease is held
            assert ready.status_code == 200 and len(ready.json()["counties"]) == 20, ready.text
            connections, _ = _connections(postgres_url, pool)
            assert connections <= 30 + 1, connections  # the pool's, and the one session of the leases
            late = Counties(settings, clock)  # as `liudong county add` does, in another process
            try:
                token = late.add("511999", "新县", "管理员").token
            finally:
                late.close()
            _wait_for(lambda: _connections(postgres_url, pool)[1] == 21, timeout=WATCH * 5)
            me = client.get("/me", headers={"Authorization": f"Bearer {token}"})
            assert me.status_code == 200 and me.json()["name"] == "管理员"
    finally:
        drop_deployment(settings)
