"""Audit trail view: every event, with its position, time, kind, subject,
actor and the organisation the actor acted for; corrections and voids are
linked both ways. Summaries never carry ID numbers or phone numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain.base import Corrected, LedgerEvent, Voided
from domain.vocab import (
    ActivityKind, Attendance, Category, ContactInitiator, ContactMethod, ContactOutcome, DuesCollector, EndReason, Industry,
    LostReason, OrgActivityKind, ProbationOutcome, ReviewGrade, Role, Standing,
)
from projections.dues import dues_note, reduction_summary
from projections.store import Tx
from projections.view import EventBatch, View

__all__ = ["AuditView", "describe", "subject_kind"]


_KINDS: dict[type, str] = {}  # event class -> its subject's kind


def subject_kind(event: LedgerEvent) -> str:
    """member, certificate, certificate_request, organisation, officer, credential, county, blanks."""
    cls = type(event)
    if cls not in _KINDS:
        _KINDS[cls] = cls.TOPIC.split(".")[1]
    return _KINDS[cls]


_LABELS: dict[tuple[Any, str], str] = {}  # (enum, code) -> label: an enum lookup costs more than the rest of a line


def _label(enum: Any, code: str | None) -> str:
    if not code:
        return ""
    if (enum, code) not in _LABELS:
        try:
            _LABELS[enum, code] = enum(code).label
        except ValueError:
            _LABELS[enum, code] = str(code)
    return _LABELS[enum, code]


def _initiator(code: str) -> str:
    """Who initiated a contact; contacts stored before it was asked say so."""
    return "发起方未记录" if code == ContactInitiator.UNRECORDED else _label(ContactInitiator, code)


def _agreed(approved: bool) -> str:
    return "同意" if approved else "不同意"


def _attended(e: Any) -> str:
    """An attendance: recorded alone (ActivityKind), or derived from an activity record (活动记录)."""
    if e.activity_id is None:
        return f"{_label(ActivityKind, e.kind)}：{e.title}"
    return f"{_label(OrgActivityKind, e.kind)}：{e.title}（活动记录）"


# What each kind of event adds to its label, by class name.
_DETAILS: dict[str, Callable[[Any], str]] = {
    "Registered": lambda e: f"{e.name}，{_label(Standing, e.standing)}，{_label(Category, e.category)}",
    "Departed": lambda e: f"{e.province}{e.city}，{_label(Industry, e.industry)}，"
                          f"{e.employer or '单位未填'}，预计{e.expected_months}个月",
    "ContactRecorded": lambda e: f"{_initiator(e.initiated_by)}，{_label(ContactMethod, e.method)}，"
                                 f"{_label(ContactOutcome, e.outcome)}"
                                 + (f"（{_label(LostReason, e.lost_reason)}）" if e.lost_reason else "")
                                 + (f"，经办人{e.made_by}" if e.made_by else ""),
    "ActivityAttended": _attended,
    "ActivityRecorded": lambda e: f"{_label(OrgActivityKind, e.kind)}：{e.topic}，{e.place}，组织人{e.organiser}，"
                                  f"参加{len(e.member_ids) + len(e.inflow_member_ids)}人",
    "DuesPaid": lambda e: f"{'、'.join(e.months)}，{e.amount_fen / 100:.2f}元，"
                          f"{_label(DuesCollector, e.collector)}收缴" + dues_note(e),
    "DuesReductionApproved": reduction_summary,
    "Reviewed": lambda e: f"{e.year}年度：{_label(ReviewGrade, e.grade)}",
    "ProbationDecided": lambda e: _label(ProbationOutcome, e.outcome)
                                  + (f"{e.extension_months}个月" if e.extension_months else "")
                                  + (f"，{_label(Attendance, e.attendance)}" if e.attendance != "unrecorded" else "")
                                  + (f"；{e.reason}" if e.reason else ""),
    "ReviewOpinionRecorded": lambda e: f"{e.year}年度" + (f"，建议{_label(ReviewGrade, e.suggested_grade)}"
                                                        if e.suggested_grade else "")
                                       + (f"，{e.org_name}（纸质意见）" if e.org_name else ""),
    "ProbationAssessed": lambda e: e.period or "未注明考察期间",
    "TransferLetterIssued": lambda e: (f"{e.letter_number}，" if e.letter_number else "")
                                      + f"转往{e.to_org_name}，有效期{e.validity_days}天",
    "DeparturePlanned": lambda e: f"计划{e.planned_on.isoformat()}外出，{e.province}{e.city}，"
                                  f"{_label(Industry, e.industry)}，预计{e.expected_months}个月",
    "DepartureCancelled": lambda e: e.reason,
    "TemporarilyReturned": lambda e: f"{e.reason}，预计{e.expected_back_on.isoformat()}返回流入地",
    "HandedOver": lambda e: "移交本县以内的党组织" if e.within_county else "移交县外流入地党组织",
    "MembershipEnded": lambda e: _label(EndReason, e.reason)
                                 + ("（旧记录：直接登记，审批未记录）" if e.reason == EndReason.STOPPED else ""),
    "LiaisonAssigned": lambda e: e.name,
    "MembershipStopProposed": lambda e: "引用失联记录：位置" + "、".join(map(str, e.lost_contacts)),
    "MembershipStopDecided": lambda e: _agreed(e.approved),
    "RemovalDecided": lambda e: _agreed(e.approved),
    "RestorationResolved": lambda e: "决定恢复党籍" if e.restore else "决定不予恢复",
    "RestorationDecided": lambda e: _agreed(e.approved),
    "Issued": lambda e: f"{e.number}" + (f"（补发原证{e.replaces}）" if e.replaces else ""),
    "LegacyIssued": lambda e: f"{e.number}，发证人{e.issuer_name or '未记载'}（旧台账照录）",
    "BlankVoided": lambda e: f"{e.number}：{e.reason}",
    "CertificateHeld": lambda e: e.number,
    "CertificateReleased": lambda e: e.number,
    "Checked": lambda e: f"{e.year}年度",
    "Replaced": lambda e: f"新证{e.new_number}",
    "Appointed": lambda e: f"{e.name}，{_label(Role, e.role)}",
    "Established": lambda e: e.name,
    "Allocated": lambda e: f"序号{e.first}至{e.last}",
    "Corrected": lambda e: f"更正位置{e.target_position}：{'、'.join(e.changes)}；{e.reason}",
    "Voided": lambda e: f"作废位置{e.target_position}：{e.reason}",
    "PolicyChanged": lambda e: "、".join(f"{k}={v}" for k, v in e.changes.items()),
    "RegisterExported": lambda e: f"{e.rows}行；{e.reason}",
}


def describe(event: LedgerEvent) -> str:
    """One line in Chinese saying what happened, without personal data."""
    details = _DETAILS.get(type(event).__name__)
    text = f"{event.label}：{details(event)}" if details else event.label
    return text + "（旧台账导入）" if getattr(event, "via", "") == "import" else text


class AuditView(View):
    name = "audit"
    tables = {"audit": "position INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, effective_on TEXT NOT NULL, "
                       "topic TEXT NOT NULL, kind TEXT NOT NULL, subject_id TEXT NOT NULL, member_id TEXT, "
                       "certificate_number TEXT, actor TEXT NOT NULL, actor_org TEXT, summary TEXT NOT NULL, "
                       "target_position INTEGER, corrected_by INTEGER, voided_by INTEGER"}
    indexes = (("audit", "actor, recorded_at"), ("audit", "actor_org, recorded_at"),
               ("audit", "member_id"), ("audit", "certificate_number"), ("audit", "topic"),
               ("audit", "recorded_at"))
    # With the position: PostgreSQL, without statistics while a rebuild fills the table, answered
    # "first row of a subject" by walking the primary key (84 of a 106 s rebuild).
    lookups = (("audit", "subject_id, position"),)

    def apply(self, tx: Tx, batch: EventBatch) -> None:
        links: dict[str, tuple[Any, Any]] = {}  # subject -> (member, certificate number)
        rows: dict[int, list[Any]] = {}  # position -> row, inserted at the end
        for position, event in batch.events:
            subject, kind = str(event.originator_id), subject_kind(event)
            target = None
            if isinstance(event, (Corrected, Voided)):
                target = event.target_position
                kind, member, number = self._mark(tx, rows, target, position,
                                                  12 if isinstance(event, Corrected) else 13)
            elif kind == "member":  # the common case, without a look-up
                member, number = subject, getattr(event, "number", None)
            else:
                member, number = self._links(tx, links, event, subject)
            rows[position] = [position, event.recorded_at.isoformat(), event.effective_on.isoformat(),
                              type(event).TOPIC, kind, subject, member, number, event.actor,
                              _text(event.actor_org), describe(event), target, None, None]
        tx.executemany("INSERT INTO {audit} VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", list(rows.values()))

    @staticmethod
    def _mark(tx: Tx, rows: dict[int, list[Any]], target: int, position: int,
              column: int) -> tuple[str, Any, Any]:
        """Links a corrected or voided event to the event that corrects it."""
        if target in rows:
            rows[target][column] = position
            return rows[target][4], rows[target][6], rows[target][7]
        name = "corrected_by" if column == 12 else "voided_by"
        tx.execute(f"UPDATE {{audit}} SET {name} = ? WHERE position = ?", [position, target])
        row = tx.one("SELECT kind, member_id, certificate_number FROM {audit} WHERE position = ?", [target])
        assert row is not None, "a correction cites an event stored before it"
        return row["kind"], row["member_id"], row["certificate_number"]

    @staticmethod
    def _links(tx: Tx, links: dict[str, tuple[Any, Any]], event: LedgerEvent,
               subject: str) -> tuple[Any, Any]:
        """The member and certificate number an event concerns."""
        e: Any = event
        kind = subject_kind(event)
        if kind == "member":
            return subject, getattr(e, "number", None)
        if hasattr(e, "member_id") and kind in ("certificate", "certificate_request"):
            links[subject] = (str(e.member_id), getattr(e, "number", None))
        elif kind == "certificate" and hasattr(e, "number"):  # a voided blank belongs to nobody
            links[subject] = (None, e.number)
        if subject not in links and kind in ("certificate", "certificate_request"):
            row = tx.one("SELECT member_id, certificate_number FROM {audit} WHERE subject_id = ? "
                         "ORDER BY position LIMIT 1", [subject])
            links[subject] = (row["member_id"], row["certificate_number"]) if row else (None, None)
        member, number = links.get(subject, (None, None))
        return member, getattr(e, "number", None) or number


def _text(value: UUID | None) -> str | None:
    return None if value is None else str(value)
