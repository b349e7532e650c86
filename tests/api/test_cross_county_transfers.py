"""A transfer between two counties of one deployment, end to end: the letter
in A's log, the receipt in B's, in either order; a half that fails stays
pending, visible, and is retried; the member is in A's register until B has
registered them, then only in B's; a prefecture's reader sees both histories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
import pytest

from tests.support.deployment import Deployed, deployed, deployment_settings
from tests.support.members import enrol
from tests.support.stores import Clock

pytestmark = pytest.mark.postgres

A, B = "511921", "511922"
LETTER = "511921-20250601-001"


@pytest.fixture
def two(postgres_url: str, tmp_path: Path, clock: Clock) -> Iterator[Deployed]:
    settings = deployment_settings(postgres_url, tmp_path, lock_timeout=1)
    with deployed(settings, clock, {A: "通江县", B: "南江县"}) as found:
        yield found


def _letter(two: Deployed, member: UUID) -> Any:
    return two.client.post("/transfers", headers=two.as_(A, "t1_officer"), json={
        "member_id": str(member), "to_county": B, "to_org_id": str(two.counties[B].b2), "letter_number": LETTER})


def _receipt(two: Deployed) -> Any:
    return two.client.post("/transfers/receipts", headers=two.as_(B, "admin"), json={
        "letter_number": LETTER, "from_county": A, "org_id": str(two.counties[B].b2)})


def _names(two: Deployed, code: str) -> set[str]:
    two.sync(code)
    rows = two.client.get("/register", headers=two.as_(code, "admin"), params={"size": 500}).json()["rows"]
    return {row["name"] for row in rows}


def _member(two: Deployed) -> UUID:
    member = enrol(two.service(A).ledger, two.counties[A], seq=9, name="转接人")
    assert "转接人" in _names(two, A)
    return member


def _done(two: Deployed, member: UUID, answer: Any) -> None:
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["completed_at"] and body["flag"] is None and body["to_member"]
    assert "转接人" not in _names(two, A) and "转接人" in _names(two, B)
    ended = two.client.get(f"/members/{member}", headers=two.as_(A, "admin")).json()
    assert ended["ended"]  # 转出本县


def test_letter_then_receipt(two: Deployed) -> None:
    member = _member(two)
    sent = _letter(two, member)
    assert sent.status_code == 202, sent.text
    assert "接收县尚未登记回执" in sent.json()["flag"]
    assert "转接人" in _names(two, A) and "转接人" not in _names(two, B)  # in A's register alone meanwhile
    _done(two, member, _receipt(two))
    head = two.service(A).ledger.recorder.max_notification_id()
    assert _letter(two, member).status_code == 201  # a retried letter changes nothing
    assert _receipt(two).status_code == 201
    assert two.service(A).ledger.recorder.max_notification_id() == head


def test_receipt_then_letter(two: Deployed) -> None:
    member = _member(two)
    early = _receipt(two)
    assert early.status_code == 202 and "转出县尚未开具介绍信" in early.json()["flag"]
    assert "转接人" in _names(two, A) and "转接人" not in _names(two, B)
    _done(two, member, _letter(two, member))


def test_a_failed_half_stays_pending_and_is_retried(two: Deployed) -> None:
    member = _member(two)
    assert _letter(two, member).status_code == 202
    schema = two.service(B).ledger.recorder.datastore.schema
    assert two.settings.database_url is not None
    with psycopg.connect(two.settings.database_url) as blocker:  # B's log cannot be written for now
        blocker.execute(f'LOCK TABLE "{schema}".liudong_events IN EXCLUSIVE MODE')
        stuck = _receipt(two)
    assert stuck.status_code == 202, stuck.text
    body = stuck.json()
    assert body["attempts"] == 1 and body["last_error"] and body["to_member"] is None
    assert "党员仍在转出县台账" in body["flag"]
    assert "转接人" in _names(two, A) and "转接人" not in _names(two, B)  # in one register, never both or neither
    transfers = two.app.state.transfers
    with transfers.store.transaction() as tx:  # as if the pause before the next try were over
        tx.execute("UPDATE transfers SET updated_at = '2000-01-01T00:00:00+00:00'")
    assert transfers.retry_pending() == 1
    listed = two.client.get("/transfers", headers=two.as_(A, "admin")).json()
    assert listed["total"] == 1 and listed["rows"][0]["completed_at"]
    assert "转接人" not in _names(two, A) and "转接人" in _names(two, B)


def test_a_reader_sees_the_member_in_both_counties(two: Deployed) -> None:
    member = _member(two)
    _letter(two, member)
    _done(two, member, _receipt(two))
    token = two.app.state.counties.deployment.add_reader("巴中市委组织部", [A, B])[1]
    seen = two.client.get(f"/transfers/{LETTER}", headers={"Authorization": f"Bearer {token}"})
    assert seen.status_code == 200, seen.text
    body = seen.json()
    assert any("介绍信" in e["summary"] for e in body["from_history"])
    assert body["to_history"] and body["to_history"][0]["member_id"] == body["to_member"]
    own = two.client.get(f"/transfers/{LETTER}", headers=two.as_(B, "admin")).json()
    assert own["from_history"] == [] and own["to_history"]  # a county sees its own side only
    assert two.client.get(f"/transfers/{LETTER}", headers=two.as_(B, "b1_officer")).status_code == 403


def test_a_letter_number_names_one_transfer(two: Deployed) -> None:
    member = _member(two)
    assert _letter(two, member).status_code == 202
    backwards = two.client.post("/transfers/receipts", headers=two.as_(A, "admin"), json={
        "letter_number": LETTER, "from_county": B})  # the same number, the other way round
    assert backwards.status_code == 409 and backwards.json()["detail"]["code"] == "transfer.conflict"
    itself = two.client.post("/transfers", headers=two.as_(A, "t1_officer"), json={
        "member_id": str(member), "to_county": A, "to_org_id": str(two.counties[A].b2), "letter_number": "X-1"})
    assert itself.status_code == 422 and itself.json()["detail"]["code"] == "transfer.county"
