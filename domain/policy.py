"""Thresholds that sources disagree on, switches, and the dues table, as data.

A `Policy` is immutable. The county records changes with `PolicyChanged`
events; rules and figures judge a day by the policy in force on it. Every
scalar key has a unit, bounds and a source (`KEYS`; "local choice" where the
sources differ or say nothing), listed in docs/figures.md. No clock, no I/O.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from domain import rules
from domain.vocab import DuesBasis

__all__ = ["DEFAULT_POLICY", "KEYS", "Key", "Policy"]

Brackets = tuple[tuple[int | None, int], ...]  # (upper bound in fen or None, basis points)
LOCAL = "本地选择（各来源不一或未作规定）"


@dataclass(frozen=True)
class Key:
    """A scalar policy key: its unit, the values it may take, where its default comes from."""

    unit: str  # 月, 天, 月份, 开关 (true/false)
    source: str
    low: int = 1
    high: int = 3650


@dataclass(frozen=True)
class Policy:
    certificate_min_months_away: int = 6
    certificate_check_months: int = 12
    back_pay_months: int = 6
    prepay_months: int = 2
    lost_contact_months: int = 6
    dues_gap_months: int = 6
    inactivity_months: int = 6
    letter_validity_days: int = 90
    receipt_due_days: int = 30
    probation_months: int = 12
    extension_min_months: int = 6
    extension_max_months: int = 12
    certificate_check_grace_days: int = 30
    holding_requires_current_check: bool = True
    report_in_due_days: int = 30
    contact_recent_months: int = 3
    review_due_month: int = 3
    planned_departure_max_days: int = 90
    temporary_return_max_days: int = 180
    membership_stop_approval: int = 1  # levels above the member's branch
    removal_after_months: int = 24
    # -- policy: activities --
    # -- policy: reviews --
    excellent_share_max: int = 333  # ‰ of a branch's reviews of a year graded 优秀: 333 is 1/3
    probation_video_allowed: bool = True  # a probation decision may hear the member by video
    probation_phone_allowed: bool = False  # ... or by phone
    # -- policy: dues --
    dues_flag_months: int = 12  # how long a short or late-back-paid payment stays flagged
    # -- policy: care --
    care_overdue_days: int = 30  # an open care request older than this is flagged (care_overdue)
    # 中组发〔2008〕3号: after-tax monthly income, upper bounds inclusive.
    wage_brackets: Brackets = ((300000, 50), (500000, 100), (1000000, 150), (None, 200))
    retiree_brackets: Brackets = ((500000, 50), (None, 100))
    farmer_fen: tuple[int, int] = (20, 100)
    minimal_fen: tuple[int, int] = (20, 20)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe form, as stored in events."""
        return _jsonable(asdict(self))

    def with_changes(self, changes: dict[str, Any]) -> Policy:
        """A new policy; refuses unknown keys and values out of range."""
        known = {f.name: f for f in fields(self)}
        values: dict[str, Any] = {}
        for key, value in changes.items():
            if key not in known:
                raise rules.POLICY_KEY.refuse(field=key, key=key)
            values[key] = _coerce(key, value, getattr(self, key))
        changed = replace(self, **values)
        changed._check()
        return changed

    def _check(self) -> None:
        if self.extension_min_months > self.extension_max_months:
            raise rules.POLICY_VALUE.refuse(
                field="extension_min_months", key="extension_min_months",
                reason="不能大于 extension_max_months")
        for key in ("farmer_fen", "minimal_fen"):
            low, high = getattr(self, key)
            if low > high:
                raise rules.POLICY_VALUE.refuse(field=key, key=key, reason="下限大于上限")

    def monthly_dues_fen(self, basis: DuesBasis, income_fen: int | None) -> tuple[int, int]:
        """The lowest and highest monthly dues (fen) the table allows."""
        if basis == DuesBasis.FARMER:
            return self.farmer_fen
        if basis == DuesBasis.MINIMAL:
            return self.minimal_fen
        brackets = self.wage_brackets if basis == DuesBasis.WAGE else self.retiree_brackets
        income = income_fen or 0
        for upper, basis_points in brackets:
            if upper is None or income <= upper:
                due = (income * basis_points + 5000) // 10000
                return due, due
        raise AssertionError("brackets end with an open bracket")  # checked by _coerce


DEFAULT_POLICY = Policy()

BRIEF = "项目领域说明（domain brief）所列来源"
KEYS: dict[str, Key] = {
    "certificate_min_months_away": Key("月", f"{BRIEF}：外出6个月以上、组织关系暂不能转移的发放活动证（各来源不一）"),
    "certificate_check_months": Key("月", f"{BRIEF}：活动证每年年审（随民主评议）"),
    "back_pay_months": Key("月", f"{BRIEF}：补交党费一般不超过6个月"),
    "prepay_months": Key("月", LOCAL, low=0),
    "lost_contact_months": Key("月", f"{BRIEF}：失联满6个月经查找可提请停止党籍（条例2019第24条）"),
    "dues_gap_months": Key("月", f"{BRIEF}：连续6个月不交纳党费（党章第九条）"),
    "inactivity_months": Key("月", f"{BRIEF}：连续6个月不参加组织生活（党章第九条）"),
    "letter_validity_days": Key("天", f"{BRIEF}：介绍信有效期各来源为30天至3个月"),
    # Unused since letters were numbered (receipt_overdue follows the letter's validity); kept so
    # that stored policies, which hold every key, still read.
    "receipt_due_days": Key("天", f"{BRIEF}：回执一个月内退回（已不再使用：回执逾期按介绍信有效期判断）"),
    "probation_months": Key("月", "党章：预备期一年"),
    "extension_min_months": Key("月", "党章：延长预备期不能少于半年"),
    "extension_max_months": Key("月", "党章：延长预备期最长不超过一年"),
    "certificate_check_grace_days": Key("天", LOCAL, low=0, high=365),
    "holding_requires_current_check": Key("开关", f"{LOCAL}：开启时，年审逾期的活动证不计为持有效活动证", low=0, high=1),
    "report_in_due_days": Key("天", LOCAL, low=0, high=365),
    "contact_recent_months": Key("月", LOCAL, high=36),
    "review_due_month": Key("月份", f"{LOCAL}：某年度评议应在次年该月底前完成", high=12),
    "planned_departure_max_days": Key("天", f"{LOCAL}：外出前报告的计划外出日期距报告日期的最长天数", high=365),
    "temporary_return_max_days": Key("天", f"{LOCAL}：临时返乡（农忙、春节）预计返回外出地日期距返乡日期的最长天数", high=365),
    "membership_stop_approval": Key("级", "条例2019：停止党籍、除名、恢复党籍由党支部提出，报上级党组织批准；1为支部的上级党组织（乡镇党委等），2为再上一级（县委），审批层级各地不一", high=2),
    "removal_after_months": Key("月", "条例2019：停止党籍满二年仍无法取得联系的，按自行脱党予以除名", high=120),
    # -- keys: activities --
    # -- keys: reviews --
    "excellent_share_max": Key("‰", f"{LOCAL}：评为优秀的党员一般不超过支部当年参加评议党员的三分之一（333‰）；"
                                    "占比四舍五入到整数‰后超过此值即提示", low=0, high=1000),
    "probation_video_allowed": Key("开关", f"{LOCAL}：讨论预备党员转正的支部大会，外出党员可视频参会（本人到会总是允许）",
                                   low=0, high=1),
    "probation_phone_allowed": Key("开关", f"{LOCAL}：讨论预备党员转正的支部大会，外出党员可电话参会", low=0, high=1),
    # -- keys: dues --
    "dues_flag_months": Key("月", f"{LOCAL}：少交（未经批准）、补交超过规定月数的党费，自交纳之日起提示的月数", high=60),
    # -- keys: care --
    "care_overdue_days": Key("天", f"{LOCAL}：帮扶申请自受理之日起超过该天数仍未办结的，提示办理逾期（care_overdue）", high=365),
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def _coerce(key: str, value: Any, current: Any) -> Any:
    """Turns a JSON value into the field's type, refusing what does not fit."""
    def bad(reason: str) -> Exception:
        return rules.POLICY_VALUE.refuse(field=key, key=key, reason=reason)

    if isinstance(current, bool):  # before int: a bool is an int
        if not isinstance(value, bool):
            raise bad("应为 true 或 false")
        return value
    if isinstance(current, int):
        key_ = KEYS[key]
        if not isinstance(value, int) or isinstance(value, bool) or not key_.low <= value <= key_.high:
            raise bad(f"应为{key_.low}至{key_.high}之间的整数（单位：{key_.unit}）")
        return value
    if key.endswith("_brackets"):
        try:
            brackets = tuple((None if u is None else int(u), int(bp)) for u, bp in value)
        except (TypeError, ValueError):
            raise bad("应为[[上限（分）或null, 万分比], ...]") from None
        uppers = [u for u, _ in brackets[:-1]]
        if not brackets or brackets[-1][0] is not None or None in uppers or uppers != sorted(uppers):
            raise bad("上限应递增，且最后一档上限为null")
        return brackets
    try:
        low, high = (int(v) for v in value)
    except (TypeError, ValueError):
        raise bad("应为[下限（分）, 上限（分）]") from None
    return low, high


def policy_from_dict(data: dict[str, Any]) -> Policy:
    """The policy stored in an event (all keys present)."""
    return DEFAULT_POLICY.with_changes(data)
