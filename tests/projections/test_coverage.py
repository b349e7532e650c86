"""Coverage figures (应发, 持证, 报到, 失联, 近期联系) and 应发未发 equal a plain
fold of the domain's aggregates, written here, over random histories
(the core's state machine) for random days and scopes."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import initialize, rule, run_state_machine_as_test

from domain.certificate import Certificate
from domain.certificate_request import CertificateRequest
from domain.commands import (
    ApproveRequest, ChangePolicy, DeclineRequest, IssueTransferLetter, RecordActivity, RecordContact,
    RecordTransferReceipt, RequestCertificate,
)
from domain.county import County
from domain.fields import add_months, months_between
from domain.ids import county_id
from domain.member import Member
from domain.member_events import ContactRecorded
from domain.organisation import Organisation
from domain.policy import Policy
from domain.vocab import CertificateState
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from service.settings import store_env
from domain.ledger import Ledger
from tests.projections.conftest import Projected
from tests.support.county import SmallCounty
from tests.support.helpers import head
from tests.support.machine import APPROVERS, REQUESTERS, LedgerMachine
from tests.support.members import away, departure, enrol

AWAY = ("away", "reported_in", "lost_contact")
FLAGS = ("holding", "lapsed", "eligible", "eligible_holding", "missing", "reported_in", "lost_contact",
         "contacted_recently")
RATES = {"holding_rate": ("holding", "away"), "eligible_holding_rate": ("eligible_holding", "eligible"),
         "reported_in_rate": ("reported_in", "away"), "lost_contact_rate": ("lost_contact", "away"),
         "contact_rate": ("contacted_recently", "away")}


def current(cert: Certificate, day: date, policy: Policy) -> bool:
    due = add_months(cert.last_checked_on or cert.issued_on, policy.certificate_check_months)  # type: ignore[arg-type]
    return day <= due + timedelta(days=policy.certificate_check_grace_days)


def figures(member: Member, certificates: list[Certificate], day: date, policy: Policy) -> dict[str, bool]:
    """A member away, judged on `day`: every definition of docs/figures.md, restated."""
    absence = member.absence
    assert absence is not None
    held = [c for c in certificates if current(c, day, policy) or not policy.holding_requires_current_check]
    least = policy.certificate_min_months_away
    eligible = (member.letter is None or member.letter.received_on is not None) and max(months_between(absence.departed_on, day), absence.expected_months) >= least
    reached = [f.effective_on for f in member.facts if isinstance(f, ContactRecorded) and f.outcome == "reached"]
    status = str(member.status)
    return {"holding": bool(held), "lapsed": bool(certificates) and not any(current(c, day, policy) for c in certificates),
            "eligible": eligible, "eligible_holding": eligible and bool(held), "missing": eligible and not held,
            "reported_in": status == "reported_in", "lost_contact": status == "lost_contact",
            "contacted_recently": any(add_months(day, -policy.contact_recent_months) <= d <= day for d in reached)}


def counted(judged: list[dict[str, bool]], members: int) -> dict[str, Any]:
    counts = {"members": members, "away": len(judged), **{k: sum(j[k] for j in judged) for k in FLAGS}}
    return {**counts, **{k: round(100 * counts[p] / counts[b], 1) if counts[b] else None for k, (p, b) in RATES.items()}}


def reason(held: list[Certificate], others: list[Certificate], requests: list[CertificateRequest], day: date,
           policy: Policy) -> str:
    """Why a member of 应发未发 holds none: certificates in force (none counts), the member's
    other certificates, and requests for the member."""
    pending = [r for r in requests if r.number is None and not r.declined]
    if held:
        return "check_overdue"
    if any(r.approved_by for r in pending):
        return "approved"
    if pending:
        return "requested"
    return "lost" if any(c.state == CertificateState.REPORTED_LOST for c in others) else "never_requested"


def fold(ledger: Any, aggregates: list[Any], org_id: UUID | None, day: date) -> tuple[dict[str, Any], dict[str, str]]:
    """The statistics of the scope on `day`, and 应发未发 (member id -> reason), from the aggregates."""
    policy = ledger.load(County, county_id()).policy_on(day)
    orgs = {a.id: a for a in aggregates if isinstance(a, Organisation)}
    certificates: dict[UUID, list[Certificate]] = defaultdict(list)
    requests: dict[UUID, list[CertificateRequest]] = defaultdict(list)
    for a in aggregates:
        if isinstance(a, Certificate) and a.member_id:
            certificates[a.member_id].append(a)
        elif isinstance(a, CertificateRequest):
            requests[a.member_id].append(a)  # type: ignore[index]
    kind = str(orgs[org_id].kind) if org_id else None

    def township(m: Member) -> UUID:
        return orgs[m.branch_id].parent_id  # type: ignore[index,return-value]

    def covers(m: Member) -> bool:
        return {None: True, "branch": m.branch_id == org_id, "township_committee": township(m) == org_id,
                "mobile_branch": m.absence is not None and m.absence.reported_in_org == org_id}[kind]

    members = [a for a in aggregates if isinstance(a, Member) and not a.is_void and not a.ended and covers(a)]
    judged, missing = [], {}
    per_township: dict[UUID, list[dict[str, bool]]] = defaultdict(list)
    destinations: dict[tuple[str, str], list[dict[str, bool]]] = defaultdict(list)
    for m in (m for m in members if str(m.status) in AWAY):
        in_force = [c for c in certificates[m.id] if c.state == CertificateState.VALID]
        j = figures(m, in_force, day, policy)
        judged.append(j)
        per_township[township(m)].append(j)
        destinations[(m.absence.province, m.absence.city)].append(j)  # type: ignore[union-attr]
        if j["missing"]:
            missing[str(m.id)] = reason(in_force, certificates[m.id], requests[m.id], day, policy)
    sizes = Counter(township(m) for m in members)
    stats = {**counted(judged, len(members)), "as_of": day.isoformat(),
             "by_township": sorted(({"township_id": str(t), "township_name": orgs[t].name,
                                     **counted(per_township[t], n), "inflow_members": 0}  # none in these histories
                                    for t, n in sizes.items()),
                                   key=lambda r: r["township_name"]),
             "by_destination": sorted(({"province": p, "city": c, **counted(js, len(js))}
                                       for (p, c), js in destinations.items()),
                                      key=lambda r: (-r["away"], r["province"], r["city"]))}
    return stats, missing


class CoverageMachine(LedgerMachine):
    """The core's random histories, with requests left pending, approved or declined,
    contacts that reach nobody, and policy changes; the figures checked on random days."""

    def __init__(self) -> None:
        super().__init__()
        self.view_store = ViewStore(store_env(self.settings))
        self.stack.callback(self.view_store.close)
        self.runner = Runner(self.ledger, self.view_store, batch_size=25)
        self.queries = Queries(self.ledger, self.view_store, self.runner.generations, self.runner)

    def replay_gives_the_saved_aggregates(self) -> None:
        """Not an invariant here: tests/store/test_stateful.py checks it."""

    @rule(m=st.integers(0, 3), requester=REQUESTERS, approver=APPROVERS, decide=st.sampled_from(["no", "approve", "decline"]))
    def request_only(self, m: int, requester: str, approver: str, decide: str) -> None:
        if not self.attempt(self.officer(requester), RequestCertificate(
                member_id=self.members[m % len(self.members)], justification="外出务工")):
            return
        request_id = self.ledger.event_at(head(self.ledger)).originator_id
        if decide == "approve":
            self.approve(approver, request_id)
        elif decide == "decline":
            self.attempt(self.officer(approver), DeclineRequest(request_id=request_id, reason="材料不全"))

    def approve(self, approver: str, request_id: UUID) -> None:
        if self.attempt(self.officer(approver), ApproveRequest(request_id=request_id)):
            self.approved.append(request_id)

    @initialize(count=st.integers(2, 4), months=st.lists(st.integers(4, 24), min_size=4, max_size=4),
                certify=st.booleans(), later=st.integers(30, 500),
                contacts=st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["reached", "lost"]),
                                            st.integers(0, 90)), max_size=8))
    def register_members(self, count: int, months: list[int], certify: bool, later: int,
                         contacts: list[tuple[int, str, int]]) -> None:
        """As the core's machine starts; some time later, some contacts dated back."""
        super().register_members(count, months, certify)
        self.clock.at += timedelta(days=later)
        for m, outcome, back in contacts:
            self.keep_in_touch(m, outcome, back)

    @rule(m=st.integers(0, 3), outcome=st.sampled_from(["reached", "reached", "not_reached", "lost"]),
          back=st.integers(0, 100))
    def keep_in_touch(self, m: int, outcome: str, back: int) -> None:
        """Contacts the county admin records (the core's machine has mostly refused ones)."""
        self.attempt(self.county.admin, RecordContact(
            member_id=self.members[m % len(self.members)], method="phone", outcome=outcome,
            lost_reason="moved" if outcome == "lost" else None,
            effective_on=self.clock.at.date() - timedelta(days=back)))

    @rule(m=st.integers(0, 3), back=st.integers(0, 60))
    def activity_by_admin(self, m: int, back: int) -> None:
        """Organisational life reaches a member, but is no contact (联系率 counts contacts only)."""
        self.attempt(self.county.admin, RecordActivity(
            member_id=self.members[m % len(self.members)], kind="organisational_life", title="组织生活会",
            effective_on=self.clock.at.date() - timedelta(days=back)))

    @rule(switch=st.booleans(), recent=st.integers(1, 6), least=st.integers(3, 12), grace=st.integers(0, 60))
    def change_policy(self, switch: bool, recent: int, least: int, grace: int) -> None:
        self.attempt(self.county.admin, ChangePolicy(changes={
            "holding_requires_current_check": switch, "contact_recent_months": recent,
            "certificate_min_months_away": least, "certificate_check_grace_days": grace}))

    @rule(near=st.integers(-20, 20), later=st.integers(300, 600), earlier=st.integers(-400, -1),
          scope=st.sampled_from([None, "t1", "b1", "mb"]))
    def figures_equal_the_fold(self, near: int, later: int, earlier: int, scope: str | None) -> None:
        """Days around today, a year or so on (certificates lapse), and in the past."""
        self.runner.catch_up(self.runner.generations.ensure_live())
        aggregates = [self.ledger.repository.get(i) for i in self.ledger.aggregate_ids()]
        org_id = getattr(self.county, scope) if scope else None
        for offset in (near, later, earlier):
            day = self.clock.at.date() + timedelta(days=offset)
            expected, missing = fold(self.ledger, aggregates, org_id, day)
            found = self.queries.statistics(org_id, day)
            assert {k: found[k] for k in expected} == expected
            assert self.queries.statistics(org_id, day) is found  # remembered for the scope and the day
            listed = self.queries.missing_rows(org_id=org_id, day=day)
            assert {r["member_id"]: r["reason"] for r in listed} == missing

    def teardown(self) -> None:
        try:
            self.figures_equal_the_fold(0, 365, -200, None)
        finally:
            super().teardown()


def test_coverage_figures_and_missing_equal_a_plain_fold() -> None:
    run_state_machine_as_test(CoverageMachine, settings=settings(
        max_examples=15, stateful_step_count=30, deadline=None, derandomize=True,
        suppress_health_check=[HealthCheck.too_slow]))


def test_a_member_becomes_eligible_at_midnight_with_no_event(ledger: Ledger, county: SmallCounty,
                                                              projected: Projected) -> None:
    member_id = enrol(ledger, county)
    ledger.execute(county.b1_officer, departure(member_id, on=date(2025, 1, 10), months=3))

    def judged(day: date) -> tuple[int, int, list[str]]:
        stats = projected.sync().statistics(day=day)
        return stats["eligible"], stats["missing"], [r["reason"] for r in projected.views.missing_rows(day=day)]

    assert judged(date(2025, 7, 9)) == (0, 0, [])  # away 5 months, expected 3
    assert judged(date(2025, 7, 10)) == (1, 1, ["never_requested"])  # six months away
    assert str(member_id) == projected.views.missing(day=date(2025, 7, 10)).rows[0]["member_id"]


def test_a_contact_is_recent_for_contact_recent_months_and_only_if_it_reached(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    member_id = away(ledger, county)
    for outcome, day in (("reached", date(2025, 3, 1)), ("not_reached", date(2025, 5, 20)),
                         ("lost", date(2025, 5, 25))):
        ledger.execute(county.b1_officer, RecordContact(
            member_id=member_id, method="phone", outcome=outcome, effective_on=day,
            lost_reason="moved" if outcome == "lost" else None))
    ledger.execute(county.b1_officer, RecordActivity(member_id=member_id, kind="quarterly", title="季度活动",
                                                     effective_on=date(2025, 5, 30)))  # reached, but no contact

    def recent(day: date) -> tuple[int, float | None]:
        stats = projected.sync().statistics(day=day)
        return stats["contacted_recently"], stats["contact_rate"]

    assert recent(date(2025, 6, 1)) == (1, 100.0)  # three months back: from 2025-03-01
    assert recent(date(2025, 6, 2)) == (0, 0.0)
    assert recent(date(2025, 2, 28)) == (0, 0.0)  # a contact counts from its day


def test_a_letter_being_carried_out_leaves_eligibility_and_one_received_inside_the_county_brings_it_back(
        ledger: Ledger, county: SmallCounty, projected: Projected) -> None:
    """应发 excludes a member whose organisation relationship is being transferred; received
    by a branch of the county (the member moved there), they count again."""
    member_id = away(ledger, county)  # left 2024-03-01 expecting 10 months
    day = date(2024, 9, 1)
    assert projected.sync().statistics(day=day)["eligible"] == 1
    ledger.execute(county.t1_officer, IssueTransferLetter(member_id=member_id, to_org_id=county.b2,
                                                          effective_on=date(2024, 6, 1)))
    assert projected.sync().statistics(day=day)["eligible"] == 0
    number = ledger.load(Member, member_id).letter.number
    ledger.execute(county.b1_officer, RecordTransferReceipt(member_id=member_id, letter_number=number,
                                                            effective_on=date(2024, 6, 20)))
    views = projected.sync()
    assert (views.statistics(day=day)["eligible"], views.statistics(county.t2, day)["eligible"]) == (1, 1)
    assert [r["member_id"] for r in views.missing_rows(day=day)] == [str(member_id)]
