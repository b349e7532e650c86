"""Reviews and probation (民主评议、预备党员考察): review opinions of the organisation a
member reported in to, assessments during probation, and decisions taken with the
member taking part (rule tests, on the in-memory store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

from domain import rules
from domain.commands import (
    ChangePolicy, CorrectEvent, DecideProbation, RecordProbationAssessment, RecordReportIn, RecordReview,
    RecordReviewOpinion,
)
from domain.ledger import Ledger
from domain.member_events import ProbationDecided
from domain.vocab import MemberStatus
from projections.audit import describe
from tests.support.county import SmallCounty
from tests.support.helpers import assert_refused, head
from tests.domain.test_versions import event, stored_state
from tests.support.members import away, enrol, member


def reported_in(ledger: Ledger, county: SmallCounty, seq: int = 1, **kwargs: object) -> UUID:
    """A member away in Chengdu since 2024-03-01, reported in to the mobile branch there on 03-20."""
    member_id = away(ledger, county, seq, **kwargs)
    ledger.execute(county.b1_officer, RecordReportIn(member_id=member_id, org_id=county.mb,
                                                     effective_on=date(2024, 3, 20)))
    return member_id


def probationer_away(ledger: Ledger, county: SmallCounty) -> UUID:
    return reported_in(ledger, county, 3, standing="probationary", joined=date(2023, 7, 1),
                       registered=date(2023, 7, 2))


# Reviews.

def test_members_at_home_are_reviewed_too(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    ledger.execute(county.b1_officer, RecordReview(member_id=member_id, year=2024, grade="excellent",
                                                   effective_on=date(2025, 1, 10)))
    found = member(ledger, member_id)
    assert found.status == MemberStatus.AT_HOME
    assert found.reviews == {2024: "excellent"} and found.reviewed_in[2024] == (county.b1, date(2025, 1, 10))


def test_the_organisation_reported_in_to_gives_its_opinion_once_a_year(ledger: Ledger, county: SmallCounty) -> None:
    member_id = reported_in(ledger, county)
    opinion = RecordReviewOpinion(member_id=member_id, year=2024, opinion="按时参加组织生活，表现良好",
                                  suggested_grade="excellent", effective_on=date(2024, 12, 20))
    ledger.execute(county.mb_officer, opinion)
    [given] = member(ledger, member_id).opinions
    assert (given.year, given.org_id, given.suggested_grade) == (2024, county.mb, "excellent")
    assert_refused(ledger, county.mb_officer, opinion, rules.OPINION_DONE,
                   text="流入地党组织评议意见：成都市南江流动党员党支部已记录2024年度的评议意见（如需修改请更正）")
    assert_refused(ledger, county.io_officer, replace(opinion, year=2023), rules.INFLOW_SCOPE)  # not reported in there
    assert_refused(ledger, county.mb_officer, replace(opinion, year=2025), rules.REVIEW_YEAR)
    assert_refused(ledger, county.mb_officer, replace(opinion, year=2023, suggested_grade="great"), rules.CHOICE)
    assert_refused(ledger, county.mb_officer, replace(opinion, year=2023, opinion=" "), rules.REQUIRED)


def test_the_home_branch_enters_an_opinion_received_on_paper(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)  # not reported in anywhere: the paper names who gave it
    paper = RecordReviewOpinion(member_id=member_id, year=2024, opinion="在我单位表现良好",
                                effective_on=date(2025, 1, 5))
    assert_refused(ledger, county.b1_officer, paper, rules.OPINION_ORG, field="org_id")
    assert_refused(ledger, county.b1_officer, replace(paper, org_id=county.b2), rules.OPINION_ORG_KIND)
    ledger.execute(county.b1_officer, replace(paper, org_name="上海市某建筑公司党委"))
    ledger.execute(county.b1_officer, replace(paper, org_id=county.io))
    assert [(o.org_id, o.org_name) for o in member(ledger, member_id).opinions] == [
        (None, "上海市某建筑公司党委"), (county.io, "")]


def test_an_opinion_entered_at_home_defaults_to_the_organisation_reported_in_to(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = reported_in(ledger, county)
    ledger.execute(county.b1_officer, RecordReviewOpinion(member_id=member_id, year=2024, opinion="表现良好",
                                                          effective_on=date(2025, 1, 5)))
    assert member(ledger, member_id).opinions[0].org_id == county.mb


# Probation.

def test_assessments_are_recorded_during_probation_only(ledger: Ledger, county: SmallCounty) -> None:
    member_id = probationer_away(ledger, county)
    assess = RecordProbationAssessment(member_id=member_id, period="2024年第一季度", opinion="积极参加流动党员党支部活动",
                                       effective_on=date(2024, 4, 2))
    ledger.execute(county.mb_officer, assess)  # the organisation reported in to
    ledger.execute(county.b1_officer, replace(assess, period="", effective_on=date(2024, 5, 2)))  # the home branch
    assert [(a.period, a.org_id) for a in member(ledger, member_id).assessments] == [
        ("2024年第一季度", county.mb), ("", county.b1)]
    full = reported_in(ledger, county, 4)
    assert_refused(ledger, county.mb_officer, replace(assess, member_id=full), rules.NOT_PROBATIONARY_ON,
                   text="预备党员考察：该党员2024-04-02不是预备党员，不能记录考察意见")
    ledger.execute(county.b1_officer, DecideProbation(member_id=member_id, outcome="on_time", attendance="video",
                                                      effective_on=date(2024, 7, 5)))
    ledger.execute(county.mb_officer, replace(assess, effective_on=date(2024, 6, 28)))  # late paper, in probation
    assert_refused(ledger, county.mb_officer, replace(assess, effective_on=date(2024, 7, 6)),
                   rules.NOT_PROBATIONARY_ON)


def test_a_member_away_takes_part_in_the_decision_by_a_means_the_policy_allows(
        ledger: Ledger, county: SmallCounty) -> None:
    member_id = probationer_away(ledger, county)
    decide = DecideProbation(member_id=member_id, outcome="on_time", attendance="phone", effective_on=date(2024, 7, 5))
    assert_refused(ledger, county.b1_officer, decide, rules.ATTENDANCE_NOT_ALLOWED,
                   text="预备党员转正：电话参会不是政策允许的参会方式，允许：in_person（本人到会）、video（视频参会）")
    assert_refused(ledger, county.b1_officer, replace(decide, attendance="absent"), rules.PROBATION_ABSENT,
                   field="attendance")
    assert_refused(ledger, county.b1_officer, replace(decide, attendance="unrecorded"), rules.CHOICE)
    ledger.execute(county.admin, ChangePolicy(changes={"probation_phone_allowed": True}, effective_on=date(2024, 7, 1)))
    ledger.execute(county.b1_officer, decide)
    decided = member(ledger, member_id)
    assert decided.standing == "full" and decided.status == MemberStatus.REPORTED_IN  # still away: no return needed
    assert decided.decisions[-1].attendance == "phone"


def test_probation_is_cancelled_at_any_time_with_its_reason(ledger: Ledger, county: SmallCounty) -> None:
    member_id = probationer_away(ledger, county)
    cancel = DecideProbation(member_id=member_id, outcome="cancelled", attendance="absent",
                             effective_on=date(2024, 4, 10))  # long before it is due
    assert_refused(ledger, county.b1_officer, cancel, rules.CANCEL_REASON, field="reason")
    ledger.execute(county.b1_officer, replace(cancel, reason="外出后长期不参加组织生活，经教育仍不改正"))
    cancelled = member(ledger, member_id)
    assert cancelled.status == MemberStatus.ENDED and cancelled.decisions[-1].reason.startswith("外出后")


def test_probation_is_extended_once_within_the_policy_months(ledger: Ledger, county: SmallCounty) -> None:
    member_id = probationer_away(ledger, county)
    extend = DecideProbation(member_id=member_id, outcome="extended", extension_months=13, attendance="video",
                             effective_on=date(2024, 7, 5))
    assert_refused(ledger, county.b1_officer, extend, rules.EXTENSION_MONTHS)
    ledger.execute(county.b1_officer, replace(extend, extension_months=6))
    assert_refused(ledger, county.b1_officer, replace(extend, extension_months=6, effective_on=date(2025, 1, 5)),
                   rules.EXTENSION_ONCE)


def test_a_grade_corrected_changes_the_year_it_counts_for_nothing_else(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    ledger.execute(county.b1_officer, RecordReview(member_id=member_id, year=2024, grade="excellent",
                                                   effective_on=date(2025, 1, 10)))
    ledger.execute(county.b1_officer, CorrectEvent(position=head(ledger), changes={"grade": "qualified"},
                                                   reason="录入错误"))
    found = member(ledger, member_id)
    assert found.reviews == {2024: "qualified"} and found.reviewed_in[2024][0] == county.b1


def test_a_decision_stored_at_version_1_reads_without_reason_and_with_attendance_unrecorded(ledger: Ledger) -> None:
    decided = event(ProbationDecided, outcome="on_time", extension_months=None, reason="", attendance="video")
    state = stored_state(ledger, decided)
    assert state["class_version"] == 2
    del state["class_version"], state["reason"], state["attendance"]  # what version 1 stored
    old = replace(ledger.mapper.to_stored_event(decided), state=ledger.mapper.transcoder.encode(state))
    read = ledger.mapper.to_domain_event(old)
    assert isinstance(read, ProbationDecided) and (read.reason, read.attendance) == ("", "unrecorded")
    assert describe(read) == "预备党员转正：按期转正"  # as before: old stores show the same summary
    assert describe(decided) == "预备党员转正：按期转正，视频参会"
