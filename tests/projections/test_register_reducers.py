"""The register's two ways to a row agree: updating a row event by event
(the common case) gives the row rebuilt from the member's final state (the
way corrections are applied). Random member histories, no store involved."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4

from hypothesis import example, given, settings
from hypothesis import strategies as st

from domain.base import Ctx
from domain.errors import LedgerError
from domain.member import Member
from domain.member_events import ContactRecorded
from domain.organisation import Organisation
from domain.policy import DEFAULT_POLICY
from domain.vocab import OrgKind
from projections.register_reducers import REDUCERS
from projections.register_row import derive_status, row_from_member
from tests.support.county import id_number

START = date(2020, 1, 1)


def ctx(day: date, actor: str = "officer") -> Ctx:
    return Ctx(actor, None, day, datetime(2025, 6, 1, tzinfo=UTC))


COMMITTEE = Organisation.establish(ctx(START), uuid4(), OrgKind.COUNTY_COMMITTEE, "县委", None)
TOWNSHIP = Organisation.establish(ctx(START), uuid4(), OrgKind.TOWNSHIP_COMMITTEE, "镇党委", COMMITTEE)
BRANCHES = [Organisation.establish(ctx(START), uuid4(), OrgKind.BRANCH, f"支部{i}", TOWNSHIP) for i in range(2)]
INFLOW = Organisation.establish(ctx(START), uuid4(), OrgKind.MOBILE_BRANCH, "流动党员党支部", COMMITTEE,
                                province="四川省", city="成都市")
CENTRE = Organisation.establish(ctx(START), uuid4(), OrgKind.SERVICE_CENTRE, "服务中心", COMMITTEE)
STATION = Organisation.establish(ctx(START), uuid4(), OrgKind.STATION, "服务站", CENTRE, acts_for=TOWNSHIP)


def act(member: Member, action: str, day: date, k: int) -> None:
    """One command on the member, possibly dated some days back (a late report)."""
    back = day - timedelta(days=10 * k)
    month = f"{back.year}-{back.month:02d}"
    match action:
        case "depart":
            member.depart(ctx(day), reason="务工", province="四川省", city=f"城{k}", industry="mining",
                          expected_months=k + 1, contact_phone="13900000000", employer=f"单位{k}")
        case "report_in":
            member.report_in(ctx(day), INFLOW, f"联系人{k}")
        case "contact":
            member.record_contact(ctx(back), "phone", ("reached", "lost", "not_reached")[k % 3], "moved")
        case "details":
            member.change_contact_details(ctx(day), phone=f"1370000000{k}", address=f"地址{k}")
        case "activity":
            member.attend(ctx(back), "quarterly", "季度活动")
        case "dues":
            member.pay_dues(ctx(back), DEFAULT_POLICY, months=[month], amount_fen=20, collector="home",
                            basis="minimal")
        case "review":
            member.review(ctx(day), day.year - k % 3, ("qualified", "excellent")[k % 2])
        case "probation":
            member.decide_probation(ctx(day), DEFAULT_POLICY, ("on_time", "extended", "cancelled")[k % 3], 6,
                                    reason="支部大会决定")
        case "letter":  # to a branch of the county, or to outside
            within = BRANCHES[k % 2] if k % 3 == 0 else None
            member.issue_transfer_letter(ctx(day), DEFAULT_POLICY, f"介{day}-{k}", to_org=within,
                                         to_org_name=None if within else "某街道工委", validity_days=30)
        case "receipt":
            letter = member.letter
            to = next((b for b in BRANCHES if letter and b.id == letter.to_org_id and not letter.received_on), None)
            member.receive_transfer(ctx(day), letter.number if letter and k else "错号", to)
        case "return":
            member.return_home(ctx(day))
        case "end":
            member.end_membership(ctx(day), ("died", "stopped")[k % 2])  # stopped: refused (proposed, decided)
        case "move":
            member.move_to(ctx(day), BRANCHES[k % 2])
        case "hold":
            member.hold_certificate(ctx(day), f"证{k}")
        case "release":
            member.release_certificate(ctx(day), f"证{k}", "handed_back")
        case "legacy":
            member.record_legacy_summary(ctx(day), paid_through=month, review_year=day.year - k % 3,
                                         review_grade="qualified", last_contact_on=back)
        case "legacy_certificate":
            member.hold_legacy_certificate(ctx(day), f"旧证{k}")
        case "plan":  # 外出前报告: away from a day 1 to 26 days later
            member.plan_departure(ctx(day), DEFAULT_POLICY, day + timedelta(days=5 * k + 1), reason="务工",
                                  province="四川省", city=f"城{k}", industry="mining", expected_months=k + 1,
                                  contact_phone="13900000000")
        case "cancel":
            member.cancel_planned_departure(ctx(day), "计划有变")
        case "home":  # 临时返乡
            member.return_for_a_while(ctx(day), DEFAULT_POLICY, day + timedelta(days=10 * k + 1), "春节")
        case "back":
            member.go_back(ctx(day))
        case _:
            membership_act(member, action, day, k)


# Stopping, removing and restoring membership; decisions by another officer than the proposer's.
QUICK = DEFAULT_POLICY.with_changes({"lost_contact_months": 1, "removal_after_months": 2})


def membership_act(member: Member, action: str, day: date, k: int) -> None:
    decider = ctx(day, "approver" if k else "officer")  # k == 0: refused as deciding one's own proposal
    match action:
        case "liaison":
            member.assign_liaison(ctx(day), name=f"联系人{k}", org=STATION)
        case "stop":
            lost = {n: f for n, f in enumerate(member.facts) if isinstance(f, ContactRecorded) and f.outcome == "lost"}
            member.propose_stop(ctx(day), QUICK, lost, "")
        case "stop_decided":
            member.decide_stop(decider, k != 1, "")
        case "removal":
            member.propose_removal(ctx(day), QUICK, "")
        case "removal_decided":
            member.decide_removal(decider, k != 1, "")
        case "restoration":
            member.request_restoration(ctx(day), "本人申请恢复党籍")
        case "restoration_resolved":
            member.resolve_restoration(ctx(day), k != 1, "")
        case "restoration_decided":
            member.decide_restoration(decider, k != 1, "")


# What fills a time away comes often; what ends it, or the membership, seldom.
ACTIONS = [*["contact", "activity", "dues", "review", "legacy", "details", "hold", "release"] * 3,
           *["depart", "report_in", "return", "move", "letter", "legacy_certificate"] * 2,
           "probation", "receipt", "end", *["plan", "cancel", "home", "back"] * 2,
           *["liaison", "stop", "stop_decided", "removal", "removal_decided", "restoration", "restoration_resolved",
             "restoration_decided"] * 2]


@settings(max_examples=1000)
@example(standing="full", steps=[("contact", 50, 1), ("contact", 10, 4), ("contact", 5, 0)])  # late reports
@example(standing="full", steps=[("activity", 50, 0), ("dues", 1, 0), ("activity", 10, 4), ("dues", 1, 4)])
@example(standing="full", steps=[("report_in", 5, 0), ("home", 5, 2), ("contact", 0, 1), ("back", 30, 0),
                                 ("home", 5, 1), ("return", 5, 0), ("plan", 5, 3), ("details", 1, 2),
                                 ("cancel", 1, 0), ("plan", 1, 0), ("report_in", 5, 0)])  # short returns, plans
@example(standing="full", steps=[("letter", 1, 3), ("receipt", 5, 1), ("move", 1, 0), ("letter", 1, 1),
                                 ("receipt", 1, 1)])  # within the county, then outside
@example(standing="full", steps=[("liaison", 1, 0), ("contact", 20, 1), ("stop", 40, 0), ("stop_decided", 5, 2),
                                 ("contact", 5, 0), ("restoration", 5, 0), ("restoration_resolved", 5, 0),
                                 ("restoration_decided", 5, 2), ("return", 5, 0)])  # stopped, then restored
@example(standing="full", steps=[("contact", 20, 1), ("stop", 40, 0), ("stop_decided", 5, 2), ("removal", 45, 0),
                                 ("removal", 45, 0), ("removal_decided", 1, 2), ("restoration", 1, 0)])  # removed
@given(standing=st.sampled_from(["full", "probationary"]),
       steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 45), st.integers(0, 5)),
                      min_size=15, max_size=60))
def test_row_by_events_equals_row_from_state(standing: str, steps: list[tuple[str, int, int]]) -> None:
    member = Member.enrol(ctx(START), b"k" * 32, name="张三", gender="male", birth_date=date(1985, 3, 4),
                             ethnicity="汉族", id_number=id_number(date(1985, 3, 4), 1), phone="13800000000",
                             joined_on=date(2019, 1, 1), standing=standing, category="rural",
                             branch=BRANCHES[0])
    events: list[Any] = list(member.collect_events())
    day = START
    for action, days, k in [("depart", 0, 3), *steps]:  # most of what happens, happens away
        day += timedelta(days=days)
        try:
            act(member, action, day, k)
        except LedgerError:
            continue
        events.extend(member.collect_events())
    row = row_from_member(events[0].mutate(None), TOWNSHIP.id)
    for event in events[1:]:
        REDUCERS[type(event)](row, event)
        row["version"] = event.originator_version
        derive_status(row)
    assert row == row_from_member(member, TOWNSHIP.id)
