"""What a member's state knows of their liaison and of stopping, removing and
restoring their membership, with the transition rules that hold for any
history (live or corrected). A base of `domain.member_state.MemberState`:
its `when` passes the events below on to this class's `when`.

A proposal waits for its decision; nobody decides their own proposal; a
decision is never dated before its proposal. An approved stop ends the
membership (stopped) and leaves any time away open, so contacts may still
be recorded; an approved removal ends it for good (removed); an approved
restoration brings the member back, their status then as the state says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import singledispatchmethod
from uuid import UUID

from domain import rules
from domain.base import LedgerEvent
from domain.membership_events import (
    LiaisonAssigned, MembershipStopDecided, MembershipStopProposed, RemovalDecided, RemovalProposed,
    RestorationDecided, RestorationRequested, RestorationResolved,
)
from domain.vocab import EndReason

__all__ = ["Liaison", "MembershipState", "Proposal", "Restoration"]


@dataclass(frozen=True)
class Liaison:
    """The person responsible for keeping in touch with the member (专人负责)."""

    name: str
    org_id: UUID
    officer_id: UUID | None
    since: date


@dataclass(frozen=True)
class Proposal:
    """A proposal waiting for its decision: its day and who recorded it."""

    on: date
    by: str


@dataclass(frozen=True)
class Restoration:
    """An open request to restore membership; `resolved` once the branch meeting said yes."""

    requested_on: date
    resolved: Proposal | None = None


class MembershipState:
    # Kept by `domain.member_state.MemberState`, which this class is a base of.
    ended: EndReason | None
    ended_on: date | None
    changed_on: date | None
    last_reached_on: date | None
    last_activity_on: date | None
    last_dues_on: date | None

    def __init__(self) -> None:
        self.liaison: Liaison | None = None
        self.stop_proposed: Proposal | None = None
        self.removal_proposed: Proposal | None = None
        self.restoration: Restoration | None = None

    @property
    def stopped_on(self) -> date | None:
        """The day membership was stopped, while it is (old `MembershipEnded(stopped)` events too)."""
        return self.ended_on if self.ended == EndReason.STOPPED else None

    def lost_since(self) -> date | None:
        """The day a lost member's silence is counted from: the latest of the last
        organisational life, the last dues payment and the departure (as the
        `lost_contact` flag counts it); None unless the member is lost now."""
        away = self.absence  # type: ignore[attr-defined]
        if away is None or not self.is_lost:  # type: ignore[attr-defined]
            return None
        return max(filter(None, (self.last_activity_on, self.last_dues_on, away.departed_on)))

    def reached_since_stop(self) -> date | None:
        """The last day the member was reached after their membership was stopped, if any."""
        stopped = self.stopped_on
        reached = self.last_reached_on
        return reached if stopped and reached and reached > stopped else None

    # Checks shared by the handlers below.

    def _check_stopped(self, day: date, action: str) -> None:
        if self.ended == EndReason.REMOVED:
            raise rules.REMOVED.refuse()
        if self.ended != EndReason.STOPPED:
            raise rules.NOT_STOPPED.refuse(action=action)
        if self.changed_on and day < self.changed_on:
            raise rules.LIFECYCLE_ORDER.refuse(field="effective_on", date=self.changed_on)

    @staticmethod
    def _check_decision(proposal: Proposal | None, e: LedgerEvent, what: str) -> Proposal:
        if proposal is None:
            raise rules.NO_PROPOSAL.refuse(what=what)
        if e.actor == proposal.by:
            raise rules.SELF_APPROVAL.refuse()
        if e.effective_on < proposal.on:
            raise rules.DATE_ORDER.refuse(field="effective_on", label="审批日期", other="提请日期",
                                          date=proposal.on)
        return proposal

    def _end(self, reason: EndReason, day: date) -> None:
        self.ended, self.ended_on = reason, day
        self.changed_on = day

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)  # type: ignore[misc]

    @when.register
    def _liaison(self, e: LiaisonAssigned) -> None:
        if self.ended:
            raise rules.MEMBER_ENDED.refuse(reason=self.ended.label)
        self.liaison = Liaison(e.name, e.org_id, e.officer_id, e.effective_on)

    @when.register
    def _stop_proposed(self, e: MembershipStopProposed) -> None:
        if self.ended:
            raise rules.MEMBER_ENDED.refuse(reason=self.ended.label)
        if self.stop_proposed is not None:
            raise rules.PENDING.refuse(date=self.stop_proposed.on, what="停止党籍")
        if not self.is_lost:  # type: ignore[attr-defined]
            raise rules.NOT_LOST.refuse()
        self.stop_proposed = Proposal(e.effective_on, e.actor)

    @when.register
    def _stop_decided(self, e: MembershipStopDecided) -> None:
        self._check_decision(self.stop_proposed, e, "停止党籍")
        if e.approved:
            self._check_in_register(e.effective_on)  # type: ignore[attr-defined]
            if not self.is_lost:  # type: ignore[attr-defined]  # reached again since the proposal
                raise rules.NOT_LOST.refuse()
            self._check_no_certificate()  # type: ignore[attr-defined]
            self._end(EndReason.STOPPED, e.effective_on)
        self.stop_proposed = None

    @when.register
    def _removal_proposed(self, e: RemovalProposed) -> None:
        self._check_stopped(e.effective_on, "提请按自行脱党除名")
        if self.removal_proposed is not None:
            raise rules.PENDING.refuse(date=self.removal_proposed.on, what="按自行脱党除名")
        if self.restoration is not None:
            raise rules.RESTORATION_PENDING.refuse(date=self.restoration.requested_on)
        if reached := self.reached_since_stop():
            raise rules.REMOVAL_REACHED.refuse(date=reached)
        self.removal_proposed = Proposal(e.effective_on, e.actor)

    @when.register
    def _removal_decided(self, e: RemovalDecided) -> None:
        self._check_decision(self.removal_proposed, e, "按自行脱党除名")
        if e.approved:
            self._check_stopped(e.effective_on, "按自行脱党除名")
            if self.restoration is not None:
                raise rules.RESTORATION_PENDING.refuse(date=self.restoration.requested_on)
            if reached := self.reached_since_stop():  # reached since the proposal
                raise rules.REMOVAL_REACHED.refuse(date=reached)
            self._end(EndReason.REMOVED, e.effective_on)
        self.removal_proposed = None

    @when.register
    def _restoration_requested(self, e: RestorationRequested) -> None:
        self._check_stopped(e.effective_on, "申请恢复党籍")
        if self.restoration is not None:
            raise rules.RESTORATION_PENDING.refuse(date=self.restoration.requested_on)
        self.restoration = Restoration(e.effective_on)

    @when.register
    def _restoration_resolved(self, e: RestorationResolved) -> None:
        request = self.restoration
        if request is None:
            raise rules.NO_RESTORATION.refuse()
        if request.resolved is not None:
            raise rules.RESTORATION_RESOLVED.refuse(date=request.resolved.on)
        if e.effective_on < request.requested_on:
            raise rules.DATE_ORDER.refuse(field="effective_on", label="支部大会日期", other="申请日期",
                                          date=request.requested_on)
        self.restoration = Restoration(request.requested_on, Proposal(e.effective_on, e.actor)) \
            if e.restore else None  # a meeting that says no closes the request

    @when.register
    def _restoration_decided(self, e: RestorationDecided) -> None:
        if self.restoration is None:
            raise rules.NO_RESTORATION.refuse()
        if self.restoration.resolved is None:
            raise rules.RESTORATION_UNRESOLVED.refuse()
        self._check_decision(self.restoration.resolved, e, "恢复党籍")
        if e.approved:
            self._check_stopped(e.effective_on, "恢复党籍")
            self.ended = self.ended_on = None
            self.changed_on = e.effective_on
            self.removal_proposed = None
        self.restoration = None
