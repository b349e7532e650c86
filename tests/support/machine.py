"""The core's state machine: random command sequences from several officers
against a small county; after every step the rules hold, refusals store
nothing, and replaying the stored events gives exactly the aggregates that
were saved. Run by tests/store/test_stateful.py and, with views, by
tests/projections/test_property.py."""

from __future__ import annotations

import tempfile
from collections import Counter
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from uuid import UUID

from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine, initialize, invariant, precondition, rule,
)

from domain.certificate import Certificate
from domain.commands import (
    AssignLiaison, DecideMembershipStop, DecideRestoration, ProposeMembershipStop, RecordRestorationRequest,
    ResolveRestoration,
)
from domain.commands import (
    ApproveRequest, CheckCertificate, Command, CorrectEvent, HandBackCertificate, IssueCertificate,
    IssueTransferLetter, MoveToBranch, RecordActivity, RecordContact, RecordDeparture, RecordDues,
    RecordLegacyCertificate, RecordLegacySummary, RecordReportIn, RecordReturn, RecordReview, RecordTransferReceipt,
    ReplaceCertificate, ReportCertificateLost, RequestCertificate, VoidEvent,
)
from domain.errors import LedgerError
from domain.ids import certificate_id
from domain.member import Member
from domain.member_events import ContactRecorded
from domain.vocab import CertificateState, MemberStatus
from service.bootstrap import open_ledger
from service.settings import Settings, store_env
from tests.support.stores import Clock, NOW, TEST_KEY
from tests.support.county import build_small_county, member_command
from tests.support.helpers import head
from tests.support.postgres import fresh_schema
from tests.support.recording import RecordingLedger

# Who acts: every role appears, the ones that usually may act more often.
HOME = st.sampled_from(["admin", "t1_officer", "t1_officer", "b1_officer", "t2_officer", "s1_officer", "auditor"])
FIELD = st.sampled_from(["admin", "t1_officer", "b1_officer", "mb_officer", "mb_officer", "io_officer", "auditor"])
REQUESTERS = st.sampled_from(["t1_officer", "admin", "t1_officer", "t2_officer", "auditor"])
APPROVERS = st.sampled_from(["t1_approver", "t1_approver", "admin", "t1_officer", "t2_officer", "auditor"])
ISSUERS = st.sampled_from(["b1_officer", "t1_officer", "admin", "t1_approver", "t2_officer"])
OUTCOMES: Counter[str] = Counter()  # what the random commands did, to check they explore


class LedgerMachine(RuleBasedStateMachine):
    store_kind = "sqlite"
    postgres_url: str | None = None

    def __init__(self) -> None:
        super().__init__()
        self.stack = ExitStack()
        if self.store_kind == "sqlite":
            folder = Path(self.stack.enter_context(tempfile.TemporaryDirectory()))
            self.settings = Settings(db=folder / "ledger.db", database_url=None, lock_timeout=5,
                                     secret_key=TEST_KEY.hex())
        else:
            schema = self.stack.enter_context(fresh_schema(self.postgres_url))  # type: ignore[arg-type]
            self.settings = Settings(database_url=self.postgres_url, pg_schema=schema, lock_timeout=5,
                                     secret_key=TEST_KEY.hex())
        self.clock = Clock(NOW.replace(year=2023))
        self.ledger = open_ledger(store_env(self.settings), TEST_KEY, self.clock, RecordingLedger)
        self.stack.callback(self.ledger.close)
        self.county = build_small_county(self.ledger)
        self.members: list[UUID] = []
        self.id_numbers: list[str] = []
        self.approved: list[UUID] = []
        self.numbers: list[str] = []
        self.serial = 0
        self.positions: list[int] = []  # events stored by the random commands

    def teardown(self) -> None:
        self.stack.close()

    def officer(self, name: str) -> UUID:
        return getattr(self.county, name)  # type: ignore[no-any-return]

    def attempt(self, actor: UUID, command: Command) -> bool:
        """Runs a command; a refusal must leave the log untouched."""
        before = head(self.ledger)
        try:
            self.positions.extend(self.ledger.execute(actor, command).positions)
            OUTCOMES[f"{type(command).__name__}: stored"] += 1
            return True
        except LedgerError as error:
            OUTCOMES[f"{type(command).__name__}: {error.code}"] += 1
            assert head(self.ledger) == before
            return False

    @initialize(count=st.integers(2, 4), months=st.lists(st.integers(4, 24), min_size=4, max_size=4),
                certify=st.booleans())
    def register_members(self, count: int, months: list[int], certify: bool) -> None:
        """Members of three branches, all but the first already away; maybe some
        with certificates already."""
        for seq in range(count):
            branch = (self.county.b1, self.county.b1b, self.county.b2)[seq % 3]
            command = member_command(branch, seq + 1)
            self.members.append(self.ledger.execute(self.county.admin, command).subject_id)  # type: ignore[arg-type]
            self.id_numbers.append(command.id_number)
            if seq:
                self.depart("admin", seq, months[seq])
                if certify:  # by officers who may: the branch's township, then the county
                    people = (("t1_officer", "t1_approver", "admin") if branch != self.county.b2 else
                              ("t2_officer", "admin", "t2_officer"))
                    self.obtain_certificate(seq, *people)

    @rule(days=st.integers(1, 90))
    def time_passes(self, days: int) -> None:
        self.clock.at += timedelta(days=days)

    @rule(who=HOME, m=st.integers(0, 3), months=st.integers(1, 24))
    def depart(self, who: str, m: int, months: int) -> None:
        self.attempt(self.officer(who), RecordDeparture(
            member_id=self.members[m % len(self.members)], reason="外出务工", province="四川省",
            city="成都市", industry="construction", expected_months=months, contact_phone="13900001111"))

    @rule(who=FIELD, m=st.integers(0, 3), inflow=st.booleans())
    def report_in(self, who: str, m: int, inflow: bool) -> None:
        index = m % len(self.members)
        org = self.county.mb if inflow else self.county.io
        self.attempt(self.officer(who), RecordReportIn(
            member_id=self.members[index], id_number=self.id_numbers[index], org_id=org))

    @rule(who=FIELD, m=st.integers(0, 3), outcome=st.sampled_from(["reached", "lost"]),
          back=st.integers(0, 60))
    def contact(self, who: str, m: int, outcome: str, back: int) -> None:
        self.attempt(self.officer(who), RecordContact(
            member_id=self.members[m % len(self.members)], method="phone", outcome=outcome,
            lost_reason="moved" if outcome == "lost" else None,
            effective_on=self.clock.at.date() - timedelta(days=back)))

    @rule(who=FIELD, m=st.integers(0, 3), back=st.integers(0, 8))
    def dues(self, who: str, m: int, back: int) -> None:
        today = self.clock.at.date()
        month = (today.replace(day=1) - timedelta(days=28 * back)).strftime("%Y-%m")
        self.attempt(self.officer(who), RecordDues(
            member_id=self.members[m % len(self.members)], months=(month,), amount_fen=20,
            collector="inflow" if who in ("mb_officer", "io_officer") else "home", basis="minimal"))

    @rule(who=HOME, m=st.integers(0, 3), hand_back=st.booleans())
    def return_home(self, who: str, m: int, hand_back: bool) -> None:
        member_id = self.members[m % len(self.members)]
        member = self.ledger.load(Member, member_id)
        number = member.certificates[0] if hand_back and member and member.certificates else None
        self.attempt(self.officer(who), RecordReturn(member_id=member_id, hand_back_certificate=number))

    @rule(m=st.integers(0, 3), requester=REQUESTERS, approver=APPROVERS, issuer=ISSUERS)
    def obtain_certificate(self, m: int, requester: str, approver: str, issuer: str) -> None:
        """Request, approval and issue, each by a randomly chosen officer."""
        member_id = self.members[m % len(self.members)]
        if not self.attempt(self.officer(requester), RequestCertificate(member_id=member_id,
                                                                        justification="外出务工")):
            return
        request_id = self.ledger.event_at(head(self.ledger)).originator_id
        if self.attempt(self.officer(approver), ApproveRequest(request_id=request_id)):
            self.approved.append(request_id)
            self.issue(issuer, len(self.approved) - 1, reuse=False)

    @precondition(lambda self: self.approved)
    @rule(who=ISSUERS, r=st.integers(0, 9), reuse=st.booleans())
    def issue(self, who: str, r: int, reuse: bool) -> None:
        """Issues on an approval, maybe one used before, maybe with a number used before."""
        if not reuse or not self.numbers:
            self.serial += 1
        number = f"511922-2025-{max(self.serial, 1):05d}"
        self.numbers.append(number)
        self.attempt(self.officer(who), IssueCertificate(request_id=self.approved[r % len(self.approved)],
                                                         number=number))

    @rule(who=FIELD, m=st.integers(0, 3), back=st.integers(0, 60))
    def activity(self, who: str, m: int, back: int) -> None:
        self.attempt(self.officer(who), RecordActivity(
            member_id=self.members[m % len(self.members)], kind="organisational_life", title="组织生活会",
            effective_on=self.clock.at.date() - timedelta(days=back)))

    @rule(who=HOME, m=st.integers(0, 3), back=st.integers(0, 2), grade=st.sampled_from(["qualified", "excellent"]))
    def review(self, who: str, m: int, back: int, grade: str) -> None:
        self.attempt(self.officer(who), RecordReview(
            member_id=self.members[m % len(self.members)], year=self.clock.at.year - back, grade=grade))

    @rule(who=HOME, m=st.integers(0, 3), branch=st.sampled_from(["b1", "b1b", "b2"]))
    def move(self, who: str, m: int, branch: str) -> None:
        self.attempt(self.officer(who), MoveToBranch(member_id=self.members[m % len(self.members)],
                                                     branch_id=getattr(self.county, branch)))

    @rule(who=HOME, m=st.integers(0, 3), receipt=st.sampled_from([False, False, False, True]))
    def transfer(self, who: str, m: int, receipt: bool) -> None:
        """Letters often, receipts (which end the membership here) seldom."""
        member_id = self.members[m % len(self.members)]
        letter = self.ledger.repository.get(member_id).letter  # the receipt names its number
        command = (RecordTransferReceipt(member_id=member_id, letter_number=letter.number if letter else "")
                   if receipt else IssueTransferLetter(member_id=member_id, to_org_name="某街道工委"))
        self.attempt(self.officer(who), command)

    @rule(m=st.integers(0, 3), valid=st.booleans(), months_back=st.integers(0, 30))
    def legacy(self, m: int, valid: bool, months_back: int) -> None:
        member_id = self.members[m % len(self.members)]
        self.serial += 1
        number = f"旧证{self.serial}"
        if self.attempt(self.county.admin, RecordLegacyCertificate(
                member_id=member_id, number=number, still_valid=valid, issuer_name="张某",
                effective_on=self.clock.at.date() - timedelta(days=30 * months_back))):
            self.numbers.append(number)
        self.attempt(self.county.admin, RecordLegacySummary(
            member_id=member_id, paid_through=(self.clock.at.date() - timedelta(days=30 * months_back)).strftime("%Y-%m"),
            review_year=self.clock.at.year - 1, review_grade="qualified"))

    @precondition(lambda self: self.numbers)
    @rule(who=HOME, n=st.integers(0, 9), replace=st.booleans(), approver=APPROVERS)
    def check_or_replace(self, who: str, n: int, replace: bool, approver: str) -> None:
        number = self.numbers[n % len(self.numbers)]
        if replace:
            self.serial += 1
            new = f"511922-2025-{self.serial:05d}"
            self.numbers.append(new)
            self.attempt(self.officer(who), ReplaceCertificate(number=number, new_number=new,
                                                               approver_id=self.officer(approver)))
        else:
            self.attempt(self.officer(who), CheckCertificate(number=number, year=self.clock.at.year))

    @precondition(lambda self: self.numbers)
    @rule(who=HOME, n=st.integers(0, 9), lost=st.booleans())
    def after_issue(self, who: str, n: int, lost: bool) -> None:
        number = self.numbers[n % len(self.numbers)]
        command = ReportCertificateLost(number=number) if lost else HandBackCertificate(number=number, reason="other")
        self.attempt(self.officer(who), command)

    @precondition(lambda self: self.positions)
    @rule(who=FIELD, back=st.integers(1, 5), void=st.booleans())
    def correct_or_void(self, who: str, back: int, void: bool) -> None:
        position = self.positions[-min(back, len(self.positions))]
        command = (VoidEvent(position=position, reason="误录") if void else
                   CorrectEvent(position=position, changes={"note": "更正备注"}, reason="补充"))
        self.attempt(self.officer(who), command)

    @rule(who=HOME, m=st.integers(0, 3), named=st.booleans())
    def liaison(self, who: str, m: int, named: bool) -> None:
        member_id = self.members[m % len(self.members)]
        self.attempt(self.officer(who), AssignLiaison(member_id=member_id, name="李秀兰", org_id=self.county.p1)
                     if named else AssignLiaison(member_id=member_id, officer_id=self.county.s1_officer))

    @rule(who=HOME, approver=APPROVERS, m=st.integers(0, 3), restore=st.booleans())
    def stop_membership(self, who: str, approver: str, m: int, restore: bool) -> None:
        """停止党籍: a lost-contact record, half a year passes, a proposal citing the member's
        lost contacts, its decision, maybe its restoration."""
        member_id = self.members[m % len(self.members)]
        self.contact("admin", m, "lost", 0)
        self.clock.at += timedelta(days=190)
        lost = [p for p in self.positions[-30:] if isinstance(e := self.ledger.event_at(p), ContactRecorded)
                and e.originator_id == member_id and e.outcome == "lost"]
        if not (self.attempt(self.officer(who), ProposeMembershipStop(member_id=member_id, lost_contacts=tuple(lost)))
                and self.attempt(self.officer(approver), DecideMembershipStop(member_id=member_id)) and restore):
            return
        self.attempt(self.officer(who), RecordRestorationRequest(member_id=member_id, statement="申请恢复党籍"))
        self.attempt(self.officer(who), ResolveRestoration(member_id=member_id, restore=True))
        self.attempt(self.officer(approver), DecideRestoration(member_id=member_id))

    @invariant()
    def certificates_and_members_agree(self) -> None:
        """A member holds exactly their valid certificates; at most one of them issued
        live (legacy registers may say otherwise); live holders are away."""
        valid: dict[UUID, set[str]] = {}
        for number in set(self.numbers):
            cert = self.ledger.load(Certificate, certificate_id(number))
            if cert is not None and cert.state == CertificateState.VALID:
                valid.setdefault(cert.member_id, set()).add(number)
        for member_id in self.members:
            member = self.ledger.load(Member, member_id)
            if member is None:
                continue
            assert set(member.certificates) == valid.get(member_id, set())
            live = [n for n in member.certificates if not n.startswith("旧证")]
            assert len(live) <= 1
            if live and len(live) == len(member.certificates):
                assert member.status in (MemberStatus.AWAY, MemberStatus.REPORTED_IN, MemberStatus.LOST_CONTACT)

    @invariant()
    def dues_months_are_paid_once(self) -> None:
        for member_id in self.members:
            member = self.ledger.load(Member, member_id)
            if member is not None:
                months = [m for f in member.facts for m in getattr(f, "months", [])]
                assert len(months) == len(set(months)) == len(member.paid_months)

    @invariant()
    def replay_gives_the_saved_aggregates(self) -> None:
        fresh = type(self.ledger)(store_env(self.settings), identity_key=TEST_KEY, clock=self.clock)
        try:
            for aggregate_id, saved in self.ledger.saved_states.items():
                assert fresh.repository.get(aggregate_id).__dict__ == saved.__dict__
        finally:
            fresh.close()
