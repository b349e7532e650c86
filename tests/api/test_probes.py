"""/livez answers while the process does; /readyz only while the store answers,
the views are within the allowed lag and a runner holds the views' lease."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from tests.support.county import build_small_county
from tests.support.members import enrol
from tests.support.stores import Clock, Store


def test_ready_while_a_runner_follows_the_log(store: Store, clock: Clock) -> None:
    app = create_app(store.settings, clock)
    with TestClient(app) as client:
        service = app.state.service
        build_small_county(service.ledger)
        assert service.queries.wait_for(service.ledger.recorder.max_notification_id(), timeout=10)
        assert client.get("/livez").json() == {"status": "ok"}
        ready = client.get("/readyz")
        assert ready.status_code == 200, ready.text
        assert ready.json()["status"] == "ready" and ready.json()["behind"] == 0


def test_not_ready_when_no_runner_follows_and_the_views_fall_behind(store: Store, clock: Clock) -> None:
    app = create_app(store.settings, clock, run_projections=False)
    with TestClient(app) as client:
        service = app.state.service
        county = build_small_county(service.ledger)
        enrol(service.ledger, county)
        app.state.ready_lag = 0
        refused = client.get("/readyz")
        assert refused.status_code == 503, refused.text
        message = refused.json()["detail"]["message"]
        assert "视图落后" in message and "没有进程在更新视图" in message
        assert client.get("/livez").status_code == 200
