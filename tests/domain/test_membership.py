"""停止党籍, 按自行脱党除名 and 恢复党籍 as the 2019 条例 describes them: the branch
proposes (citing the lost-contact records), the organisation at the level
policy names decides, never the proposer; removal after two years stopped
with no contact; restoration by request, branch meeting and approval."""

from __future__ import annotations

from dataclasses import replace
from copy import deepcopy
from datetime import UTC, date, datetime
from uuid import uuid4

from domain import rules
from domain.base import Ctx
from domain.commands import (
    ChangePolicy, DecideRemoval, DecideRestoration, EndMembership, ProposeRemoval, RecordActivity, RecordContact,
    RecordRestorationRequest, RecordReturn, ResolveRestoration,
)
from domain.ledger import Ledger
from domain.member import Member
from domain.member_events import MembershipEnded
from domain.organisation import Organisation
from domain.policy import DEFAULT_POLICY
from domain.vocab import MemberStatus, OrgKind
from tests.support.certificates import holder
from tests.support.county import SmallCounty, id_number
from tests.support.helpers import assert_refused, head
from tests.support.members import away, departure, member
from tests.support.stops import decide, lost, lost_member, propose, stopped

def test_membership_stops_on_a_proposal_citing_lost_contacts_and_another_officers_approval(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = stopped(ledger, county)
    stopped_member = member(ledger, member_id)
    assert (stopped_member.status, stopped_member.ended, stopped_member.ended_on) == \
        (MemberStatus.ENDED, "stopped", date(2022, 8, 15))
    proposal, decision = stopped_member.facts[-2:]
    assert (proposal.actor, proposal.actor_org, decision.actor, decision.actor_org) == \
        (str(county.b1_officer), county.b1, str(county.t1_approver), county.t1)
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="not_reached"))


def test_membership_is_never_ended_as_stopped_or_removed_directly(ledger: Ledger, county: SmallCounty) -> None:
    member_id, _ = lost_member(ledger, county)
    for reason, label in (("stopped", "停止党籍"), ("removed", "按自行脱党除名")):
        assert_refused(ledger, county.b1_officer, EndMembership(member_id=member_id, reason=reason),
                       rules.BY_DECISION, field="reason",
                       text=f"停止党籍：{label}须由党支部提请、上级党组织审批（办理“提请{label}”“审批{label}”），不能直接登记为不再在册")


def test_a_proposal_cites_this_absences_lost_contacts_of_the_member_lost_long_enough(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id, position = lost_member(ledger, county)
    other, elsewhere = lost_member(ledger, county, 2)
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="not_reached",
                                                    effective_on=date(2022, 4, 1)))
    not_lost = head(ledger)
    assert_refused(ledger, county.b1_officer, propose(member_id), rules.REQUIRED, field="lost_contacts")
    assert_refused(ledger, county.b1_officer, propose(member_id, *range(1, 22)), rules.RANGE, field="lost_contacts")
    for cited in (elsewhere, not_lost, 99_999, 0, 2**63):
        assert_refused(ledger, county.b1_officer, propose(member_id, cited), rules.CITES_LOST,
                       text=f"停止党籍：位置{cited}不是该党员本次外出期间的失联记录（联系结果为失联）", field="lost_contacts")
    assert_refused(ledger, county.b1_officer, propose(member_id, position, on=date(2022, 2, 1)), rules.CITES_LOST)
    assert_refused(ledger, county.b1_officer, propose(member_id, position, on=date(2022, 7, 9)), rules.LOST_TOO_SHORT,
                   text="停止党籍：失联不满6个月（自2022-01-10最后一次组织生活、交纳党费或外出起算），2022-07-10起方可提请停止党籍")
    ledger.execute(county.b1_officer, propose(member_id, position, on=date(2022, 7, 10)))
    assert_refused(ledger, county.b1_officer, propose(member_id, position), rules.PENDING,
                   text="党籍审批：已于2022-07-10提请停止党籍，尚待审批")
    ledger.execute(county.b1_officer, RecordActivity(member_id=other, kind="quarterly", title="季度活动",
                                                     effective_on=date(2022, 5, 1)))
    assert_refused(ledger, county.b1_officer, propose(other, elsewhere), rules.NOT_LOST)  # reached since
    assert_refused(ledger, county.mb_officer, propose(member_id, position), rules.ROLE)


def test_the_lost_time_counts_from_the_last_organisational_life_or_dues(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)  # left 2024-03-01
    ledger.execute(county.b1_officer, RecordActivity(member_id=member_id, kind="quarterly", title="季度活动",
                                                     effective_on=date(2024, 6, 1)))
    position = lost(ledger, county, member_id, date(2024, 7, 1))
    assert_refused(ledger, county.b1_officer, propose(member_id, position, on=date(2024, 11, 30)),
                   rules.LOST_TOO_SHORT)
    ledger.execute(county.b1_officer, propose(member_id, position, on=date(2024, 12, 1)))


def test_nobody_decides_their_own_proposal_and_decisions_come_from_the_level_policy_names(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id, position = lost_member(ledger, county)
    assert_refused(ledger, county.t1_approver, decide(member_id), rules.NO_PROPOSAL,
                   text="党籍审批：没有待审批的停止党籍提请")
    ledger.execute(county.t1_officer, propose(member_id, position))
    assert_refused(ledger, county.t1_officer, decide(member_id), rules.SELF_APPROVAL)
    level = "党籍审批：审批人应属于中共长赤镇委员会或其上级党组织"
    for officer in (county.b1_officer, county.s1_officer, county.t2_officer):
        assert_refused(ledger, officer, decide(member_id), rules.APPROVAL_LEVEL, text=level)
    assert_refused(ledger, county.t1_approver, decide(member_id, on=date(2022, 7, 31)), rules.DATE_ORDER)
    ledger.execute(county.admin, ChangePolicy(changes={"membership_stop_approval": 2}, effective_on=date(2022, 8, 2)))
    assert_refused(ledger, county.t1_approver, decide(member_id), rules.APPROVAL_LEVEL)
    ledger.execute(county.admin, decide(member_id, approved=False, note="再查找三个月"))
    assert member(ledger, member_id).ended is None, "not approved: the membership goes on"
    assert_refused(ledger, county.admin, decide(member_id), rules.NO_PROPOSAL)
    ledger.execute(county.t1_officer, propose(member_id, position, on=date(2022, 11, 1)))
    ledger.execute(county.admin, decide(member_id, on=date(2022, 11, 20)))
    assert member(ledger, member_id).ended == "stopped"


def test_a_stop_hands_back_a_valid_certificate_in_the_same_command(ledger: Ledger, county: SmallCounty) -> None:
    member_id, number = holder(ledger, county)  # left 2024-03-01, certificate issued 2025-03-01
    position = lost(ledger, county, member_id, date(2025, 3, 20))
    ledger.execute(county.b1_officer, propose(member_id, position, on=date(2025, 4, 1)))
    assert_refused(ledger, county.t1_approver, decide(member_id, on=date(2025, 4, 10)), rules.CERT_NOT_RETURNED)
    ledger.execute(county.t1_approver, decide(member_id, on=date(2025, 4, 10), hand_back_certificate=number))
    assert member(ledger, member_id).certificates == ()


def test_removal_two_years_after_the_stop_with_no_contact_since_is_final(ledger: Ledger, county: SmallCounty) -> None:
    member_id = stopped(ledger, county)
    removal = ProposeRemoval(member_id=member_id, note="停止党籍满二年", effective_on=date(2024, 8, 14))
    assert_refused(ledger, county.b1_officer, removal, rules.REMOVAL_TOO_SOON,
                   text="除名：停止党籍（2022-08-15）满24个月仍无法取得联系的方可按自行脱党除名，2024-08-15起方可提请")
    ledger.execute(county.b1_officer, replace(removal, effective_on=date(2024, 8, 15)))
    assert_refused(ledger, county.b1_officer, replace(removal, effective_on=date(2024, 9, 1)), rules.PENDING)
    assert_refused(ledger, county.b1_officer, DecideRemoval(member_id=member_id), rules.APPROVAL_LEVEL)
    ledger.execute(county.t1_approver, DecideRemoval(member_id=member_id, effective_on=date(2024, 9, 1)))
    assert member(ledger, member_id).ended == "removed"
    assert_refused(ledger, county.b1_officer, RecordRestorationRequest(member_id=member_id, statement="申请恢复"),
                   rules.REMOVED, text="除名：该党员已按自行脱党除名，不能再办理除名或恢复党籍")
    assert_refused(ledger, county.b1_officer, replace(removal, effective_on=date(2024, 10, 1)), rules.REMOVED)


def test_no_removal_of_a_member_reached_since_the_stop_nor_of_one_not_stopped(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = stopped(ledger, county)
    ledger.execute(county.b1_officer, RecordContact(member_id=member_id, method="phone", outcome="reached",
                                                    initiated_by="member", effective_on=date(2023, 5, 1)))
    assert_refused(ledger, county.b1_officer, ProposeRemoval(member_id=member_id, effective_on=date(2024, 9, 1)),
                   rules.REMOVAL_REACHED, text="除名：该党员停止党籍后已于2023-05-01取得联系，不能按自行脱党除名")
    other = away(ledger, county, 2)
    assert_refused(ledger, county.b1_officer, ProposeRemoval(member_id=other), rules.NOT_STOPPED,
                   text="停止党籍：该党员未被停止党籍，不能提请按自行脱党除名")


def test_restoration_is_the_members_request_the_branch_meetings_decision_and_the_higher_approval(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = stopped(ledger, county)
    request = RecordRestorationRequest(member_id=member_id, statement="手机丢失失去联系，申请恢复党籍",
                                       effective_on=date(2023, 3, 1))
    meeting = ResolveRestoration(member_id=member_id, restore=True, effective_on=date(2023, 3, 20))
    approval = DecideRestoration(member_id=member_id, effective_on=date(2023, 4, 1))
    assert_refused(ledger, county.b1_officer, meeting, rules.NO_RESTORATION)
    assert_refused(ledger, county.b1_officer, replace(request, effective_on=date(2022, 8, 1)), rules.LIFECYCLE_ORDER)
    ledger.execute(county.b1_officer, request)
    assert_refused(ledger, county.b1_officer, request, rules.RESTORATION_PENDING)
    assert_refused(ledger, county.t1_approver, approval, rules.RESTORATION_UNRESOLVED)
    assert_refused(ledger, county.b1_officer, replace(meeting, effective_on=date(2023, 2, 1)), rules.DATE_ORDER)
    ledger.execute(county.t1_officer, meeting)
    assert_refused(ledger, county.b1_officer, meeting, rules.RESTORATION_RESOLVED)
    assert_refused(ledger, county.t1_officer, approval, rules.SELF_APPROVAL)
    assert_refused(ledger, county.b1_officer, approval, rules.APPROVAL_LEVEL)
    assert_refused(ledger, county.b1_officer, ProposeRemoval(member_id=member_id, effective_on=date(2024, 9, 1)),
                   rules.RESTORATION_PENDING)
    ledger.execute(county.t1_approver, approval)
    back = member(ledger, member_id)
    assert (back.ended, back.status) == (None, MemberStatus.LOST_CONTACT), "still away, as the state says"
    assert_refused(ledger, county.b1_officer, request, rules.NOT_STOPPED)


def test_a_meeting_or_an_approval_that_says_no_closes_the_request(ledger: Ledger, county: SmallCounty) -> None:
    member_id = stopped(ledger, county)
    ask = RecordRestorationRequest(member_id=member_id, statement="申请恢复党籍", effective_on=date(2023, 3, 1))
    ledger.execute(county.b1_officer, ask)
    ledger.execute(county.b1_officer, ResolveRestoration(member_id=member_id, restore=False,
                                                         effective_on=date(2023, 3, 20)))
    assert_refused(ledger, county.t1_approver, DecideRestoration(member_id=member_id), rules.NO_RESTORATION)
    ledger.execute(county.b1_officer, replace(ask, effective_on=date(2023, 6, 1)))
    ledger.execute(county.b1_officer, ResolveRestoration(member_id=member_id, restore=True,
                                                         effective_on=date(2023, 6, 20)))
    ledger.execute(county.t1_approver, DecideRestoration(member_id=member_id, approved=False,
                                                         effective_on=date(2023, 7, 1)))
    assert member(ledger, member_id).ended == "stopped"


def test_a_restored_member_who_came_home_is_in_the_register_and_may_leave_again(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = stopped(ledger, county)
    ledger.execute(county.b1_officer, RecordRestorationRequest(member_id=member_id, statement="申请恢复党籍",
                                                               effective_on=date(2023, 3, 1)))
    ledger.execute(county.b1_officer, ResolveRestoration(member_id=member_id, restore=True,
                                                         effective_on=date(2023, 3, 20)))
    ledger.execute(county.t1_approver, DecideRestoration(member_id=member_id, effective_on=date(2023, 4, 1)))
    ledger.execute(county.b1_officer, RecordReturn(member_id=member_id, effective_on=date(2023, 4, 2)))
    assert member(ledger, member_id).status == MemberStatus.RETURNED
    ledger.execute(county.b1_officer, replace(departure(member_id, date(2023, 5, 1)), expected_months=6))
    assert member(ledger, member_id).status == MemberStatus.AWAY


def test_an_old_end_of_membership_as_stopped_reads_as_a_stop_that_may_be_restored_or_removed() -> None:
    def ctx(day: date, actor: str = "officer") -> Ctx:
        return Ctx(actor, None, day, datetime(2025, 6, 1, tzinfo=UTC))

    committee = Organisation.establish(ctx(date(2020, 1, 1)), uuid4(), OrgKind.COUNTY_COMMITTEE, "县委", None)
    township = Organisation.establish(ctx(date(2020, 1, 1)), uuid4(), OrgKind.TOWNSHIP_COMMITTEE, "镇党委", committee)
    branch = Organisation.establish(ctx(date(2020, 1, 1)), uuid4(), OrgKind.BRANCH, "支部", township)
    old = Member.enrol(ctx(date(2020, 2, 1)), b"k" * 32, name="张三", gender="male", birth_date=date(1985, 3, 4),
                       ethnicity="汉族", id_number=id_number(date(1985, 3, 4), 1), phone="13800000000",
                       joined_on=date(2010, 7, 1), standing="full", category="rural", branch=branch)
    old._record(MembershipEnded, ctx(date(2021, 5, 1)), reason="stopped", note="")  # as stored before decisions
    assert (old.stopped_on, old.status) == (date(2021, 5, 1), MemberStatus.ENDED)
    removable = deepcopy(old)
    removable.propose_removal(ctx(date(2023, 5, 1)), DEFAULT_POLICY, "停止党籍满二年")
    removable.decide_removal(ctx(date(2023, 5, 10), "approver"), True, "")
    assert removable.ended == "removed"
    old.request_restoration(ctx(date(2022, 1, 1)), "申请恢复党籍")
    old.resolve_restoration(ctx(date(2022, 1, 10)), True, "")
    old.decide_restoration(ctx(date(2022, 1, 20), "approver"), True, "")
    assert (old.ended, old.status) == (None, MemberStatus.AT_HOME)


def test_no_stop_or_removal_is_approved_once_the_member_was_reached_after_the_proposal(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id, cited = lost_member(ledger, county)
    ledger.execute(county.b1_officer, propose(member_id, cited))
    reached = RecordContact(member_id=member_id, method="phone", outcome="reached", effective_on=date(2022, 8, 5))
    ledger.execute(county.b1_officer, reached)
    assert_refused(ledger, county.t1_approver, decide(member_id), rules.NOT_LOST)
    other = stopped(ledger, county, 2)
    ledger.execute(county.b1_officer, ProposeRemoval(member_id=other, effective_on=date(2024, 8, 20)))
    ledger.execute(county.b1_officer, replace(reached, member_id=other, effective_on=date(2024, 9, 5)))
    assert_refused(ledger, county.t1_approver, DecideRemoval(member_id=other, effective_on=date(2024, 9, 10)),
                   rules.REMOVAL_REACHED)
