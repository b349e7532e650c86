"""A liaison for each member (落实专人负责): an officer, or a named person at a
station or point; and each contact records who made it (ContactRecorded v3)."""

from __future__ import annotations

import dataclasses
from datetime import date

from domain import rules
from domain.commands import AssignLiaison, CorrectEvent, EndMembership, RecordContact, RevokeOfficer, VoidEvent
from domain.ledger import Ledger
from domain.member_events import ContactRecorded
from tests.domain.test_versions import event, stored_state
from tests.support.county import SmallCounty
from tests.support.helpers import assert_refused, head
from tests.support.members import away, member


def test_a_liaison_is_an_officer_or_a_named_person_at_a_station_or_point(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, AssignLiaison(member_id=member_id, officer_id=county.s1_officer))
    liaison = member(ledger, member_id).liaison
    assert liaison is not None and (liaison.name, liaison.org_id, liaison.officer_id) == \
        ("服务站站长", county.s1, county.s1_officer)
    ledger.execute(county.t1_officer, AssignLiaison(member_id=member_id, name="李秀兰", org_id=county.p1))
    liaison = member(ledger, member_id).liaison
    assert liaison is not None and (liaison.name, liaison.org_id, liaison.officer_id) == ("李秀兰", county.p1, None)


def test_a_liaison_who_is_not_an_active_officer_or_not_at_a_station_or_point_is_refused(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    officer = AssignLiaison(member_id=member_id, officer_id=county.auditor)
    assert_refused(ledger, county.b1_officer, officer, rules.LIAISON_OFFICER, field="officer_id")
    assert_refused(ledger, county.b1_officer, AssignLiaison(member_id=member_id, officer_id=county.b1),
                   rules.OFFICER_NOT_FOUND)
    assert_refused(ledger, county.b1_officer, AssignLiaison(member_id=member_id, name="王五", org_id=county.b1),
                   rules.LIAISON_PLACE, text="专人负责：不是工作人员的联系人，应注明姓名及其所在的流动党员服务站或服务点")
    assert_refused(ledger, county.b1_officer, AssignLiaison(member_id=member_id, name="王五"), rules.LIAISON_PLACE)
    assert_refused(ledger, county.b1_officer, AssignLiaison(member_id=member_id, org_id=county.p1), rules.REQUIRED,
                   field="name")
    ledger.execute(county.admin, RevokeOfficer(officer_id=county.s1_officer, reason="调离"))
    assert_refused(ledger, county.b1_officer, AssignLiaison(member_id=member_id, officer_id=county.s1_officer),
                   rules.LIAISON_OFFICER)
    ledger.execute(county.b1_officer, AssignLiaison(member_id=member_id, officer_id=county.mb_officer))
    assert_refused(ledger, county.b1_officer, AssignLiaison(member_id=member_id, officer_id=county.mb_officer),
                   rules.LIAISON_SAME, text="专人负责：成都支部书记已是该党员的联系人")
    assert_refused(ledger, county.t2_officer, AssignLiaison(member_id=member_id, officer_id=county.t2_officer),
                   rules.JURISDICTION)
    assert_refused(ledger, county.mb_officer, AssignLiaison(member_id=member_id, officer_id=county.mb_officer),
                   rules.ROLE)
    ledger.execute(county.b1_officer, EndMembership(member_id=member_id, reason="died"))
    assert_refused(ledger, county.b1_officer, AssignLiaison(member_id=member_id, officer_id=county.t1_officer),
                   rules.MEMBER_ENDED)


def test_a_contact_records_who_made_it_by_default_the_officer_recording_it(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="reached"))
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="visit", outcome="reached",
                                                    made_by="李秀兰"))
    made = [f.made_by for f in member(ledger, member_id).facts if isinstance(f, ContactRecorded)]
    assert made == ["红旗村支书", "李秀兰"]
    ledger.execute(county.b1_officer, CorrectEvent(position=head(ledger), changes={"made_by": "王站长"},
                                                   reason="走访人登记有误"))
    assert member(ledger, member_id).facts[-1].made_by == "王站长"  # type: ignore[attr-defined]
    assert_refused(ledger, county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="reached",
                                                            made_by="名" * 31), rules.TOO_LONG, field="made_by")


def test_a_contact_is_stored_at_version_3_and_one_stored_before_reads_as_made_by_nobody_recorded(
        ledger: Ledger) -> None:
    contact = event(ContactRecorded, method="phone", outcome="reached", lost_reason=None, note="",
                    initiated_by="member", made_by="李秀兰")
    state = stored_state(ledger, contact)
    assert state["class_version"] == 3 and state["made_by"] == "李秀兰"
    state["class_version"] = 2
    del state["made_by"]  # what version 2 stored
    old = dataclasses.replace(ledger.mapper.to_stored_event(contact), state=ledger.mapper.transcoder.encode(state))
    read = ledger.mapper.to_domain_event(old)
    assert isinstance(read, ContactRecorded) and read.made_by is None and read.initiated_by == "member"
    assert dataclasses.replace(read, made_by="李秀兰") == contact


def test_an_effective_date_is_kept(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, AssignLiaison(member_id=member_id, officer_id=county.s1_officer,
                                                    effective_on=date(2024, 3, 5)))
    liaison = member(ledger, member_id).liaison
    assert liaison is not None and liaison.since == date(2024, 3, 5)


def test_a_voided_liaison_is_no_longer_the_members(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, AssignLiaison(member_id=member_id, officer_id=county.s1_officer))
    ledger.execute(county.b1_officer, VoidEvent(position=head(ledger), reason="指定有误"))
    assert member(ledger, member_id).liaison is None
