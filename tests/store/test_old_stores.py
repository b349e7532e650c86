"""Stores written by older code open with the newest: every aggregate loads,
the views rebuild, the seals verify (upcasting never rewrites a stored
byte), and people are shown the same answers, but for the changes made on
purpose since (`EVOLVED`). The stores are tests/fixtures/stored-v*/, written
by tests/support/stored_fixture.py; each test works on a copy."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from domain.certificate_standing import check_due, standing_on
from domain.clock import local_date
from domain.commands import CorrectEvent, RecordContact
from domain.ledger import Ledger
from domain.policy import DEFAULT_POLICY
from domain.vocab import ContactInitiator
from integrity.verify import Digest, verify
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from service.bootstrap import open_ledger
from service.settings import store_env
from tests.support.coverage_evolution import coverage, dicts_with
from tests.support.stored_fixture import answers, fixture_settings
from tests.support.stores import NOW, TEST_KEY, Clock

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures").glob("stored-v*"))
BEFORE_CONTACT_V2 = [path for path in FIXTURES if path.name == "stored-v1"]  # written by issue 12's code
CONTACT = "liudong.member.ContactRecorded"


def _contact_initiator(found: dict[str, Any]) -> None:
    """ContactRecorded v2 (issue 13): who initiated the last contact is shown with
    its date, and a contact's summary names who initiated it; older contacts,
    and dates from legacy registers, say 未记录."""
    for row in dicts_with(found, "last_contact_on"):
        row.setdefault("last_contact_by", ContactInitiator.UNRECORDED.value if row["last_contact_on"] else None)
    for row in dicts_with(found, "summary"):
        said = ("发起方未记录", *(m.label for m in ContactInitiator.on_entry()))
        if row["topic"] == CONTACT and not any(f"联系：{s}，" in row["summary"] for s in said):
            row["summary"] = row["summary"].replace("联系：", "联系：发起方未记录，", 1)


def _certificate_standing(found: dict[str, Any]) -> None:
    """Certificates' standing (issue 14): rows and the certificate say, for today, whether
    the certificate in force is current or its yearly check lapsed and when the check is
    due; statistics count the lapsed ones and name their day. Fields added, none changed."""
    today = local_date(NOW)
    checks = {found["certificate"]["number"]: found["certificate"]["last_checked_on"]}
    for row in dicts_with(found, "certificate_issued_on"):
        checked = checks.get(row["certificate_number"])
        row.setdefault("certificate_checked_on", checked)
        standing, due = _standing(row["certificate_issued_on"], checked, today)
        row.setdefault("certificate_standing", standing)
        row.setdefault("certificate_check_due", due)
    certificate = found["certificate"]
    standing, due = _standing(certificate["issued_on"] if certificate["state"] == "valid" else None,
                              certificate["last_checked_on"], today)
    certificate.setdefault("standing", standing)
    certificate.setdefault("check_due", due)
    found["statistics"].setdefault("lapsed", 0)
    found["statistics"].setdefault("as_of", today.isoformat())


def _standing(issued: str | None, checked: str | None, day: date) -> tuple[str | None, str | None]:
    if not issued:
        return None, None
    last = date.fromisoformat(checked) if checked else None
    return (str(standing_on(day, date.fromisoformat(issued), last, DEFAULT_POLICY)),
            check_due(date.fromisoformat(issued), last, DEFAULT_POLICY).isoformat())


# Changes of the answers made on purpose, oldest first; each is a no-op on stores written after it.
def _flag_townships(found: dict[str, Any]) -> None:
    """Flags name their member's township (issue 14); a place's flag lists its members."""
    townships = {r["member_id"]: (r["township_id"], r["township_name"]) for r in found["register_all"]["rows"]}
    for flag in found["flags"]:
        flag.setdefault("township_id", townships.get(flag["member_id"], (None, None))[0])
        flag.setdefault("township_name", townships.get(flag["member_id"], (None, None))[1])
        flag.setdefault("members", None)


def _letter_numbers(found: dict[str, Any]) -> None:
    """Transfer letters are numbered (issue 15): a row names its latest letter's number ("" for a
    letter issued before numbering) and the receiving branch when it is in the county (none before)."""
    for row in dicts_with(found, "letter_on"):
        row.setdefault("letter_number", "" if row["letter_on"] else None)
        row.setdefault("letter_to_id", None)


EVOLVED: list[Callable[[dict[str, Any]], None]] = [_contact_initiator, _certificate_standing, coverage,
                                                 _flag_townships]
EVOLVED.append(_letter_numbers)


def _handed_to(found: dict[str, Any]) -> None:
    """A row names the receiver of a mobile branch its member left with (issue 15: 移交); none before."""
    for row in dicts_with(found, "ended_on"):
        row.setdefault("handed_to", None)


EVOLVED.append(_handed_to)


def _liaisons(found: dict[str, Any]) -> None:
    """A liaison for each member (issue 15: 落实专人负责): rows name none before, so every
    member away is flagged `no_liaison` (after the other flags)."""
    for row in dicts_with(found, "ended_on"):
        row.update({key: row.get(key) for key in ("liaison", "liaison_org", "liaison_org_name")})
    flagged = {f["member_id"] for f in found["flags"] if f["kind"] == "no_liaison"}
    for row in found["register_all"]["rows"]:
        if row["status"] in ("away", "reported_in", "lost_contact") and row["member_id"] not in flagged:
            found["flags"].append({"kind": "no_liaison", "label": "未落实专人负责：外出党员未指定联系人",
                                   "detail": f"{row['departed_on']}外出，未指定联系人", "member_id": row["member_id"],
                                   "name": row["name"], "township_id": row["township_id"],
                                   "township_name": row["township_name"], "members": None})


EVOLVED.append(_liaisons)


def _planned_and_short_returns(found: dict[str, Any]) -> None:
    """Planned departures and short returns home (issue 15: 外出前报告、临时返乡): rows say
    the planned day of a departure reported ahead, and since and until when a member is
    home for a while; none before."""
    for row in dicts_with(found, "returned_on"):
        if "departed_on" in row and "since" in row:  # register rows (not `as_of` answers)
            row.setdefault("home_since", None)
            row.setdefault("expected_back_on", None)
            row.setdefault("planned_on", None)


EVOLVED.append(_planned_and_short_returns)


def _inflow_members(found: dict[str, Any]) -> None:
    """流入党员 (issue 15): the statistics count the inflow members present, apart from the
    county's own figures; none before, so 0 (and 0 for each 基层党委)."""
    found["statistics"].setdefault("inflow_members", 0)
    for township in found["statistics"].get("by_township", []):
        township.setdefault("inflow_members", 0)


EVOLVED.append(_inflow_members)


def evolved(recorded: dict[str, Any]) -> dict[str, Any]:
    expected = copy.deepcopy(recorded)
    for change in EVOLVED:
        change(expected)
    return expected


def digest_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class OldStore:
    ledger: Ledger
    runner: Runner
    queries: Queries
    recorded: dict[str, Any]

    def stored(self) -> list[tuple[Any, ...]]:
        """Every stored row as it is in the store: what seals commit to."""
        return [(n.id, n.originator_id, n.originator_version, n.topic, n.state)
                for n in self.ledger.recorder.select_notifications(1, 100_000)]

    def subject(self, name: str) -> UUID:
        return UUID(self.recorded["subjects"][name])


@pytest.fixture(params=FIXTURES, ids=lambda path: path.name)
def old(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[OldStore]:
    committed = request.param / "ledger.sqlite3"
    before = digest_of(committed)
    shutil.copyfile(committed, tmp_path / "ledger.sqlite3")
    env = store_env(fixture_settings(tmp_path / "ledger.sqlite3"))
    ledger = open_ledger(env, TEST_KEY, Clock(NOW))
    views = ViewStore(env)
    runner = Runner(ledger, views)
    recorded = json.loads((request.param / "answers.json").read_text(encoding="utf-8"))
    yield OldStore(ledger, runner, Queries(ledger, views, runner.generations), recorded)
    views.close()
    ledger.close()
    assert digest_of(committed) == before, "a test wrote to the committed fixture"


def test_every_aggregate_of_an_old_store_loads(old: OldStore) -> None:
    ids = old.ledger.aggregate_ids()
    assert len(old.stored()) == old.recorded["events"]
    for aggregate_id in ids:
        assert old.ledger.repository.get(aggregate_id).id == aggregate_id


def test_an_old_store_verifies_against_its_digest_and_reading_it_rewrites_nothing(old: OldStore) -> None:
    stored = old.stored()
    for aggregate_id in old.ledger.aggregate_ids():
        old.ledger.repository.get(aggregate_id)
    old.runner.rebuild(grace=0)
    report = verify(old.ledger.recorder, old.ledger.recorder.sealer.leaves, Digest.parse(old.recorded["digest"]))
    assert report.ok, report.problem or report.digest_message
    assert report.checked == old.recorded["events"] and report.digest_held
    assert old.stored() == stored


def test_the_views_of_an_old_store_rebuild_and_answer_as_they_did(old: OldStore) -> None:
    old.runner.rebuild(grace=0)
    assert answers(old.ledger, old.queries, old.recorded["subjects"]) == evolved(old.recorded["answers"])


@pytest.mark.parametrize("old", BEFORE_CONTACT_V2, ids=lambda path: path.name, indirect=True)
def test_contacts_stored_before_version_2_read_as_unrecorded_and_are_sealed_as_stored(old: OldStore) -> None:
    contacts = [n for n in old.ledger.recorder.select_notifications(1, 100_000) if n.topic == CONTACT]
    old_contacts = [n for n in contacts if "class_version" not in old.ledger.recorder.sealer.leaves.content(n.state)]
    assert old_contacts, "a store written before ContactRecorded v2 holds contacts of version 1"
    leaves = old.ledger.recorder.sealer.leaves
    for stored in old_contacts:
        assert "initiated_by" not in leaves.content(stored.state)  # what seals commit to: the stored state
        assert old.ledger.mapper.to_domain_event(stored).initiated_by == "unrecorded"  # type: ignore[attr-defined]
    member = old.ledger.repository.get(old.subject("member_away"))
    assert {f.initiated_by for f in member.facts if f.TOPIC == CONTACT} == {"unrecorded"}
    assert member.last_contact_by == "unrecorded"
    old.runner.rebuild(grace=0)
    history = old.queries.history(old.subject("member_away"))
    assert [e["summary"] for e in history if e["topic"] == CONTACT] == \
        ["联系：发起方未记录，电话，已联系上", "联系：发起方未记录，走访，未联系上"]
    assert old.queries.member(old.subject("member_away"))["last_contact_by"] == "unrecorded"


def test_new_events_follow_old_ones_and_an_old_contact_can_be_told_who_initiated_it(old: OldStore) -> None:
    member_id = old.subject("member_away")
    first = next(n.id for n in old.ledger.recorder.select_notifications(1, 100_000)
                 if n.topic == CONTACT and n.originator_id == member_id)
    officer = UUID(old.ledger.repository.get(member_id).facts[0].actor)
    old.ledger.execute(officer, CorrectEvent(position=first, changes={"initiated_by": "member"}, reason="本人来电"))
    old.ledger.execute(officer, RecordContact(member_id=member_id, method="phone", outcome="reached",
                                              initiated_by="organisation"))
    report = verify(old.ledger.recorder, old.ledger.recorder.sealer.leaves, Digest.parse(old.recorded["digest"]))
    assert report.ok and report.digest_held and report.checked == old.recorded["events"] + 2
    contacts = [f for f in old.ledger.repository.get(member_id).facts if f.TOPIC == CONTACT]
    assert (contacts[0].initiated_by, contacts[-1].initiated_by) == ("member", "organisation")
    old.runner.rebuild(grace=0)
    assert old.queries.member(member_id)["last_contact_by"] == "organisation"
    history = old.queries.history(member_id)
    assert history[-2]["summary"] == "更正：更正位置" + str(first) + "：initiated_by；本人来电"
    assert history[-1]["summary"] == "联系：组织找党员，电话，已联系上，经办人赤溪镇干事"  # v3: who made it
