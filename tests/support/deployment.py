"""A deployment of several counties in one PostgreSQL database, for tests: a
registry schema of the test's own (its counties' schemas are named after it),
each county the small county with its code, its officers' tokens, and the
real app serving all of them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import uuid4

import psycopg
from fastapi.testclient import TestClient
from psycopg import sql

from api.app import create_app
from domain.commands import IssueToken
from service.bootstrap import build_ledger
from service.counties import Counties
from service.settings import Settings
from tests.support.county import SmallCounty, build_small_county
from tests.support.stores import TEST_KEY, Clock

__all__ = ["Deployed", "PERSON_KEY", "deployed", "deployment_settings", "drop_deployment"]

PERSON_KEY = "7a" * 32
OFFICERS = ("admin", "auditor", "t1_officer", "b1_officer", "io_officer")


@dataclass
class Deployed:
    settings: Settings
    client: TestClient
    app: Any
    counties: dict[str, SmallCounty] = field(default_factory=dict)
    tokens: dict[str, dict[str, str]] = field(default_factory=dict)  # by county code, then officer

    def as_(self, code: str, who: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[code][who]}", **extra}

    def service(self, code: str) -> Any:
        return self.app.state.counties.service(code)

    def sync(self, code: str) -> None:
        service = self.service(code)
        assert service.queries.wait_for(service.ledger.recorder.max_notification_id() or 0, timeout=10)


def deployment_settings(postgres_url: str, tmp_path: Path, **extra: Any) -> Settings:
    given = {"db": tmp_path / "unused.db", "database_url": postgres_url, "deployment_schema": f"t_{uuid4().hex[:12]}",
             "lock_timeout": 5, "secret_key": TEST_KEY.hex(), "person_key": PERSON_KEY}
    return Settings(**{**given, **extra})


def add_small_county(settings: Settings, clock: Clock, code: str, name: str) -> tuple[SmallCounty, dict[str, str]]:
    """Registers the county and builds the small county in it; returns it and its officers' tokens."""
    counties = Counties(settings, clock)
    try:
        county_row = counties.deployment.add_county(code, name)
    finally:
        counties.close()
    ledger = build_ledger(settings.for_county(code, county_row.schema), clock)  # a pool of its own
    try:
        county = build_small_county(ledger, code, name)
        batch = ledger.batch(isolated=False)
        tokens = {who: batch.run(county.admin, IssueToken(officer_id=getattr(county, who))).token for who in OFFICERS}
        batch.save()
    finally:
        ledger.close()
    return county, tokens  # type: ignore[return-value]


@contextmanager
def deployed(settings: Settings, clock: Clock, names: dict[str, str]) -> Iterator[Deployed]:
    """The counties `names` (code -> name) built, then served by one app."""
    try:
        built = {code: add_small_county(settings, clock, code, name) for code, name in names.items()}
        app = create_app(settings, clock)
        with TestClient(app) as client:
            found = Deployed(settings, client, app, {c: b[0] for c, b in built.items()},
                             {c: b[1] for c, b in built.items()})
            for code in names:
                found.sync(code)
            yield found
    finally:
        drop_deployment(settings)


def drop_deployment(settings: Settings) -> None:
    assert settings.database_url is not None
    with psycopg.connect(settings.database_url, autocommit=True) as conn:
        schemas = [r[0] for r in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname = %s OR nspname LIKE %s",
                                              [settings.deployment_schema, settings.deployment_schema + "\\_%"])]
        for schema in schemas:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
