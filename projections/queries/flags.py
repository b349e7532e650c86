"""The flags people act on (提示). They depend on the day, so they are computed
here for the day asked with the policy in force on it; the software flags,
people decide. Each flag names its member (or, for a place, its members) and
their township, so that a page can count them per township (docs/figures.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import rules
from domain.certificate_standing import counts_as_held
from domain.fields import add_months, month_index, month_of, months_between
from domain.policy import Policy
from domain.vocab import CertificateStanding
from projections.queries.activities import no_quarterly_activity
from projections.queries.dues import dues_flag_rows, dues_flags
from projections.queries.membership_flags import membership_flags, stopped_rows
from projections.queries.reviews import excellent_share_flags
from projections.queries.scope import away_on, member_scope
from projections.queries.standing import with_standing

if TYPE_CHECKING:
    from projections.queries import Queries

__all__ = ["FLAGS", "NAMED", "TITLES", "FlagQueries"]

FLAGS = {
    "lost_contact": "失联满{months}个月（可提请停止党籍）",
    "dues_unpaid": "连续{months}个月未交纳党费（可能自行脱党）",
    "no_activity": "连续{months}个月未参加组织生活（可能自行脱党）",
    "probation_due": "预备期已满或将满，待支部大会讨论转正",
    "no_review": "未参加{year}年度民主评议",
    "receipt_overdue": "组织关系介绍信已过有效期，未收到回执",
    "pocket_member": "口袋党员：持有效活动证，外出、领证后超过{days}天未到流入地党组织报到",
    "report_in_overdue": "逾期未报到：外出超过{days}天未报到，且未持有效活动证",
    "no_branch_at_destination": "流入地有{count}名正式党员未在当地党组织报到，且未建立流动党员党支部",
    "no_branch_at_employer": "非公有制企业有{count}名正式党员从业，未建立党组织",
    "no_liaison": "未落实专人负责：外出党员未指定联系人",
    "removal_due": "停止党籍满{months}个月仍未取得联系（可提请按自行脱党除名）",
    "temporary_return_overdue": "临时返乡逾期：已过预计返回外出地日期，未返回外出地，也未登记返回",
    # -- flags: activities --
    "no_quarterly_activity": "{quarter}未组织活动（服务站、点季度活动制度）",
    # -- flags: reviews --
    "excellent_share": "{year}年度民主评议评为优秀的比例超过{limit}",
    # -- flags: dues --
    "dues_below_table": "少交党费：实交低于党费标准，且未经批准少交或免交",
    "dues_late_back_pay": "补交党费超过{months}个月（一般不超过{months}个月）",
    # -- flags: care --
    "care_overdue": "帮扶申请逾期未办结：受理超过{days}天仍未办结",
}
TITLES = {  # each kind's short name, for counts and sheet columns
    "lost_contact": "失联", "dues_unpaid": "欠交党费", "no_activity": "未参加组织生活", "probation_due": "转正到期",
    "no_review": "未参加民主评议", "receipt_overdue": "回执逾期", "pocket_member": "口袋党员",
    "report_in_overdue": "逾期未报到", "no_branch_at_destination": "流入地应建未建支部",
    "no_branch_at_employer": "企业应建未建党组织",
    "no_liaison": "未落实联系人", "removal_due": "可按自行脱党除名",
    "temporary_return_overdue": "临时返乡逾期",
    # -- titles: activities --
    "no_quarterly_activity": "季度无活动",
    # -- titles: reviews --
    "excellent_share": "优秀比例超过规定",
    # -- titles: dues --
    "dues_below_table": "少交党费", "dues_late_back_pay": "补交超期",
    # -- titles: care --
    "care_overdue": "帮扶逾期未办结",
}
NAMED = 10  # names a place flag's detail spells out; the rest are in `members`

Add = Callable[..., None]  # the collecting function of `flags`


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _review_year_due(day: date, due_month: int) -> int:
    """The latest year whose review (民主评议) is due by `day`: the review of year Y
    is due by the end of month `due_month` of Y+1."""
    return day.year - 1 if day.month > due_month else day.year - 2


class FlagQueries:
    def flags(self: Queries, as_of: date, org_id: UUID | None = None,
              kind: str | None = None) -> list[dict[str, Any]]:
        """The flags of a subtree on `as_of` (of one kind, if given)."""
        if kind is not None and kind not in FLAGS:
            raise rules.CHOICE.refuse(field="kind", label="提示类别", choices="、".join(FLAGS))
        policy = self.policy_on(as_of)
        with self.reader() as tx:
            where, params = member_scope(tx, org_id)
            base = ("SELECT r.*, t.name AS township_name, c.issued_on AS certificate_issued_on, "
                    "c.last_checked_on AS certificate_checked_on FROM {register} r "
                    "LEFT JOIN {orgs} t ON t.org_id = r.township_id "
                    "LEFT JOIN {certificates} c ON c.number = r.certificate_number "
                    f"WHERE r.ended IS NULL AND {where}")
            away = tx.all(f"{base} AND {away_on(as_of)}", params)
            probationers = tx.all(f"{base} AND r.standing = 'probationary'", params)
            letters = tx.all(f"{base} AND r.letter_on IS NOT NULL AND r.receipt_on IS NULL", params)
            orgs = tx.all("SELECT org_id, kind, status, province, city FROM {orgs} WHERE city IS NOT NULL")
            enterprises = self.judged_enterprises(tx, as_of, org_id)
            stopped = stopped_rows(tx, where, params)
            # -- read: activities --
            quarterly = self.quarterly_gaps(tx, as_of, org_id)
            # -- read: reviews --
            shares = self.excellent_shares(tx, as_of, org_id, _review_year_due(as_of, policy.review_due_month),
                                           policy)
            # -- read: dues --
            dues = dues_flag_rows(tx, where, params, as_of, policy)
            # -- read: care --
            care = self.judged_care(tx, as_of, org_id)  # 帮扶申请 of the subtree, judged for the day
        places = {o["org_id"]: (o["province"], o["city"]) for o in orgs}
        branches = {(o["province"], o["city"]) for o in orgs if o["kind"] == "mobile_branch" and o["status"] == "open"}
        found: list[dict[str, Any]] = []

        def add(kind: str, row: dict[str, Any] | None, detail: str, members: list[dict[str, Any]] | None = None,
                **values: Any) -> None:
            township = _township(members or [row])
            found.append({"kind": kind, "label": FLAGS[kind].format(**values), "detail": detail,
                          "member_id": row["member_id"] if row else None, "name": row["name"] if row else None,
                          "township_id": township[0], "township_name": township[1],
                          "members": [{"member_id": m["member_id"], "name": m["name"]} for m in members]
                          if members is not None else None})

        for row in with_standing(away, as_of, policy):
            _away_flags(row, as_of, policy, add)
            _temporary_return_overdue(row, as_of, add)
        for row in probationers:
            due = add_months(date.fromisoformat(row["probation_start"]),
                             policy.probation_months + (row["extension_months"] or 0))
            if due <= as_of + timedelta(days=30):
                late = (as_of - due).days
                add("probation_due", row, f"预备期{due}期满" + (f"，已逾期{late}天" if late > 0 else ""))
        for row in letters:  # valid through letter_on + letter_days (domain.member_periods.Letter)
            until = date.fromisoformat(row["letter_on"]) + timedelta(days=row["letter_days"])
            if as_of > until:
                number = f"（编号{row['letter_number']}）" if row["letter_number"] else ""
                add("receipt_overdue", row, f"{row['letter_on']}开具介绍信{number}，转往{row['letter_to']}，"
                                            f"有效期{row['letter_days']}天至{until}，至今未收到回执")
        _gatherings(away, places, branches, add)
        _no_branch_at_employer(enterprises, add)
        membership_flags(away, stopped, as_of, policy, add)
        # -- flag: activities --
        no_quarterly_activity(quarterly, add)
        # -- flag: reviews --
        excellent_share_flags(shares, policy, add)
        # -- flag: dues --
        dues_flags(dues, add)
        # -- flag: care --
        self.care_overdue_flags(care, policy, add)
        return [f for f in found if f["kind"] == kind] if kind else found


def _away_flags(row: dict[str, Any], day: date, policy: Policy, add: Add) -> None:
    """The flags of one member away on `day`."""
    departed = _date(row["departed_on"])
    contact_from = max(filter(None, (_date(row["last_activity_on"]), _date(row["last_dues_on"]), departed)))
    if row["status"] == "lost_contact" and months_between(contact_from, day) >= policy.lost_contact_months:
        add("lost_contact", row, f"最后一次组织生活或交纳党费：{contact_from}", months=policy.lost_contact_months)
    first_unpaid = max(month_index(row["paid_through"]) + 1 if row["paid_through"] else 0,
                       month_index(row["departed_on"][:7]))
    if month_index(month_of(day)) - first_unpaid >= policy.dues_gap_months:
        add("dues_unpaid", row, f"党费交至{row['paid_through'] or '无记录'}", months=policy.dues_gap_months)
    active_from = max(filter(None, (_date(row["last_activity_on"]), departed)))
    if months_between(active_from, day) >= policy.inactivity_months:
        add("no_activity", row, f"最近一次组织生活：{row['last_activity_on'] or '无记录'}",
            months=policy.inactivity_months)
    due_year = _review_year_due(day, policy.review_due_month)
    if (row["review_year"] or 0) < due_year:
        add("no_review", row, f"最近评议：{row['review_year'] or '无记录'}", year=due_year)
    if departed is not None and not row["reported_in_org"]:
        _not_reported_in(row, departed, day, policy, add)


def _not_reported_in(row: dict[str, Any], departed: date, day: date, policy: Policy, add: Add) -> None:
    """口袋党员 (holding a certificate) or 逾期未报到 (without one): away and not reported
    in more than `report_in_due_days` after departure (and, with a certificate, its issue)."""
    days = policy.report_in_due_days
    standing = CertificateStanding(row["certificate_standing"]) if row["certificate_standing"] else None
    if counts_as_held(standing, policy):
        issued = date.fromisoformat(row["certificate_issued_on"][:10])
        due = max(departed, issued) + timedelta(days=days)
        if day > due:
            add("pocket_member", row, f"{departed}外出，{issued}领取活动证{row['certificate_number']}，"
                                      f"报到期限至{due}，至今未到流入地党组织报到", days=days)
        return
    due = departed + timedelta(days=days)
    if day > due:
        why = "活动证年审逾期" if standing is CertificateStanding.LAPSED else "未持有效活动证"
        add("report_in_overdue", row, f"{departed}外出，报到期限至{due}，至今未报到；{why}", days=days)


def _temporary_return_overdue(row: dict[str, Any], day: date, add: Add) -> None:
    """Home for a while (临时返乡) past the day the member expected to go back, with neither
    going back (返回外出地) nor a return for good (返回) recorded: from the day after."""
    back = _date(row["expected_back_on"])
    if row["home_since"] and back is not None and back < day:
        add("temporary_return_overdue", row, f"{row['home_since']}临时返乡，预计{back}返回外出地，"
                                             f"已逾期{(day - back).days}天")


def _gatherings(away: list[dict[str, Any]], places: dict[str, tuple[str, str]], branches: set[tuple[str, str]],
                add: Add) -> None:
    """Destinations with ≥3 full members away who have not reported in to an
    organisation at their place, and no mobile branch there (党章第三十条)."""
    unorganised = [r for r in away if r["standing"] == "full"
                   and places.get(r["reported_in_org"]) != (r["province"], r["city"])]
    by_place: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in unorganised:
        by_place[(row["province"] or "", row["city"] or "")].append(row)
    for (province, city), rows in sorted(by_place.items()):
        if len(rows) >= 3 and (province, city) not in branches:
            members = _sorted(rows)
            place = province + (city if city != province else "")
            add("no_branch_at_destination", None, f"{place}：{_names(members)}", members, count=len(rows))


def _no_branch_at_employer(enterprises: list[dict[str, Any]], add: Add) -> None:
    """Non-public enterprises in the register (非公有制企业) with ≥3 full members working
    there on the day and no party organisation (党章第三十条). The flag names the
    enterprise's township; `members` lists the county's own members (inflow members,
    who have no member page, are named in the detail only)."""
    for enterprise in sorted(enterprises, key=lambda e: (e["name"], e["enterprise_id"])):
        if not enterprise["lacks_organisation"]:
            continue
        where = {"township_id": enterprise["township_id"], "township_name": enterprise["township_name"]}
        full = [{"member_id": w["worker_id"], "name": w["name"] + ("（流入）" if w["worker_kind"] != "member" else ""),
                 "kind": w["worker_kind"], **where} for w in enterprise["workers"] if w["full"]]
        own = [m for m in full if m["kind"] == "member"]
        add("no_branch_at_employer", {"member_id": None, "name": None, **where},
            f"{enterprise['name']}：{_names(full)}", own, count=len(full))


def _sorted(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: (r["name"], r["member_id"]))


def _names(members: list[dict[str, Any]]) -> str:
    named = "、".join(m["name"] for m in members[:NAMED])
    return named + (f"等{len(members)}名" if len(members) > NAMED else "")


def _township(rows: list[Any]) -> tuple[str | None, str | None]:
    """The township of a member's flag; of a place's flag, the one its members share (else none)."""
    townships = {(r["township_id"], r["township_name"]) for r in rows if r is not None}
    return next(iter(townships)) if len(townships) == 1 else (None, None)
