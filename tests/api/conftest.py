"""The real FastAPI app on the test's store, with a token for every officer
of the small county."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from domain.commands import IssueToken
from service.process import Service
from tests.support.stores import Clock, Store
from tests.support.county import SmallCounty, build_small_county

OFFICERS = ("admin", "auditor", "t1_officer", "t1_approver", "b1_officer", "t2_officer", "s1_officer",
            "mb_officer", "io_officer")


@dataclass
class Api:
    client: TestClient
    service: Service
    county: SmallCounty
    tokens: dict[str, str]

    def headers(self, who: str | None, **extra: str) -> dict[str, str]:
        return {**({"Authorization": f"Bearer {self.tokens[who]}"} if who else {}), **extra}

    def post(self, who: str | None, path: str, json: dict[str, Any] | None = None, **headers: str) -> Any:
        return self.client.post(path, json=json or {}, headers=self.headers(who, **headers))

    def get(self, who: str | None, path: str, **params: Any) -> Any:
        return self.client.get(path, params=params, headers=self.headers(who))

    def sync(self) -> None:
        """Waits until the views show every stored event."""
        assert self.service.queries.wait_for(self.service.ledger.recorder.max_notification_id(), timeout=10)

    def id(self, who: str) -> UUID:
        return getattr(self.county, who)  # type: ignore[no-any-return]


@pytest.fixture
def api(store: Store, clock: Clock) -> Iterator[Api]:
    app = create_app(store.settings, clock)
    with TestClient(app) as client:
        service: Service = app.state.service
        county = build_small_county(service.ledger)
        batch = service.ledger.batch(isolated=False)
        tokens = {name: batch.run(county.admin, IssueToken(officer_id=getattr(county, name))).token
                  for name in OFFICERS}
        batch.save()
        api = Api(client, service, county, tokens)  # type: ignore[arg-type]
        api.sync()
        yield api
