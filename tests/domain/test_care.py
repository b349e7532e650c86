"""Care requests (帮扶申请) and hotline calls (服务热线): who may take them where, for
whom, what they record, and the refusals that name their field and rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

from domain import rules
from domain.care import CareRequest
from domain.commands import (
    CloseCareRequest, CorrectEvent, HandOverOrganisation, LogHotlineCall, RecordCareService, RecordReportIn, RequestCare, RevokeOfficer,
    VoidEvent,
)
from domain.hotline import HotlineCall
from domain.ledger import Ledger
from tests.support.county import SmallCounty, id_number
from tests.support.handover import prepare
from tests.support.helpers import assert_refused
from tests.support.inflow import inflow_command, inflow_id_number
from tests.support.members import away, enrol

DAY = date(2025, 3, 2)


def ask(member: UUID | None = None, org: UUID | None = None, county: SmallCounty | None = None,
        **changes: object) -> RequestCare:
    assert org is not None or county is not None
    command = RequestCare(kind="legal", org_id=org or county.s1, member_id=member,  # type: ignore[union-attr]
                          summary="在成都务工被拖欠工资三个月", effective_on=DAY)
    return replace(command, **changes)  # type: ignore[arg-type]


def load(ledger: Ledger, care_id: UUID | None) -> CareRequest:
    assert care_id is not None
    found = ledger.repository.get(care_id)
    assert isinstance(found, CareRequest)
    return found


def test_a_request_taken_at_a_station_records_its_services_and_closes_with_an_outcome(
        ledger: Ledger, county: SmallCounty) -> None:
    member = enrol(ledger, county)
    care_id = ledger.execute(county.s1_officer, ask(member, county=county)).subject_id
    for day, content in ((date(2025, 3, 9), "联系县法律援助中心"), (date(2025, 3, 5), "电话了解情况")):
        ledger.execute(county.s1_officer, RecordCareService(care_request_id=care_id, content=content, effective_on=day))
    ledger.execute(county.s1_officer, CloseCareRequest(care_request_id=care_id, outcome="resolved",
                                                       note="已追回工资", effective_on=date(2025, 4, 1)))
    care = load(ledger, care_id)
    assert (care.member_id, care.org_id, care.kind, care.requested_on) == (member, county.s1, "legal", DAY)
    assert (care.handler_officer_id, care.handler_name) == (county.s1_officer, "服务站站长")  # the actor by default
    assert [s.content for s in care.services] == ["电话了解情况", "联系县法律援助中心"]  # by day
    assert (care.closed_on, care.outcome, care.close_note) == (date(2025, 4, 1), "resolved", "已追回工资")


def test_nothing_more_is_recorded_once_closed_until_the_closing_is_voided(ledger: Ledger, county: SmallCounty) -> None:
    care_id = ledger.execute(county.admin, ask(enrol(ledger, county), county=county)).subject_id
    closed = ledger.execute(county.admin, CloseCareRequest(care_request_id=care_id, outcome="withdrawn",
                                                           effective_on=date(2025, 3, 3))).positions[0]
    service = RecordCareService(care_request_id=care_id, content="回访")  # type: ignore[arg-type]
    again = CloseCareRequest(care_request_id=care_id, outcome="resolved")  # type: ignore[arg-type]
    for command in (service, again):
        assert_refused(ledger, county.admin, command, rules.CARE_CLOSED, "帮扶服务：该帮扶申请已于2025-03-03办结，"
                       "不能再记录（办结记录可更正或作废）")
    ledger.execute(county.admin, VoidEvent(position=closed, reason="误录办结"))
    ledger.execute(county.admin, service)
    assert load(ledger, care_id).is_open


def test_a_service_before_the_request_or_a_closing_before_the_last_service_is_refused(
        ledger: Ledger, county: SmallCounty) -> None:
    care_id = ledger.execute(county.admin, ask(enrol(ledger, county), county=county)).subject_id
    assert_refused(ledger, county.admin, RecordCareService(care_request_id=care_id, content="回访",  # type: ignore[arg-type]
                                                           effective_on=date(2025, 3, 1)), rules.DATE_ORDER)
    ledger.execute(county.admin, RecordCareService(care_request_id=care_id, content="回访",  # type: ignore[arg-type]
                                                   effective_on=date(2025, 3, 10)))
    assert_refused(ledger, county.admin, CloseCareRequest(care_request_id=care_id, outcome="resolved",  # type: ignore[arg-type]
                                                          effective_on=date(2025, 3, 9)), rules.DATE_ORDER)


def test_who_asked_is_one_person_in_the_actors_reach(ledger: Ledger, county: SmallCounty) -> None:
    member = enrol(ledger, county)
    inflow = ledger.execute(county.t1_officer, inflow_command(county.b1, 7)).subject_id
    assert_refused(ledger, county.admin, ask(county=county), rules.CARE_PERSON, field="member_id")
    assert_refused(ledger, county.admin, ask(member, county=county, inflow_member_id=inflow), rules.CARE_PERSON)
    # 赤溪镇's officer, at its own branch, for a member of 长赤镇: outside its jurisdiction.
    assert_refused(ledger, county.t2_officer, ask(member, county.b2), rules.JURISDICTION)
    # By ID number, one outside the reach is as unknown as one never registered.
    assert_refused(ledger, county.t2_officer, ask(None, county.b2, id_number=id_number(date(1985, 3, 4), 1)),
                   rules.MEMBER_NOT_FOUND, field="id_number")
    by_number = ledger.execute(county.t1_officer, ask(None, county.b1, id_number=inflow_id_number(7))).subject_id
    assert load(ledger, by_number).inflow_member_id == inflow
    assert ledger.execute(county.s1_officer, ask(None, county=county, id_number=id_number(date(1985, 3, 4), 1)))


def test_an_inflow_officer_takes_requests_only_at_its_own_organisation_for_members_reported_in_there(
        ledger: Ledger, county: SmallCounty) -> None:
    member = away(ledger, county)
    assert_refused(ledger, county.mb_officer, ask(member, county.mb), rules.INFLOW_SCOPE)  # not reported in yet
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1985, 3, 4), 1),
                                                     inflow_contact="刘书记", effective_on=date(2024, 3, 20)))
    care_id = ledger.execute(county.mb_officer, ask(member, county.mb)).subject_id
    assert load(ledger, care_id).org_id == county.mb
    assert_refused(ledger, county.io_officer, ask(member, county.mb), rules.JURISDICTION)
    assert_refused(ledger, county.io_officer, CloseCareRequest(care_request_id=care_id, outcome="resolved"),  # type: ignore[arg-type]
                   rules.JURISDICTION)


def test_a_request_is_taken_by_a_service_unit_or_a_branch_with_a_known_kind_and_a_handler(
        ledger: Ledger, county: SmallCounty) -> None:
    member = enrol(ledger, county)
    assert_refused(ledger, county.admin, ask(member, county.t1), rules.CARE_PLACE, field="org_id")
    assert_refused(ledger, county.admin, ask(member, county=county, kind="loan"), rules.CHOICE, field="kind")
    assert_refused(ledger, county.admin, ask(member, county=county, summary="电话13800001234"), rules.CARE_NUMBER,
                   field="summary")
    assert_refused(ledger, county.admin, ask(member, county=county, summary="长" * 201), rules.TOO_LONG)
    assert_refused(ledger, county.admin, ask(member, county=county, handler_officer_id=county.t1_officer,
                                             handler_name="李四"), rules.CARE_HANDLER_ONE)
    assert_refused(ledger, county.admin, ask(member, county=county, handler_officer_id=county.auditor),
                   rules.CARE_HANDLER, field="handler_officer_id")
    ledger.execute(county.admin, RevokeOfficer(officer_id=county.b1_officer, reason="调离"))
    assert_refused(ledger, county.admin, ask(member, county=county, handler_officer_id=county.b1_officer),
                   rules.CARE_HANDLER)
    named = ledger.execute(county.admin, ask(member, county=county, handler_name="服务站志愿者李四")).subject_id
    assert (load(ledger, named).handler_officer_id, load(ledger, named).handler_name) == (None, "服务站志愿者李四")


def test_a_correction_keeps_numbers_out_of_the_text(ledger: Ledger, county: SmallCounty) -> None:
    outcome = ledger.execute(county.admin, ask(enrol(ledger, county), county=county))
    position = outcome.positions[0]
    assert_refused(ledger, county.admin, CorrectEvent(position=position, changes={"summary": "身份证51192219850304001X"},
                                                      reason="补充"), rules.CARE_NUMBER)
    ledger.execute(county.admin, CorrectEvent(position=position, changes={"kind": "hardship"}, reason="类别选错"))
    assert load(ledger, outcome.subject_id).kind == "hardship"


def test_a_hotline_call_names_a_member_only_if_known_and_only_at_a_service_unit(
        ledger: Ledger, county: SmallCounty) -> None:
    member = enrol(ledger, county)
    call = LogHotlineCall(org_id=county.centre, kind="policy", topic="咨询外出期间如何交纳党费", outcome="当场解答")
    unknown = ledger.execute(county.admin, call).subject_id
    known = ledger.execute(county.s1_officer, LogHotlineCall(org_id=county.s1, kind="jobs", topic="求职信息",
                                                            outcome="推荐到县人才市场", member_id=member)).subject_id
    assert ledger.repository.get(unknown).member_id is None
    found = ledger.repository.get(known)
    assert isinstance(found, HotlineCall) and (found.member_id, found.handler_name) == (member, "服务站站长")
    assert_refused(ledger, county.admin, LogHotlineCall(org_id=county.b1, kind="policy", topic="咨询", outcome="解答"),
                   rules.HOTLINE_PLACE, field="org_id")
    inflow = ledger.execute(county.t1_officer, inflow_command(county.b1, 7)).subject_id
    assert_refused(ledger, county.admin, LogHotlineCall(org_id=county.centre, kind="policy", topic="咨询", outcome="解答",
                                                        member_id=member, inflow_member_id=inflow), rules.HOTLINE_PERSON)
    assert_refused(ledger, county.admin, LogHotlineCall(org_id=county.centre, kind="policy", topic="来电139 0000 1111",
                                                        outcome="解答"), rules.CARE_NUMBER, field="topic")
    assert_refused(ledger, county.mb_officer, LogHotlineCall(org_id=county.centre, kind="policy", topic="咨询",
                                                             outcome="解答"), rules.ROLE)


def test_numbers_written_with_separators_or_chinese_numerals_are_refused_too(
        ledger: Ledger, county: SmallCounty) -> None:
    member = enrol(ledger, county)
    for text in ("139.1234.5678", "139/1234/5678", "139_1234_5678", "139，1234，5678", "一三九一二三四五六七八"):
        assert_refused(ledger, county.admin, ask(member, county=county, summary=f"联系电话{text}"), rules.CARE_NUMBER,
                       field="summary")
    assert ledger.execute(county.admin, ask(member, county=county, summary="拖欠工资3个月，共12000元")).subject_id


def test_the_id_of_a_voided_request_stays_taken(ledger: Ledger, county: SmallCounty) -> None:
    outcome = ledger.execute(county.admin, ask(enrol(ledger, county), county=county))
    ledger.execute(county.admin, VoidEvent(position=outcome.positions[0], reason="登记错误"))
    again = ask(enrol(ledger, county, 2), county=county, care_request_id=outcome.subject_id)
    assert_refused(ledger, county.admin, again, rules.CARE_ID_USED)


def test_an_inflow_officer_voids_what_it_recorded_at_its_own_organisation(ledger: Ledger, county: SmallCounty) -> None:
    member = away(ledger, county)
    ledger.execute(county.mb_officer, RecordReportIn(org_id=county.mb, id_number=id_number(date(1985, 3, 4), 1),
                                                     inflow_contact="刘书记", effective_on=date(2024, 3, 20)))
    care_id = ledger.execute(county.mb_officer, ask(member, county.mb)).subject_id
    closed = ledger.execute(county.mb_officer, CloseCareRequest(care_request_id=care_id, outcome="resolved"))  # type: ignore[arg-type]
    assert_refused(ledger, county.io_officer, VoidEvent(position=closed.positions[0], reason="误点办结"), rules.ROLE)
    ledger.execute(county.mb_officer, VoidEvent(position=closed.positions[0], reason="误点办结"))
    assert load(ledger, care_id).closed_on is None


def test_a_member_handed_over_out_of_the_county_is_unknown_when_named_by_id_number(
        ledger: Ledger, county: SmallCounty) -> None:
    h = prepare(ledger, county)
    ledger.execute(county.admin, HandOverOrganisation(org_id=h.xa, to_org_id=county.io, effective_on=date(2025, 5, 1)))
    named = ask(county=county, id_number=id_number(date(1985, 3, 4), 41), effective_on=date(2025, 5, 10))
    assert_refused(ledger, county.s1_officer, named, rules.MEMBER_NOT_FOUND, field="id_number")
