"""Members of the small county, one story per reason a member of 应发未发 has
(and three who are not in it), as of `DAY`: the fixture of the 应发未发 and
coverage tests of the API, the sheets and the pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from uuid import UUID

from domain.commands import (
    CheckCertificate, DeclineRequest, IssueTransferLetter, RecordContact, RecordDeparture, RecordReportIn,
)
from domain.ledger import Ledger
from tests.support.certificates import approved, holder, lost, request
from tests.support.county import SmallCounty, member_command
from tests.support.members import away, departure, enrol
from tests.support.stores import Clock

__all__ = ["DAY", "REASONS", "Stories", "tell_stories"]

DAY = date(2026, 4, 15)  # certificates issued on 2025-03-01 and never checked lapsed on 2026-04-01
REASONS = {"党员1": "never_requested", "党员2": "requested", "党员3": "approved", "党员4": "check_overdue",
           "党员5": "lost", "党员9": "never_requested", "党员10": "never_requested"}


@dataclass(frozen=True)
class Stories:
    members: dict[str, UUID]  # by name

    def id(self, name: str) -> UUID:
        return self.members[name]


def tell_stories(ledger: Ledger, county: SmallCounty, clock: Clock) -> Stories:
    """Members 1-9 of 长赤镇红旗村 and member 10 of 赤溪镇新民村, all away; the clock moves to `DAY`.
    In 应发未发: `REASONS`. Not in it: 党员6 (a certificate checked in 2026), 党员7 (away a month,
    expected three), 党员8 (a transfer letter)."""
    clock.at = datetime(DAY.year, DAY.month, DAY.day, 4, tzinfo=UTC)
    run = ledger.execute
    members = {"党员1": away(ledger, county, 1)}
    run(county.b1_officer, RecordReportIn(member_id=members["党员1"], org_id=county.mb,
                                          effective_on=date(2024, 3, 20)))
    run(county.mb_officer, RecordContact(member_id=members["党员1"], method="phone", outcome="reached",
                                         effective_on=date(2026, 2, 1)))
    members["党员2"] = away(ledger, county, 2)
    request(ledger, county, members["党员2"])
    members["党员3"] = away(ledger, county, 3)
    approved(ledger, county, members["党员3"])
    members["党员4"], _ = holder(ledger, county, 4)
    members["党员5"], _ = lost(ledger, county, 5)
    members["党员6"], number = holder(ledger, county, 6)
    run(county.b1_officer, CheckCertificate(number=number, year=2026, effective_on=date(2026, 3, 20)))
    run(county.b1_officer, RecordContact(member_id=members["党员6"], method="phone", outcome="lost",
                                         lost_reason="moved", effective_on=date(2026, 4, 1)))
    members["党员7"] = enrol(ledger, county, 7)
    run(county.b1_officer, departure(members["党员7"], on=date(2026, 3, 1), months=3))
    members["党员8"] = away(ledger, county, 8)
    run(county.b1_officer, IssueTransferLetter(member_id=members["党员8"], to_org_name="某街道工委",
                                               effective_on=date(2026, 4, 1)))
    members["党员9"] = away(ledger, county, 9)
    run(county.t1_approver, DeclineRequest(request_id=request(ledger, county, members["党员9"]), reason="材料不全"))
    members["党员10"] = run(county.admin, member_command(county.b2, 10)).subject_id  # type: ignore[assignment]
    run(county.t2_officer, RecordDeparture(member_id=members["党员10"], reason="外出务工", province="上海市",
                                           city="上海市", industry="manufacturing", expected_months=12,
                                           contact_phone="13900002222", effective_on=date(2025, 9, 1)))
    return Stories(members)
