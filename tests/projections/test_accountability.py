"""The certificate accountability register (发放责任追究), its anomalies,
and the audit trail, on both stores."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.commands import (
    ApproveRequest, CheckCertificate, CorrectEvent, HandBackCertificate, IssueCertificate, RecordLegacyCertificate,
    RecordReturn, RequestCertificate, RevokeOfficer,
)
from domain.errors import NotFound
from domain.ledger import Ledger
from tests.support.stores import NOW
from tests.support.county import SmallCounty
from tests.support.helpers import head
from tests.projections.conftest import Projected
from tests.support.certificates import holder
from tests.support.members import departure, enrol

TODAY = date(2025, 6, 1)


def kinds(projected: Projected, as_of: date = TODAY) -> list[tuple[str, str]]:
    return sorted((a["kind"], a["number"]) for a in projected.sync().anomalies(as_of))


def test_who_issued_certificate_n_on_whose_approval_to_whom(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id, number = holder(ledger, county)
    cert = projected.sync().certificate(number)
    assert (cert["member_name"], cert["state"], cert["issued_on"]) == ("党员1", "valid", "2025-03-01")
    assert (cert["issuer_name"], cert["approver_name"], cert["requester_name"]) == \
        ("红旗村支书", "长赤镇副书记", "长赤镇干事")
    assert cert["org_name_now"] == "中共长赤镇委员会" and cert["issuer_org_name"] == "长赤镇红旗村党支部"
    assert "达到6个月" in cert["justification"]
    ledger.execute(county.b1_officer, CheckCertificate(number=number, year=2025))
    events = projected.sync().certificate(number)["events"]
    assert [e["summary"].split("：")[0] for e in events] == ["据此发证", "持有活动证", "发放活动证", "年审"]
    assert {e["actor_name"] for e in events} == {"红旗村支书"}
    with pytest.raises(NotFound):
        projected.views.certificate("511922-2025-00099")


def test_each_officers_certificates(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    holder(ledger, county, 1)
    holder(ledger, county, 2)
    views = projected.sync()
    assert len(views.certificates_of_officer(county.b1_officer)["issued"]) == 2
    assert len(views.certificates_of_officer(county.t1_approver)["approved"]) == 2
    assert len(views.certificates_of_officer(county.t1_officer)["requested"]) == 2
    assert views.certificates_of_officer(county.t2_officer) == {"issued": [], "approved": [], "requested": []}


def test_a_certificate_still_valid_after_return(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = enrol(ledger, county)
    ledger.execute(county.b1_officer, departure(member_id, date(2023, 1, 1)))
    ledger.execute(county.b1_officer, RecordReturn(member_id=member_id, effective_on=date(2024, 1, 1)))
    ledger.execute(county.admin, RecordLegacyCertificate(member_id=member_id, number="南江(2019)017号",
                                                         issuer_name="张某", effective_on=date(2023, 2, 1)))
    assert ("valid_after_return", "南江(2019)017号") in kinds(projected)
    ledger.execute(county.b1_officer, HandBackCertificate(number="南江(2019)017号", reason="returned"))
    assert kinds(projected) == []


def test_a_certificate_past_its_yearly_check(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = enrol(ledger, county)
    ledger.execute(county.b1_officer, departure(member_id, date(2023, 10, 1)))
    request = ledger.execute(county.t1_officer, RequestCertificate(
        member_id=member_id, justification="外出务工", effective_on=date(2024, 4, 1))).subject_id
    ledger.execute(county.t1_approver, ApproveRequest(request_id=request, effective_on=date(2024, 4, 2)))  # type: ignore[arg-type]
    ledger.execute(county.b1_officer, IssueCertificate(request_id=request, number="511922-2025-00003",  # type: ignore[arg-type]
                                                       effective_on=date(2024, 4, 5)))
    assert kinds(projected, date(2025, 4, 5)) == []
    assert kinds(projected) == [("check_overdue", "511922-2025-00003")]
    ledger.execute(county.b1_officer, CheckCertificate(number="511922-2025-00003", year=2025,
                                                       effective_on=date(2025, 5, 10)))
    assert kinds(projected) == []


def test_more_than_one_valid_certificate(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id, number = holder(ledger, county)
    ledger.execute(county.admin, RecordLegacyCertificate(member_id=member_id, number="旧证-8",
                                                         effective_on=date(2025, 1, 5)))
    assert kinds(projected) == [("several_valid", "511922-2025-00001"), ("several_valid", "旧证-8")]
    ledger.execute(county.b1_officer, HandBackCertificate(number="旧证-8", reason="other"))
    assert kinds(projected) == []


def test_an_issue_by_an_officer_already_revoked(ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    _, number = holder(ledger, county)  # issued by the branch officer on 2025-03-01
    ledger.execute(county.admin, RevokeOfficer(officer_id=county.b1_officer, reason="调离",
                                               effective_on=date(2025, 2, 1)))  # entered late
    assert kinds(projected) == [("issuer_revoked", number)]
    ledger.execute(county.admin, CorrectEvent(position=head(ledger), changes={"effective_on": "2025-04-01"},
                                              reason="撤销日期录错"))
    assert kinds(projected) == []


def test_the_audit_trail_answers_by_actor_organisation_subject_kind_and_time(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id, number = holder(ledger, county)
    views = projected.sync()
    everything = views.audit(size=10_000)
    assert everything.total == head(ledger)
    assert [r["position"] for r in everything.rows] == list(range(1, head(ledger) + 1))
    mine = views.audit(actor=county.b1_officer)
    assert {r["summary"].split("：")[0] for r in mine.rows} == {"外出登记", "据此发证", "持有活动证", "发放活动证"}
    assert sorted(r["summary"].split("：")[0] for r in views.audit(org_id=county.t1).rows) == \
        ["党员登记", "批准发放", "申请发放活动证", "组织设立", "组织设立"]  # branches set up under it
    assert views.audit(subject_id=member_id).total == 3
    assert views.audit(kind="certificate").rows[0]["certificate_number"] == number
    assert views.audit(topic="liudong.member.Departed").total == 1
    assert views.audit(since=NOW).total == everything.total
    assert views.audit(until=NOW).total == 0
    assert views.audit(since=NOW + timedelta(seconds=1)).total == 0
    assert views.audit(actor="nobody").total == 0
