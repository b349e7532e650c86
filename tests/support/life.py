"""A county's worth of history in which every kind of event happens at least
once: the fixture of the replay tests."""

from __future__ import annotations

from datetime import date

from domain.commands import (
    ApproveDuesReduction, RecordProbationAssessment, RecordReviewOpinion,
    AllocateBlanks, ApproveRequest, ChangeContactDetails, ChangePolicy, CheckCertificate, CloseOrganisation,
    CorrectEvent, DecideProbation, DeclineRequest, EndMembership, EstablishOrganisation, HandOverOrganisation,
    IssueCertificate, IssueToken, IssueTransferLetter, MoveToBranch, RecordActivity, RecordContact, RecordDeparture,
    RecordDues, RecordFullExport, RecordLegacyCertificate, RecordLegacySummary, RecordReportIn, RecordReturn,
    RecordReview, RecordTransferReceipt, ReplaceCertificate, ReportCertificateLost, RequestCertificate,
    RevealPersonalData, RevokeOfficer, RevokeToken, VoidBlank, VoidEvent,
)
from domain.ledger import Ledger
from tests.support.county import SmallCounty, build_small_county, fixed, id_number, member_command
from tests.support.enterprises import enterprise_life
from tests.support.inflow import inflow_life
from tests.support.stops import stop_life
from tests.support.trips import trip_life
from tests.support.care import care_life

__all__ = ["live_a_life"]


def live_a_life(ledger: Ledger) -> SmallCounty:
    c = build_small_county(ledger)
    run = ledger.execute
    a = run(c.t1_officer, member_command(c.b1, 1, standing="probationary", joined=date(2022, 3, 1),
                                         registered=date(2022, 3, 2))).subject_id
    assert a is not None
    run(c.t1_officer, MoveToBranch(member_id=a, branch_id=c.b1b, effective_on=date(2022, 4, 1)))
    run(c.t1_officer, RevealPersonalData(member_id=a, fields=("phone",), reason="核实联系方式"))
    run(c.t1_officer, RecordProbationAssessment(member_id=a, opinion="表现良好，按时参加组织生活", period="2022年第三季度",
                                                effective_on=date(2022, 9, 1)))
    run(c.t1_officer, DecideProbation(member_id=a, outcome="on_time", effective_on=date(2023, 3, 5)))
    run(c.t1_officer, RecordReview(member_id=a, year=2023, grade="qualified", effective_on=date(2024, 1, 5)))
    departed = run(c.t1_officer, RecordDeparture(
        member_id=a, reason="外出务工", province="四川省", city="成都市", industry="construction",
        expected_months=12, contact_phone="13900001111", employer="某建筑公司",
        effective_on=date(2024, 1, 10))).positions[0]
    run(c.mb_officer, RecordReportIn(org_id=c.mb, id_number=id_number(date(1985, 3, 4), 1),
                                     inflow_contact="刘书记", effective_on=date(2024, 1, 20)))
    run(c.mb_officer, RecordContact(member_id=a, method="phone", outcome="reached", effective_on=date(2024, 2, 1)))
    run(c.mb_officer, ChangeContactDetails(member_id=a, contact_phone="13911112222", effective_on=date(2024, 2, 5)))
    run(c.mb_officer, RecordActivity(member_id=a, kind="quarterly", title="三服务季度活动", org_id=c.mb,
                                     effective_on=date(2024, 3, 1)))
    run(c.mb_officer, RecordDues(member_id=a, months=("2024-02", "2024-03"), amount_fen=9000,
                                 collector="inflow", basis="wage", income_fen=450000,
                                 effective_on=date(2024, 3, 5)))
    run(c.mb_officer, RecordReviewOpinion(member_id=a, year=2023, opinion="在流入地表现积极", suggested_grade="excellent",
                                          effective_on=date(2024, 3, 10)))
    run(c.t1_officer, ApproveDuesReduction(member_id=a, approved_by="长赤镇党委", from_month="2024-04", monthly_fen=0,
                                           reason="生活困难", until_month="2024-12", effective_on=date(2024, 3, 20)))
    run(c.admin, AllocateBlanks(org_id=c.t1, year=2024, first=1, last=10, effective_on=date(2024, 1, 2)))
    request = run(c.t1_officer, RequestCertificate(member_id=a, justification="在成都务工一年以上",
                                                   request_id=fixed("request-a"),
                                                   effective_on=date(2024, 7, 15))).subject_id
    run(c.t1_approver, ApproveRequest(request_id=request, note="同意", effective_on=date(2024, 7, 16)))  # type: ignore[arg-type]
    run(c.t1_officer, IssueCertificate(request_id=request, number="511922-2024-00001",  # type: ignore[arg-type]
                                       effective_on=date(2024, 7, 20)))
    run(c.t1_officer, CheckCertificate(number="511922-2024-00001", year=2024, effective_on=date(2024, 12, 20)))
    run(c.t1_officer, ReportCertificateLost(number="511922-2024-00001", note="遗失", effective_on=date(2025, 1, 5)))
    run(c.t1_officer, ReplaceCertificate(number="511922-2024-00001", new_number="511922-2024-00002",
                                         approver_id=c.t1_approver, effective_on=date(2025, 1, 6)))
    run(c.t1_officer, VoidBlank(number="511922-2024-00003", reason="填写错误", effective_on=date(2025, 1, 7)))
    run(c.t1_officer, RecordReturn(member_id=a, report="务工结束返乡", hand_back_certificate="511922-2024-00002",
                                   effective_on=date(2025, 2, 1)))
    run(c.t1_officer, IssueTransferLetter(member_id=a, to_org_name="中共巴中市某街道工委",
                                          letter_number="南组转〔2025〕1号", effective_on=date(2025, 3, 1)))
    run(c.t1_officer, RecordTransferReceipt(member_id=a, letter_number="南组转〔2025〕1号",
                                            effective_on=date(2025, 3, 15)))
    run(c.t1_officer, CorrectEvent(position=departed, changes={"employer": "成都某建筑公司"}, reason="补全单位名称"))

    b = run(c.t1_officer, member_command(c.b1, 2)).subject_id
    assert b is not None
    run(c.b1_officer, RecordDeparture(member_id=b, reason="经商", province="上海市", city="上海市",
                                      industry="catering", expected_months=24, contact_phone="13900002222",
                                      effective_on=date(2024, 5, 1)))
    declined = run(c.t1_officer, RequestCertificate(member_id=b, justification="外出经商",
                                                    request_id=fixed("request-b"),
                                                    effective_on=date(2024, 6, 1))).subject_id
    run(c.t1_approver, DeclineRequest(request_id=declined, reason="未报到", effective_on=date(2024, 6, 2)))  # type: ignore[arg-type]
    lost = run(c.b1_officer, RecordContact(member_id=b, method="visit", outcome="lost", lost_reason="moved",
                                           effective_on=date(2024, 10, 1))).positions[0]
    run(c.b1_officer, VoidEvent(position=lost, reason="记错人"))
    run(c.admin, RecordLegacySummary(member_id=b, paid_through="2023-12", review_year=2023,
                                     review_grade="qualified", effective_on=date(2024, 5, 2)))
    run(c.admin, RecordLegacyCertificate(member_id=b, number="南江2019-017", issuer_name="张某（已退休）",
                                         org_name="原长赤乡党委", effective_on=date(2019, 4, 1)))
    run(c.b1_officer, EndMembership(member_id=b, reason="died", hand_back_certificate="南江2019-017",
                                    effective_on=date(2025, 4, 1)))

    extra = run(c.admin, EstablishOrganisation(org_id=fixed("临时党支部"), kind="branch", name="临时党支部",
                                               parent_id=c.t2, effective_on=date(2024, 1, 1))).subject_id
    run(c.admin, CloseOrganisation(org_id=extra, reason="撤并", effective_on=date(2025, 1, 1)))  # type: ignore[arg-type]
    run(c.admin, HandOverOrganisation(org_id=c.mb, to_org_id=c.io, effective_on=date(2025, 5, 1)))
    stop_life(ledger, c)  # 停止党籍、除名、恢复党籍: every kind of their events
    credential = run(c.admin, IssueToken(officer_id=c.b1_officer)).subject_id
    run(c.admin, RevokeToken(credential_id=credential, reason="遗失"))  # type: ignore[arg-type]
    run(c.admin, RevokeOfficer(officer_id=c.b1_officer, reason="调离", effective_on=date(2025, 5, 2)))
    run(c.admin, ChangePolicy(changes={"back_pay_months": 3}, effective_on=date(2025, 5, 3)))
    run(c.admin, RecordFullExport(rows=2, reason="迁移到新服务器"))
    inflow_life(ledger, c)  # 流入党员: every kind of their events
    enterprise_life(ledger, c)  # 非公有制企业: every kind of their events
    trip_life(ledger, c)  # 外出前报告、临时返乡: every kind of their events
    care_life(ledger, c)  # 帮扶服务、服务热线: every kind of their events
    return c
