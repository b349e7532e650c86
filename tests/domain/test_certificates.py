"""Activity certificates: blanks, request, approval, issue and after, with
every step naming who took it (发放责任追究); rule tests, on the in-memory store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import uuid4

import pytest

from domain import rules
from domain.certificate import Issued
from domain.certificate_request import CertificateRequest
from domain.commands import (
    AllocateBlanks, AppointOfficer, ApproveRequest, CheckCertificate, DeclineRequest, HandBackCertificate,
    MoveToBranch, RecordReturn, ReportCertificateLost, RequestCertificate, RevokeOfficer, VoidBlank,
)
from domain.ids import certificate_id
from domain.ledger import Ledger
from domain.vocab import CertificateState
from projections.certificates import certificate_row
from tests.support.county import SmallCounty
from tests.support.helpers import assert_refused
from tests.support.certificates import (
    ON, approved, certificate, held, holder, issue, lost, replacement, request,
)
from tests.support.members import away, departure, enrol

def test_the_issue_names_who_requested_approved_and_issued(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    request_id = approved(ledger, county, member_id)
    outcome = ledger.execute(county.b1_officer, issue(request_id))
    assert len(outcome.positions) == 3  # the certificate, the request used, the member holding it
    cert = certificate(ledger, "511922-2025-00001")
    assert (cert.state, cert.member_id, cert.org_id) == (CertificateState.VALID, member_id, county.t1)
    assert cert.issued_by == str(county.b1_officer)
    assert cert.approver_id == str(county.t1_approver)
    assert cert.request_id == request_id
    issued = cert.facts[0]
    assert issued.actor_org == county.b1
    assert "外出已12个月、预计外出10个月，达到6个月" in issued.justification  # type: ignore[attr-defined]
    req = ledger.load(CertificateRequest, request_id)
    assert req.requested_by == str(county.t1_officer) and req.number == cert.number
    assert held(ledger, member_id) == (cert.number,)


def test_blanks_go_to_township_committees_in_ranges_that_do_not_overlap(
        ledger: Ledger, county: SmallCounty) -> None:
    allocate = AllocateBlanks(org_id=county.b1, year=2025, first=101, last=120)
    assert_refused(ledger, county.admin, allocate, rules.BLANK_TARGET)
    assert_refused(ledger, county.admin, replace(allocate, org_id=county.t1, first=40, last=60),
                   rules.BLANK_OVERLAP, text="空白证分配：2025年序号40至60与已分配号段重叠")
    assert_refused(ledger, county.admin, replace(allocate, org_id=county.t1, first=9, last=3),
                   rules.BLANK_RANGE)
    assert_refused(ledger, county.t1_officer, replace(allocate, org_id=county.t1), rules.ROLE)
    ledger.execute(county.admin, replace(allocate, org_id=county.t1))


def test_a_request_comes_from_the_members_committee_for_a_member_long_away(
        ledger: Ledger, county: SmallCounty) -> None:
    at_home = enrol(ledger, county)
    ask = RequestCertificate(member_id=at_home, justification="外出", effective_on=ON)
    assert_refused(ledger, county.t1_officer, ask, rules.CERT_NOT_AWAY)
    short = enrol(ledger, county, 2)
    ledger.execute(county.b1_officer, departure(short, date(2025, 1, 1), months=3))
    assert_refused(ledger, county.t1_officer, replace(ask, member_id=short), rules.CERT_MONTHS,
                   text="活动证发放：外出时间不足6个月（预计外出3个月，已外出2个月）")
    member_id = away(ledger, county, 3)
    assert_refused(ledger, county.b1_officer, replace(ask, member_id=member_id), rules.JURISDICTION)
    assert_refused(ledger, county.t2_officer, replace(ask, member_id=member_id), rules.JURISDICTION)


def test_the_approver_is_another_officer_at_the_same_level_or_above(
        ledger: Ledger, county: SmallCounty) -> None:
    request_id = request(ledger, county, away(ledger, county))
    approve = ApproveRequest(request_id=request_id, effective_on=ON)
    assert_refused(ledger, county.t1_officer, approve, rules.APPROVER_IS_REQUESTER,
                   text="发放审批：审批人不能是申请人本人")
    assert_refused(ledger, county.b1_officer, approve, rules.JURISDICTION)
    assert_refused(ledger, county.t2_officer, approve, rules.JURISDICTION)
    ledger.execute(county.admin, approve)
    assert_refused(ledger, county.t1_approver, approve, rules.REQUEST_DECIDED)


def test_a_request_from_the_county_is_not_approved_below_it(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    county_officer = ledger.execute(county.admin, AppointOfficer(
        name="县委组织部干事", org_id=county.committee, role="officer")).subject_id
    request_id = ledger.execute(county_officer, RequestCertificate(  # type: ignore[arg-type]
        member_id=member_id, justification="县里统一办理", effective_on=ON)).subject_id
    approve = ApproveRequest(request_id=request_id)  # type: ignore[arg-type]
    assert_refused(ledger, county.t1_approver, approve, rules.APPROVER_LEVEL)
    ledger.execute(county.admin, approve)


def test_an_issue_cites_an_approved_request_once(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    request_id = request(ledger, county, member_id)
    assert_refused(ledger, county.b1_officer, issue(request_id), rules.REQUEST_PENDING)
    ledger.execute(county.t1_approver, ApproveRequest(request_id=request_id, effective_on=ON))
    assert_refused(ledger, county.t1_approver, issue(request_id), rules.ISSUER_IS_APPROVER,
                   text="发放责任：发证人不能是审批人本人")
    ledger.execute(county.b1_officer, issue(request_id))
    cert_number = "511922-2025-00001"
    ledger.execute(county.b1_officer, HandBackCertificate(number=cert_number, reason="other"))
    assert_refused(ledger, county.b1_officer, issue(request_id, 2), rules.REQUEST_USED,
                   text=f"发放审批：该审批已用于发放活动证{cert_number}")


def test_a_declined_request_cannot_be_used(ledger: Ledger, county: SmallCounty) -> None:
    request_id = request(ledger, county, away(ledger, county))
    ledger.execute(county.t1_approver, DeclineRequest(request_id=request_id, reason="材料不全"))
    assert_refused(ledger, county.b1_officer, issue(request_id), rules.REQUEST_DECLINED)


def test_the_number_is_a_blank_of_the_members_committee_used_once(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    request_id = approved(ledger, county, member_id)
    assert_refused(ledger, county.b1_officer, issue(request_id, 51), rules.BLANK_NOT_ALLOCATED,
                   text="活动证编号：编号511922-2025-00051未分配给中共长赤镇委员会")
    assert_refused(ledger, county.b1_officer, replace(issue(request_id), number="511900-2025-00001"),
                   rules.COUNTY_CODE)
    assert_refused(ledger, county.b1_officer, replace(issue(request_id), number="2025-1"), rules.CERT_NUMBER)
    other_id, number = holder(ledger, county, 2)
    assert_refused(ledger, county.b1_officer, replace(issue(request_id), number=number), rules.NUMBER_USED)


def test_at_most_one_valid_certificate_per_member(ledger: Ledger, county: SmallCounty) -> None:
    member_id, _ = holder(ledger, county)
    assert_refused(ledger, county.t1_officer, RequestCertificate(member_id=member_id, justification="再办"),
                   rules.ONE_VALID, text="一人一证：该党员已持有有效活动证511922-2025-00001")


def test_the_issuing_committee_is_the_members_committee_at_issue(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    request_id = approved(ledger, county, member_id)
    ledger.execute(county.admin, MoveToBranch(member_id=member_id, branch_id=county.b2))
    assert_refused(ledger, county.admin, issue(request_id), rules.ISSUING_ORG)


def test_yearly_checks(ledger: Ledger, county: SmallCounty) -> None:
    _, number = holder(ledger, county)
    ledger.execute(county.b1_officer, CheckCertificate(number=number, year=2025))
    assert certificate(ledger, number).checked_years == {2025}
    assert_refused(ledger, county.b1_officer, CheckCertificate(number=number, year=2025), rules.CHECKED_YEAR)
    assert_refused(ledger, county.b1_officer, CheckCertificate(number=number, year=2024), rules.CHECK_YEAR)


def test_a_lost_certificate_is_replaced_with_a_new_number(ledger: Ledger, county: SmallCounty) -> None:
    member_id, number = holder(ledger, county)
    assert_refused(ledger, county.b1_officer, replacement(number, county.t1_approver),
                   rules.CERT_STATE, text=f"活动证：活动证{number}当前状态为“有效”，不能补发")
    ledger.execute(county.b1_officer, ReportCertificateLost(number=number, note="在工地遗失"))
    assert held(ledger, member_id) == ()
    assert_refused(ledger, county.b1_officer, CheckCertificate(number=number, year=2025), rules.CERT_STATE)
    ledger.execute(county.b1_officer, replacement(number, county.t1_approver))
    assert certificate(ledger, number).state == CertificateState.REPLACED
    new = certificate(ledger, "511922-2025-00002")
    assert (new.state, new.replaces) == (CertificateState.VALID, number)
    assert held(ledger, member_id) == ("511922-2025-00002",)


@pytest.mark.parametrize("approver", ["t1_approver", "s1_officer", "admin"])
def test_a_replacement_names_who_approved_it(ledger: Ledger, county: SmallCounty, approver: str) -> None:
    _, number = lost(ledger, county)
    approver_id = getattr(county, approver)
    outcome = ledger.execute(county.b1_officer, replacement(number, approver_id))
    issued = [e for e in map(ledger.event_at, outcome.positions) if isinstance(e, Issued)]
    assert [(e.number, e.approver_id, e.actor) for e in issued] == \
        [("511922-2025-00002", str(approver_id), str(county.b1_officer))]
    new = certificate(ledger, "511922-2025-00002")
    assert (new.approver_id, new.issued_by) == (str(approver_id), str(county.b1_officer))
    assert certificate_row(new, None)["approver_id"] == str(approver_id)  # the accountability register's row


@pytest.mark.parametrize(("approver", "rule"), [
    ("t1_officer", rules.ISSUER_IS_APPROVER),  # the officer recording the replacement
    ("b1_officer", rules.REPLACEMENT_APPROVER_LEVEL),  # a branch, below the 基层党委
    ("t2_officer", rules.REPLACEMENT_APPROVER_LEVEL),  # another township, outside the caller's reach
    ("auditor", rules.REPLACEMENT_APPROVER),
    ("mb_officer", rules.REPLACEMENT_APPROVER),  # inflow officers
    ("io_officer", rules.REPLACEMENT_APPROVER),
])
def test_a_replacement_is_approved_by_another_officer_of_the_committee_or_above(
        ledger: Ledger, county: SmallCounty, approver: str, rule: rules.Rule) -> None:
    _, number = lost(ledger, county)
    assert_refused(ledger, county.t1_officer, replacement(number, getattr(county, approver)), rule,
                   text=f"{rule.term}：{rule.text}", field="approver_id")  # names nobody
    ledger.execute(county.t1_officer, replacement(number, county.t1_approver))


def test_a_revoked_officer_or_no_officer_cannot_approve_a_replacement(ledger: Ledger, county: SmallCounty) -> None:
    member_id, number = lost(ledger, county)
    ledger.execute(county.admin, RevokeOfficer(officer_id=county.t1_approver, reason="调离"))
    for nobody in (county.t1_approver, member_id, uuid4()):
        assert_refused(ledger, county.b1_officer, replacement(number, nobody), rules.REPLACEMENT_APPROVER,
                       text="补发审批：批准补发的应为在任的县委组织部管理员或党务工作人员；"
                            "纪检巡察人员、流入地党组织工作人员不能批准补发", field="approver_id")
    ledger.execute(county.b1_officer, replacement(number, county.t1_officer))


def test_return_hands_the_certificate_back_in_the_same_command(ledger: Ledger, county: SmallCounty) -> None:
    member_id, number = holder(ledger, county)
    assert_refused(ledger, county.b1_officer, RecordReturn(member_id=member_id), rules.CERT_NOT_RETURNED)
    _, other = holder(ledger, county, 2)
    assert_refused(ledger, county.b1_officer, RecordReturn(member_id=member_id, hand_back_certificate=other),
                   rules.CERT_MEMBER)
    outcome = ledger.execute(county.b1_officer, RecordReturn(member_id=member_id, hand_back_certificate=number))
    assert len(outcome.positions) == 3
    assert certificate(ledger, number).state == CertificateState.HANDED_BACK
    assert held(ledger, member_id) == ()


def test_spoiled_blanks_are_voided_by_their_committee(ledger: Ledger, county: SmallCounty) -> None:
    void = VoidBlank(number="511922-2025-00007", reason="填写错误")
    assert_refused(ledger, county.t2_officer, void, rules.JURISDICTION)
    assert_refused(ledger, county.t1_officer, replace(void, number="511922-2025-00700"),
                   rules.BLANK_NOT_ALLOCATED)
    ledger.execute(county.t1_officer, void)
    assert certificate(ledger, void.number).state == CertificateState.VOIDED
    member_id = away(ledger, county)
    assert_refused(ledger, county.b1_officer, issue(approved(ledger, county, member_id), 7), rules.NUMBER_USED)
    assert_refused(ledger, county.t1_officer, void, rules.NUMBER_USED)


@pytest.mark.parametrize("command", [
    CheckCertificate(number="511922-2025-00009", year=2025),
    HandBackCertificate(number="511922-2025-00009", reason="returned"),
])
def test_unknown_certificates_are_not_found(ledger: Ledger, county: SmallCounty, command: object) -> None:
    assert_refused(ledger, county.b1_officer, command, rules.CERT_NOT_FOUND,  # type: ignore[arg-type]
                   text="活动证：找不到编号为511922-2025-00009的活动证")


def test_unknown_requests_are_not_found(ledger: Ledger, county: SmallCounty) -> None:
    unknown = certificate_id("no such request")
    assert_refused(ledger, county.t1_approver, ApproveRequest(request_id=unknown), rules.REQUEST_NOT_FOUND,
                   text="发放审批：找不到该发放申请")
    assert_refused(ledger, county.b1_officer, issue(unknown), rules.REQUEST_NOT_FOUND)
