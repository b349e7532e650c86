"""A contact records who initiated it (组织找党员 / 党员找组织), and the
member's state and register row keep who initiated the last one."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain import rules
from domain.commands import CorrectEvent, RecordContact, RecordLegacySummary
from domain.ledger import Ledger
from domain.member_events import ContactRecorded
from projections.register_reducers import REDUCERS
from projections.register_row import row_from_member
from tests.support.county import SmallCounty, build_small_county
from tests.support.helpers import assert_refused, head
from tests.support.members import away, member
from tests.support.stores import NOW, Clock, in_memory_ledger

CHOICES = "联系发起方应为：organisation（组织找党员）、member（党员找组织）"


def contact(member_id: object, on: date, by: str | None = None) -> RecordContact:
    extra = {"initiated_by": by} if by is not None else {}
    return RecordContact(member_id=member_id, method="phone", outcome="reached", effective_on=on,  # type: ignore[arg-type]
                         **extra)  # type: ignore[arg-type]


def test_a_contact_records_who_initiated_it_and_the_organisation_by_default(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, contact(member_id, date(2024, 4, 1)))
    assert member(ledger, member_id).last_contact_by == "organisation"
    ledger.execute(county.b1_officer, contact(member_id, date(2024, 5, 1), "member"))
    assert member(ledger, member_id).last_contact_by == "member"
    assert isinstance(member(ledger, member_id).facts[-1], ContactRecorded)


def test_no_command_records_an_unrecorded_initiator(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.b1_officer, contact(member_id, date(2024, 4, 1), "unrecorded"), rules.CHOICE,
                   text=f"取值范围：{CHOICES}", field="initiated_by")
    ledger.execute(county.b1_officer, contact(member_id, date(2024, 4, 1)))
    correction = CorrectEvent(position=head(ledger), changes={"initiated_by": "unrecorded"}, reason="不详")
    assert_refused(ledger, county.b1_officer, correction, rules.CHOICE, text=f"取值范围：{CHOICES}",
                   field="changes.initiated_by")


def test_a_correction_changes_who_initiated_a_contact(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, contact(member_id, date(2024, 4, 1)))
    ledger.execute(county.b1_officer, CorrectEvent(position=head(ledger), changes={"initiated_by": "member"},
                                                   reason="党员本人来电"))
    assert member(ledger, member_id).last_contact_by == "member"


def test_the_last_contact_is_the_latest_by_date_and_a_legacy_date_says_unrecorded(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    ledger.execute(county.b1_officer, contact(member_id, date(2024, 6, 1), "member"))
    ledger.execute(county.b1_officer, contact(member_id, date(2024, 5, 1)))  # reported late: not the last
    assert (member(ledger, member_id).last_contact_on, member(ledger, member_id).last_contact_by) == \
        (date(2024, 6, 1), "member")
    ledger.execute(county.admin, RecordLegacySummary(member_id=member_id, last_contact_on=date(2024, 6, 1)))
    assert member(ledger, member_id).last_contact_by == "member", "the same day: the known initiator stays"
    ledger.execute(county.admin, RecordLegacySummary(member_id=member_id, last_contact_on=date(2024, 7, 1)))
    assert member(ledger, member_id).last_contact_by == "unrecorded"


@settings(max_examples=50)
@given(steps=st.lists(st.tuples(st.integers(0, 60), st.sampled_from(["organisation", "member", "legacy"])),
                      min_size=1, max_size=12))
def test_the_register_row_and_the_state_agree_on_the_last_contact(steps: list[tuple[int, str]]) -> None:
    ledger = in_memory_ledger(Clock(NOW))
    county = build_small_county(ledger)
    member_id = away(ledger, county)
    before = member(ledger, member_id)
    row = row_from_member(before, None)
    for days, by in steps:
        on = date(2024, 3, 1) + timedelta(days=days)
        if by == "legacy":
            ledger.execute(county.admin, RecordLegacySummary(member_id=member_id, last_contact_on=on))
        else:
            ledger.execute(county.b1_officer, contact(member_id, on, by))
    after = member(ledger, member_id)
    for event in after.facts[before.version:]:
        REDUCERS[type(event)](row, event)
    assert after.last_contact_on is not None
    assert (row["last_contact_on"], row["last_contact_by"]) == (after.last_contact_on.isoformat(),
                                                                after.last_contact_by)
