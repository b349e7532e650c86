"""The events of a care request (帮扶申请) and the check of their free text.

Free text here is what staff type while a member is on the phone or at the desk:
it must not carry a phone or ID number (the project keeps those only where they
are encrypted and masked, docs/integrity.md), so a run of 7 or more digits is refused.
"""

from __future__ import annotations

from uuid import UUID

from domain.base import LedgerCreated, LedgerEvent
from domain.fields import check_free_text, choice, free_text
from domain.vocab import CareKind, CareOutcome

__all__ = ["CareRequestClosed", "CareRequested", "CareServiceRecorded", "check_free_text", "free_text"]

# Class names differ from other aggregates' (`CareRequested`, not `Requested`): the audit
# trail tells events apart by class name.
class CareRequested(LedgerCreated):
    """A member (of the county, or an inflow member) asks an organisation for help."""

    TOPIC = "liudong.care.Requested"
    class_version = 1
    label = "受理帮扶申请"
    voidable = True  # recorded by mistake: voidable while nothing else is recorded for it
    correctable = {"kind": choice("帮扶类别", CareKind), "summary": free_text("需求内容", 200)}
    kind: str
    org_id: UUID  # the organisation that took the request (服务中心、站、点 or a branch)
    member_id: UUID | None  # a member of the county, or
    inflow_member_id: UUID | None  # an inflow member (流入党员)
    summary: str
    handler_officer_id: UUID | None  # the officer who handles it, or
    handler_name: str  # the named person who does (always filled: an officer's name is copied)


class CareServiceRecorded(LedgerEvent):
    """One thing done for the request, on its day."""

    TOPIC = "liudong.care.ServiceRecorded"
    class_version = 1
    label = "记录帮扶服务"
    voidable = True
    correctable = {"content": free_text("服务内容", 500)}
    content: str


class CareRequestClosed(LedgerEvent):
    """办结: the request is closed with its outcome; voiding it reopens the request."""

    TOPIC = "liudong.care.Closed"
    class_version = 1
    label = "帮扶申请办结"
    voidable = True
    correctable = {"outcome": choice("办结结果", CareOutcome), "note": free_text("办结说明", 200, False)}
    outcome: str
    note: str
