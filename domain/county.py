"""County: the one county a store serves, its code (used in certificate
numbers) and the history of its policy. Recorded once by `liudong init`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from domain import rules
from domain.base import Ctx, LedgerAggregate, LedgerCreated, LedgerEvent
from domain.fields import check_text
from domain.ids import county_id
from domain.policy import DEFAULT_POLICY, Policy, policy_from_dict

__all__ = ["County", "Founded", "PolicyChanged", "RegisterExported"]

_CODE = re.compile(r"^\d{6}$")


class Founded(LedgerCreated):
    """建立台账: the county, its committee and the policy it starts with."""

    TOPIC = "liudong.county.Founded"
    class_version = 1
    label = "建立台账"
    code: str
    name: str
    committee_id: UUID
    policy: dict[str, Any]


class PolicyChanged(LedgerEvent):
    """政策参数调整"""

    TOPIC = "liudong.county.PolicyChanged"
    class_version = 1
    label = "政策参数调整"
    changes: dict[str, Any]


class RegisterExported(LedgerEvent):
    """导出台账（含完整身份证号、电话）: a migration export, recorded because it carries personal data."""

    TOPIC = "liudong.county.RegisterExported"
    class_version = 1
    label = "导出完整台账"
    org_id: UUID | None
    rows: int
    reason: str


class County(LedgerAggregate):
    TOPIC = "liudong.county"

    def __init__(self) -> None:
        self.code = ""
        self.name = ""
        self.committee_id: UUID | None = None
        self._policy_dates: list[date] = []
        self._policies: list[Policy] = []

    @classmethod
    def found(cls, ctx: Ctx, code: str, name: str, committee_id: UUID,
              policy: Policy = DEFAULT_POLICY) -> County:
        code = (code or "").strip()
        if not _CODE.match(code):
            raise rules.RANGE.refuse(field="county_code", label="县代码（6位行政区划代码）",
                                     low="000000", high="999999")
        name = check_text("county_name", "县名", name, 30)
        return cls._start(Founded, ctx, county_id(), code=code, name=name,
                          committee_id=committee_id, policy=policy.to_dict())

    def policy_on(self, day: date) -> Policy:
        """The policy in force on `day` (the first policy for earlier days)."""
        index = bisect_right(self._policy_dates, day) - 1
        return self._policies[max(index, 0)]

    @property
    def policy(self) -> Policy:
        return self._policies[-1]

    def change_policy(self, ctx: Ctx, changes: dict[str, Any]) -> None:
        if ctx.effective_on < self._policy_dates[-1]:
            raise rules.POLICY_ORDER.refuse(field="effective_on",
                                            date=self._policy_dates[-1].isoformat())
        new = self.policy.with_changes(changes)
        if new == self.policy:
            raise rules.NO_CHANGES.refuse(field="changes")
        self._record(PolicyChanged, ctx, changes=_diff(self.policy, new))

    def record_full_export(self, ctx: Ctx, org_id: UUID | None, rows: int, reason: str) -> None:
        reason = check_text("reason", "导出理由", reason, 200)
        self._record(RegisterExported, ctx, org_id=org_id, rows=rows, reason=reason)

    @singledispatchmethod
    def when(self, event: LedgerEvent) -> None:
        super().when(event)

    @when.register
    def _founded(self, e: Founded) -> None:
        self.code, self.name, self.committee_id = e.code, e.name, e.committee_id
        self._policy_dates, self._policies = [e.effective_on], [policy_from_dict(e.policy)]

    @when.register
    def _policy_changed(self, e: PolicyChanged) -> None:
        self._policy_dates = [*self._policy_dates, e.effective_on]
        self._policies = [*self._policies, self.policy.with_changes(e.changes)]

    @when.register
    def _exported(self, e: RegisterExported) -> None:
        pass  # a fact for the audit trail; the county's state does not change


def _diff(old: Policy, new: Policy) -> dict[str, Any]:
    before, after = old.to_dict(), new.to_dict()
    return {k: v for k, v in after.items() if before[k] != v}
