"""Members lost and stopped (停止党籍) for the tests of items 7 and 8: a lost-contact
record, a proposal citing it, a decision by the township's second officer."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.commands import (
    AssignLiaison, DecideMembershipStop, DecideRemoval, DecideRestoration, ProposeMembershipStop, ProposeRemoval, RecordContact,
    RecordRestorationRequest, RecordReturn, ResolveRestoration,
)
from domain.ledger import Ledger
from tests.support.county import SmallCounty
from tests.support.helpers import head
from tests.support.members import departure, enrol

__all__ = ["LEFT", "decide", "lost", "lost_member", "propose", "stop_life", "stopped"]

LEFT = date(2022, 1, 10)


def lost(ledger: Ledger, county: SmallCounty, member_id: UUID, on: date = date(2022, 3, 1)) -> int:
    """A lost-contact record (失联) of the member; its log position."""
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="lost",
                                                    lost_reason="moved", effective_on=on))
    return head(ledger)


def lost_member(ledger: Ledger, county: SmallCounty, seq: int = 1) -> tuple[UUID, int]:
    """A member who left on 2022-01-10 and was recorded lost on 2022-03-01."""
    member_id = enrol(ledger, county, seq)
    ledger.execute(county.b1_officer, departure(member_id, LEFT))
    return member_id, lost(ledger, county, member_id)


def propose(member_id: UUID, *cited: int, on: date = date(2022, 8, 1)) -> ProposeMembershipStop:
    return ProposeMembershipStop(member_id=member_id, lost_contacts=cited, note="多方查找无果", effective_on=on)


def decide(member_id: UUID, on: date = date(2022, 8, 15), **kwargs: object) -> DecideMembershipStop:
    return DecideMembershipStop(member_id=member_id, effective_on=on, **kwargs)  # type: ignore[arg-type]


def stopped(ledger: Ledger, county: SmallCounty, seq: int = 1) -> UUID:
    """A member whose membership was stopped on 2022-08-15."""
    member_id, position = lost_member(ledger, county, seq)
    ledger.execute(county.b1_officer, propose(member_id, position))
    ledger.execute(county.t1_approver, decide(member_id))
    return member_id


def stop_life(ledger: Ledger, county: SmallCounty) -> None:
    """Every kind of the liaison, stop, removal and restoration events (for the replay test):
    one member stopped, then restored; another stopped and removed two years on."""
    restored = stopped(ledger, county, 90)
    run = ledger.execute
    run(county.b1_officer, RecordRestorationRequest(member_id=restored, statement="申请恢复党籍",
                                                    effective_on=date(2023, 3, 1)))
    run(county.b1_officer, ResolveRestoration(member_id=restored, restore=True, effective_on=date(2023, 3, 20)))
    run(county.t1_approver, DecideRestoration(member_id=restored, effective_on=date(2023, 4, 1)))
    run(county.t1_officer, AssignLiaison(member_id=restored, officer_id=county.b1_officer,
                                         effective_on=date(2023, 4, 2)))
    run(county.b1_officer, RecordReturn(member_id=restored, report="恢复党籍后返乡", effective_on=date(2023, 5, 1)))
    removed = stopped(ledger, county, 91)
    run(county.b1_officer, ProposeRemoval(member_id=removed, note="停止党籍满二年", effective_on=date(2024, 8, 15)))
    run(county.t1_approver, DecideRemoval(member_id=removed, effective_on=date(2024, 9, 1)))
