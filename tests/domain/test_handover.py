"""Handing a mobile branch over (移交): the branch moves under the receiver and
its members follow through the tree; received outside the county, they leave
it (rule tests, on the in-memory store)."""

from __future__ import annotations

import dataclasses
from datetime import date
from uuid import uuid4

import pytest

from domain import rules
from domain.commands import (
    CloseOrganisation, DecideProbation, EndMembership, EstablishOrganisation, HandOverOrganisation, IssueTransferLetter,
    RecordDues, RecordReportIn, RequestCertificate, RevealPersonalData,
)
from domain.ledger import Ledger
from domain.member import Member
from domain.officer import Officer
from domain.organisation import HandedOver, Organisation
from domain.unit_of_work import UnitOfWork
from tests.support.county import SmallCounty
from tests.support.handover import Handover, contact, prepare
from tests.support.helpers import assert_refused
from tests.support.members import departure, enrol
from tests.support.stores import NOW

ON = date(2025, 5, 1)
OUTSIDE = "移交：该党员已随所在流动党员党支部于2025-05-01移交上海市松江区某街道党工委，不再在本县台账中，不能再为其记录"


@pytest.fixture
def h(ledger: Ledger, county: SmallCounty) -> Handover:
    return prepare(ledger, county)


def hand_over(ledger: Ledger, h: Handover, to: object) -> None:
    ledger.execute(h.county.admin, HandOverOrganisation(org_id=h.xa, to_org_id=to, effective_on=ON))  # type: ignore[arg-type]


def test_the_parent_of_a_mobile_branch_reaches_the_members_reported_in_to_it(ledger: Ledger, h: Handover) -> None:
    c = h.county
    for officer in (c.t2_officer, h.xa_officer, c.t1_officer):  # the parent, the branch, the home township
        ledger.execute(officer, contact(h.member))
    assert_refused(ledger, h.dept_officer, contact(h.member), rules.JURISDICTION,
                   text="管辖范围：所涉党员或组织不在中共南江县直属机关工作委员会的管辖范围内")


def test_through_the_mobile_branch_an_officer_records_what_an_inflow_organisation_may_and_no_decision(
        ledger: Ledger, h: Handover) -> None:
    """The parent of a mobile branch records contacts, dues, activities for the members reported
    in to it; decisions and personal data stay with the member's home branch and those above it."""
    t2 = h.county.t2_officer
    for decision in (RevealPersonalData(member_id=h.member, fields=("id_number",), reason="核对"),
                     IssueTransferLetter(member_id=h.member, to_org_name="某街道党工委", effective_on=ON),
                     EndMembership(member_id=h.member, reason="died", effective_on=ON),
                     DecideProbation(member_id=h.member, outcome="on_time", effective_on=ON)):
        assert_refused(ledger, t2, decision, rules.JURISDICTION)
    ledger.execute(t2, contact(h.member))
    ledger.execute(h.county.t1_officer, RevealPersonalData(member_id=h.member, fields=("id_number",), reason="核对"))


def test_handed_over_inside_the_county_the_receiver_acts_for_its_members_and_the_old_parent_no_longer(
        ledger: Ledger, h: Handover) -> None:
    c = h.county
    ledger.execute(c.t2_officer, contact(h.member))  # the old parent, before
    hand_over(ledger, h, h.dept)
    branch = ledger.load(Organisation, h.xa)
    assert (branch.parent_id, branch.handed_to, branch.handed_on, branch.is_open) == (h.dept, h.dept, ON, True)
    for officer in (h.dept_officer, h.xa_officer, c.t1_officer):  # the receiver, the branch, the home township
        ledger.execute(officer, contact(h.member))
    assert_refused(ledger, c.t2_officer, contact(h.member), rules.JURISDICTION)
    ledger.execute(h.xa_officer, RecordDues(member_id=h.member, months=("2025-05",), amount_fen=100,
                                           collector="inflow", basis="farmer", effective_on=date(2025, 5, 25)))


def test_a_fresh_unit_of_work_sees_the_new_parent(ledger: Ledger, h: Handover) -> None:
    before = UnitOfWork(ledger).jurisdiction.ancestors(h.xa)
    hand_over(ledger, h, h.dept)
    after = UnitOfWork(ledger).jurisdiction.ancestors(h.xa)
    assert (before, after) == ([h.xa, h.county.t2, h.county.committee], [h.xa, h.dept, h.county.committee])
    assert h.xa not in ledger.parents  # the one parent that moves is never cached


def test_handed_over_outside_the_county_its_members_leave_and_nobody_records_for_them(
        ledger: Ledger, h: Handover) -> None:
    c = h.county
    hand_over(ledger, h, c.io)
    branch = ledger.load(Organisation, h.xa)
    assert (branch.parent_id, branch.handed_out, branch.is_open) == (c.io, True, False)
    for officer in (c.t1_officer, c.admin, h.xa_officer, c.io_officer):
        assert_refused(ledger, officer, contact(h.member), rules.MEMBER_HANDED_OVER, text=OUTSIDE)
    assert_refused(ledger, c.t1_officer, RequestCertificate(member_id=h.member, justification="外出务工"),
                   rules.MEMBER_HANDED_OVER)
    # The receiver's inflow officer reaches them through the tree; the rule above refuses first.
    member, officer = ledger.load(Member, h.member), ledger.load(Officer, c.io_officer)
    assert UnitOfWork(ledger).jurisdiction.reach(officer, member, date(2025, 5, 20)) == c.io


def test_a_branch_handed_over_outside_takes_no_one_new(ledger: Ledger, h: Handover) -> None:
    c = h.county
    other = enrol(ledger, c, 42)
    ledger.execute(c.b1_officer, departure(other))
    hand_over(ledger, h, c.io)
    assert_refused(ledger, c.t1_officer, RecordReportIn(org_id=h.xa, member_id=other), rules.ORG_CLOSED,
                   text="组织撤销：西安市南江流动党员党支部已撤销或已移交")
    assert_refused(ledger, c.admin, HandOverOrganisation(org_id=h.xa, to_org_id=c.t1), rules.ORG_CLOSED)


def test_only_a_mobile_branch_is_handed_over_and_only_to_a_receiver(ledger: Ledger, h: Handover) -> None:
    c = h.county
    give = HandOverOrganisation(org_id=h.xa, to_org_id=h.dept)
    assert_refused(ledger, c.admin, dataclasses.replace(give, org_id=c.b1), rules.ORG_HANDOVER,
                   text="移交：只有流动党员党支部可以移交，接收方应为流入地党组织，或本县的乡镇党委、部门党委（党工委）、县委")
    for receiver in (c.b2, c.s1, c.mb):
        assert_refused(ledger, c.admin, dataclasses.replace(give, to_org_id=receiver), rules.ORG_HANDOVER)
    assert_refused(ledger, c.admin, dataclasses.replace(give, to_org_id=c.t2), rules.ORG_HANDOVER_SAME,
                   text="移交：该流动党员党支部已隶属中共赤溪镇委员会")
    closed = ledger.execute(c.admin, EstablishOrganisation(kind="department_committee", name="中共南江县某局委员会",
                                                           parent_id=c.committee)).subject_id
    ledger.execute(c.admin, CloseOrganisation(org_id=closed, reason="机构改革"))  # type: ignore[arg-type]
    assert_refused(ledger, c.admin, dataclasses.replace(give, to_org_id=closed), rules.ORG_CLOSED)
    assert_refused(ledger, c.t2_officer, give, rules.ROLE)


def test_a_handover_stored_before_version_2_reads_as_received_outside_the_county(ledger: Ledger) -> None:
    event = HandedOver(originator_id=uuid4(), originator_version=2, timestamp=NOW,  # type: ignore[call-arg]
                       actor="admin", actor_org=None, effective_on=ON, to_org_id=uuid4(), within_county=True)
    stored = ledger.mapper.to_stored_event(event)
    state = ledger.mapper.transcoder.decode(stored.state)
    assert state["class_version"] == 2
    del state["class_version"], state["within_county"]  # what version 1 stored
    read = ledger.mapper.to_domain_event(dataclasses.replace(stored, state=ledger.mapper.transcoder.encode(state)))
    assert isinstance(read, HandedOver) and read.within_county is False
