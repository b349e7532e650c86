"""The events of a care request (帮扶申请) and the check of their free text.

Free text here is what staff type while a member is on the phone or at the desk:
it must not carry a phone or ID number (the project keeps those only where they
are encrypted and masked, docs/integrity.md), so a run of 7 or more digits is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain import rules
from domain.base import LedgerCreated, LedgerEvent
from domain.fields import ascii_form, check_text, choice
from domain.vocab import CareKind, CareOutcome

__all__ = ["CareRequestClosed", "CareRequested", "CareServiceRecorded", "check_free_text", "free_text"]

_NUMBER = re.compile(r"\d{7,}", re.ASCII)
# Between digits, anything but a letter or a CJK character other than a numeral may separate them
# (139.1234.5678, 139，1234，5678); Chinese numerals spell digits (一三九…).
_SEPARATORS = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")
_NUMERALS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def check_free_text(field: str, label: str, value: str | None, limit: int, required: bool = True) -> str:
    """`check_text`, and no phone or ID number in it (fullwidth digits, Chinese numerals and
    separators between the digits count too)."""
    text = check_text(field, label, value, limit, required)
    if _NUMBER.search(_SEPARATORS.sub("", ascii_form(text).translate(_NUMERALS))):
        raise rules.CARE_NUMBER.refuse(field=field, label=label)
    return text


def free_text(label: str, limit: int, required: bool = True) -> Callable[[Any, str], str]:
    """The coercer a correction of such a field passes."""
    return lambda value, field: check_free_text(field, label, value, limit, required)


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
