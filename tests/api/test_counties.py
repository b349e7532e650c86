"""Two counties in one PostgreSQL database, served by one process: each
county's officers reach only their own county's members, certificates,
audit rows and exports; keys differ per county; a prefecture's reader reads
both, side by side and summed, and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from domain.commands import RegisterMember
from service.settings import Settings
from tests.support.certificates import holder
from tests.support.county import member_command
from tests.support.deployment import Deployed, deployed, deployment_settings
from tests.support.members import away
from tests.support.stores import Clock

pytestmark = pytest.mark.postgres

A, B = "511921", "511922"


@pytest.fixture
def two(postgres_url: str, tmp_path: Path, clock: Clock) -> Iterator[Deployed]:
    with deployed(deployment_settings(postgres_url, tmp_path), clock, {A: "通江县", B: "南江县"}) as found:
        yield found


def _reader(two: Deployed, codes: str) -> str:
    from service.deployment import Deployment

    deployment: Deployment = two.app.state.counties.deployment
    return deployment.add_reader("巴中市委组织部", codes.split(","))[1]


def _members(two: Deployed, code: str, headers: dict[str, str]) -> set[str]:
    answer = two.client.get("/register", headers=headers, params={"size": 500})
    assert answer.status_code == 200, answer.text
    return {row["member_id"] for row in answer.json()["rows"]}


def test_officers_reach_only_their_own_county(two: Deployed) -> None:
    b_member, number = holder(two.service(B).ledger, two.counties[B])
    a_member = away(two.service(A).ledger, two.counties[A], seq=7)
    two.sync(A), two.sync(B)
    assert _members(two, A, two.as_(A, "admin")) == {str(a_member)}
    assert _members(two, B, two.as_(B, "admin")) == {str(b_member)}
    for path in (f"/members/{b_member}", f"/members/{b_member}/history", f"/certificates/{number}"):
        assert two.client.get(path, headers=two.as_(A, "admin")).status_code == 404, path
        assert two.client.get(path, headers=two.as_(B, "admin")).status_code == 200, path
    # Naming the other county is refused outright, for reads, exports and commands alike.
    for method, path in (("GET", "/register"), ("GET", "/register.csv"), ("GET", "/audit"),
                         ("POST", "/members")):
        refused = two.client.request(method, path, headers=two.as_(A, "admin", **{"X-Liudong-County": B}), json={})
        assert refused.status_code == 403, (path, refused.text)
        assert refused.json()["detail"]["code"] == "county.other"
    a_audit = two.client.get("/audit", headers=two.as_(A, "auditor"), params={"size": 500}).json()["rows"]
    assert a_audit and str(b_member) not in {row.get("subject_id") for row in a_audit}
    export = two.client.get("/register.csv", headers=two.as_(A, "admin")).text
    assert "党员7" in export and "党员1," not in export


def test_each_county_keys_its_own_member_ids(two: Deployed) -> None:
    command: RegisterMember = member_command(two.counties[A].b1, 3)
    a_id = two.service(A).ledger.execute(two.counties[A].t1_officer, command).subject_id
    b_command = member_command(two.counties[B].b1, 3)
    assert b_command.id_number == command.id_number  # the same person's ID number
    b_id = two.service(B).ledger.execute(two.counties[B].t1_officer, b_command).subject_id
    assert a_id != b_id
    assert two.service(A).ledger.identity_key != two.service(B).ledger.identity_key


def test_a_token_names_its_county_and_an_unknown_one_is_refused(two: Deployed) -> None:
    assert two.client.get("/me", headers=two.as_(B, "t1_officer")).json()["name"] == "长赤镇干事"
    bad = two.client.get("/register", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401 and bad.json()["detail"]["code"] == "actor.token"
    assert two.client.post("/members", headers={"Authorization": "Bearer nope"}, json={}).status_code == 401


def _figures(two: Deployed, token: str) -> dict[str, Any]:
    answer = two.client.get("/counties/statistics", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def test_a_reader_sees_both_counties_and_writes_nothing(two: Deployed) -> None:
    holder(two.service(B).ledger, two.counties[B])
    away(two.service(A).ledger, two.counties[A], seq=4)
    away(two.service(A).ledger, two.counties[A], seq=5)
    two.sync(A), two.sync(B)
    token = _reader(two, f"{A},{B}")
    figures = _figures(two, token)
    assert [c["code"] for c in figures["counties"]] == [A, B]
    assert [c["away"] for c in figures["counties"]] == [2, 1]
    assert figures["total"]["away"] == 3 and figures["total"]["holding"] == 1
    assert figures["total"]["holding_rate"] == pytest.approx(33.3)  # from the sums, not an average of rates
    reader = {"Authorization": f"Bearer {token}"}
    assert len(_members(two, A, {**reader, "X-Liudong-County": A})) == 2
    assert len(_members(two, B, {**reader, "X-Liudong-County": B})) == 1
    assert two.client.get("/certificates/511922-2025-00001", headers={**reader, "X-Liudong-County": B}).json()[
        "member_name"]
    ask = two.client.get("/register", headers=reader)
    assert ask.status_code == 422 and ask.json()["detail"]["code"] == "county.required"
    head = two.service(A).ledger.recorder.max_notification_id()
    for method, path in (("POST", "/members"), ("GET", "/register.xlsx"), ("GET", "/register.csv"),
                         ("POST", "/members/00000000-0000-0000-0000-000000000000/departures")):
        refused = two.client.request(method, path, headers={**reader, "X-Liudong-County": A}, json={})
        assert refused.status_code == 403 and refused.json()["detail"]["code"] == "actor.reader", path
    assert two.service(A).ledger.recorder.max_notification_id() == head


def test_a_reader_is_kept_to_its_own_counties(two: Deployed) -> None:
    reader = {"Authorization": f"Bearer {_reader(two, A)}"}
    assert [c["code"] for c in _figures(two, reader["Authorization"][7:])["counties"]] == [A]
    outside = two.client.get("/register", headers={**reader, "X-Liudong-County": B})
    assert outside.status_code == 403 and outside.json()["detail"]["code"] == "county.outside"
    assert two.client.get("/register", headers=reader).status_code == 200  # its one county, unnamed


def test_a_county_admin_gets_its_own_county_alone(two: Deployed) -> None:
    figures = _figures(two, two.tokens[A]["admin"])
    assert [c["code"] for c in figures["counties"]] == [A] and figures["total"]["counties"] == 1
    refused = two.client.get("/counties/statistics", headers=two.as_(A, "b1_officer"))
    assert refused.status_code == 403


def test_settings_with_one_schema_serve_one_county(two: Deployed) -> None:
    from service.counties import serves_counties

    assert serves_counties(two.settings)
    one = Settings(database_url=two.settings.database_url, deployment_schema=two.settings.deployment_schema,
                   pg_schema="public", secret_key="5f" * 32)  # the schema named: one county, registry or not
    assert not serves_counties(one)


def test_a_readers_pages_list_its_counties_and_read_the_one_chosen(two: Deployed) -> None:
    from fastapi.testclient import TestClient

    away(two.service(B).ledger, two.counties[B], seq=6)
    two.sync(B)
    browser = TestClient(two.app, follow_redirects=False)
    login = browser.post("/ui/login", data={"token": _reader(two, f"{A},{B}")})
    assert login.status_code == 303 and login.headers["location"] == "/ui/counties"
    assert browser.get("/ui/register").headers["location"] == "/ui/counties"  # no county chosen yet
    listing = browser.get("/ui/counties")
    assert listing.status_code == 200 and "通江县（511921）" in listing.text and "南江县（511922）" in listing.text
    assert "合计（2 个县）" in listing.text
    chosen = browser.get(f"/ui/county?code={B}")
    assert chosen.status_code == 303 and chosen.headers["location"] == "/ui/register"
    register = browser.get("/ui/register")
    assert register.status_code == 200 and "党员6" in register.text and "市（省）委组织部查阅" in register.text
    assert browser.get("/ui/work").status_code == 403  # the county's forms are not a reader's
    assert browser.get("/ui/county?code=510000").status_code == 403
