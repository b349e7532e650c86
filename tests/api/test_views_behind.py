"""A command whose effect the views do not show in time is answered 503 with
Retry-After and its position (it was recorded); the same Idempotency-Key
then answers the first outcome without recording it again. A query naming a
position the views have not reached waits, then answers 503 too."""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from api.app import create_app
from domain.commands import IssueToken
from tests.support.county import build_small_county, member_command
from tests.support.stores import Clock, Store


def _body(command: Any) -> dict[str, Any]:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else str(v)) for k, v in dataclasses.asdict(command).items()
            if v is not None}


def test_a_command_the_views_do_not_show_in_time_answers_503(store: Store, clock: Clock) -> None:
    app = create_app(store.settings, clock, run_projections=False)  # nobody applies events to the views
    with TestClient(app) as client:
        service = app.state.service
        service.command_wait = 0.3
        app.state.read_wait = 0.3
        county = build_small_county(service.ledger)

        def counted(outcome: str) -> float:
            return REGISTRY.get_sample_value("liudong_commands_total", {
                "county": service.county_code, "type": "RegisterMember", "outcome": outcome}) or 0.0

        before = counted("behind"), counted("replayed")
        admin = {"Authorization": "Bearer " + service.ledger.execute(
            county.admin, IssueToken(officer_id=county.t1_officer)).token, "Idempotency-Key": "first-member"}
        late = client.post("/members", headers=admin, json=_body(member_command(county.b1, 8)))
        assert late.status_code == 503, late.text
        assert late.headers["Retry-After"] == "1" and late.json()["detail"]["code"] == "views.behind"
        position = int(late.headers["X-Liudong-Position"])
        assert service.ledger.recorder.max_notification_id() == position  # recorded all the same
        asked = client.get("/register", headers={**admin, "X-Liudong-Position": str(position)})
        assert asked.status_code == 503 and asked.headers["Retry-After"] == "1"
        assert service.runner.up_to_date()
        again = client.post("/members", headers=admin, json=_body(member_command(county.b1, 8)))
        assert again.status_code == 200 and again.json()["replayed"], again.text
        assert service.ledger.recorder.max_notification_id() == position
        assert (counted("behind"), counted("replayed")) == (before[0] + 1, before[1] + 1)  # metrics tell them apart
        seen = client.get("/register", headers={**admin, "X-Liudong-Position": str(position)})
        assert seen.status_code == 200 and seen.json()["total"] == 1
