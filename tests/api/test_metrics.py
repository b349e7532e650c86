"""GET /metrics on both stores: only to the metrics token; requests counted by
route template and status, commands by type and outcome, group-commit sizes;
the log head, sealed head and each view's lag read from the store; the request
id echoed (api/observe.py, service/metrics.py)."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from api.app import create_app
from tests.api.conftest import Api
from tests.api.test_commands import AWAY, MEMBER, created
from tests.support.county import build_small_county
from tests.support.members import enrol
from tests.support.stores import Clock, Store

TOKEN = "m" * 16 + "etrics-token-for-tests"


def scrape(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    answer = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(answer.text) for sample in family.samples}


def value(found: dict[Any, float], name: str, **labels: str) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


def with_token(api: Api) -> TestClient:
    api.client.app.state.metrics_token = TOKEN  # type: ignore[attr-defined]
    return api.client


def test_metrics_only_to_the_metrics_token(api: Api) -> None:
    off = api.client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert off.status_code == 404 and off.json()["detail"]["code"] == "metrics.off"
    client = with_token(api)
    for headers in ({}, {"Authorization": "Bearer wrong"}, api.headers("admin"), {"Authorization": TOKEN}):
        refused = client.get("/metrics", headers=headers)
        assert refused.status_code == 401 and refused.json()["detail"]["code"] == "metrics.token", headers
    assert "liudong_commands_total" not in refused.text


def test_requests_and_commands_are_counted(api: Api) -> None:
    client = with_token(api)
    before = scrape(client)
    member = created(api.post("admin", "/members", {**MEMBER, "branch_id": str(api.county.b1)}))["subject_id"]
    created(api.post("admin", f"/members/{member}/departures", AWAY))
    created(api.post("admin", f"/members/{member}/contacts", {"method": "phone", "outcome": "reached"}))
    refused = api.post("auditor", f"/members/{member}/contacts", {"method": "phone", "outcome": "reached"})
    assert refused.status_code == 403
    assert api.get("admin", f"/members/{member}").status_code == 200
    api.sync()
    after = scrape(client)
    code = api.service.county_code

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("liudong_http_requests_total", route="/members/{member_id}", method="GET", status="200") == 1
    assert grew("liudong_http_requests_total", route="/members/{member_id}/contacts", method="POST",
                status="201") == 1
    assert grew("liudong_http_requests_total", route="/members/{member_id}/contacts", method="POST",
                status="403") == 1
    assert grew("liudong_http_request_duration_seconds_count", route="/members/{member_id}", method="GET") == 1
    assert grew("liudong_commands_total", county=code, type="RecordContact", outcome="recorded") == 1
    assert grew("liudong_commands_total", county=code, type="RegisterMember", outcome="recorded") == 1
    assert grew("liudong_group_commit_size_count") >= 1
    head = api.service.ledger.recorder.max_notification_id()
    assert value(after, "liudong_log_head_position", county=code) == head
    assert value(after, "liudong_sealed_head_position", county=code) == head  # sealed in the same transaction
    assert value(after, "liudong_sealed_tree_size", county=code) == head
    assert value(after, "liudong_view_lag_events", county=code, view="register") == 0
    assert value(after, "liudong_view_lag_seconds", county=code, view="register") == 0
    assert value(after, "liudong_view_position", county=code, view="register") == head


def test_a_view_behind_shows_its_lag(store: Store, clock: Clock) -> None:
    app = create_app(store.settings, clock, run_projections=False)
    with TestClient(app) as client:
        app.state.metrics_token = TOKEN
        service = app.state.service
        enrol(service.ledger, build_small_county(service.ledger))
        head = service.ledger.recorder.max_notification_id()
        found = scrape(client)
        code = service.county_code
        assert value(found, "liudong_view_lag_events", county=code, view="register") == head
        assert value(found, "liudong_view_lag_seconds", county=code, view="register") > 0
        assert value(found, "liudong_view_failing", county=code, view="register") == 0
        if store.kind == "postgres":  # the pools of this process
            pools = {dict(labels)["state"] for name, labels in found if name == "liudong_pool_connections"}
            assert pools == {"size", "available", "waiting"}


def test_the_request_id_is_echoed_or_made(api: Api) -> None:
    given = api.client.get("/livez", headers={"X-Request-ID": "proxy-1234.abc"})
    assert given.headers["x-request-id"] == "proxy-1234.abc"
    made = set()
    for hostile in ("a" * 65, "两个字".encode(), "id with spaces", ""):
        answer = api.client.get("/livez", headers={"X-Request-ID": hostile})
        made.add(answer.headers["x-request-id"])
        assert re.fullmatch(r"[0-9a-f]{12}-[0-9a-f]+", answer.headers["x-request-id"]), answer.headers
    refused = api.get(None, "/register")
    made.add(refused.headers["x-request-id"])
    assert refused.status_code == 401 and len(made) == 5  # each its own
