"""Queries from a real hot standby (`LIUDONG_READ_URL`), commands to the primary:
reads are served on the standby, writes are refused there, and a command's
effect is visible through the replica once a query names the command's
position; a position it cannot reach in time is answered 503 with Retry-After."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import PersistenceError
from fastapi.testclient import TestClient

from api.app import create_app
from domain.commands import IssueToken
from service.settings import Settings
from tests.support.county import build_small_county, member_command
from tests.support.standby import primary_and_standby, standby_available
from tests.support.stores import IN_CI, TEST_KEY, Clock

pytestmark = pytest.mark.postgres


def _body(command: Any) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else str(v) if v is not None else None)
            for k, v in dataclasses.asdict(command).items() if v is not None}


def test_queries_read_the_standby_and_wait_for_a_commands_position(tmp_path: Path, clock: Clock) -> None:
    if reason := standby_available():
        (pytest.fail if IN_CI else pytest.skip)(f"no hot standby can be built here: {reason}")
    with primary_and_standby() as pair:
        settings = Settings(db=tmp_path / "unused.db", database_url=pair.primary_url, pg_schema="county",
                            read_url=pair.standby_url, read_wait=1.0, lock_timeout=5, secret_key=TEST_KEY.hex())
        app = create_app(settings, clock)
        with TestClient(app) as client:
            service = app.state.service
            county = build_small_county(service.ledger)
            admin = {"Authorization": "Bearer " + service.ledger.execute(
                county.admin, IssueToken(officer_id=county.t1_officer)).token}
            pair.wait_replayed()
            assert service.reads_replica
            with service.queries.store.read() as tx:  # the queries' connections are the standby's
                assert tx.value("SELECT pg_is_in_recovery() AS r") is True
            with pytest.raises(PersistenceError), service.queries.store.transaction() as tx:
                tx.execute("CREATE TABLE refused (a INTEGER)")  # a standby takes no writes
            recorded = client.post("/members", headers=admin, json=_body(member_command(county.b1, 5)))
            assert recorded.status_code == 201, recorded.text
            position, member = recorded.headers["X-Liudong-Position"], recorded.json()["subject_id"]
            seen = client.get(f"/members/{member}", headers={**admin, "X-Liudong-Position": position})
            assert seen.status_code == 200 and seen.json()["name"] == "党员5"
            far = client.get("/register", headers={**admin, "X-Liudong-Position": str(int(position) + 10_000)})
            assert far.status_code == 503 and far.headers["Retry-After"] == "1", far.text
            assert far.json()["detail"]["code"] == "views.behind"
            bad = client.get("/register", headers={**admin, "X-Liudong-Position": "soon"})
            assert bad.status_code == 422 and bad.json()["detail"]["field"] == "X-Liudong-Position"
            pair.wait_replayed()
            lag = client.get("/health").json()["replica"]
            assert lag["events_behind"] == 0 and lag["lag_bytes"] >= 0
            live = service.runner.rebuild(grace=0)  # a new generation on the primary, the old one dropped
            pair.wait_replayed()
            after = client.get("/register", headers={**admin, "X-Liudong-Position": position})
            assert after.status_code == 200 and after.json()["total"] == 1, after.text
            assert service.queries.position()[0] == live  # the standby reads the new generation
