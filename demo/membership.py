"""The demo's liaisons (落实专人负责) and its stopped, removed and restored
memberships (停止党籍、按自行脱党除名、恢复党籍), as dated commands of a member's plan.

Liaisons: most members who leave get one named within a fortnight, the
township's station head, a named person at its service point or the branch
secretary; one in twenty-five never does (flag `no_liaison`). They are drawn
from a random source of their own, so the rest of the county is unchanged.

A stop: the member leaves, is reached, then lost; six months and more after
the departure the branch secretary proposes, citing the lost-contact record,
and the 基层党委's deputy secretary approves. A restored member is found
again, asks, the branch meeting agrees, the 基层党委 approves, and the member
comes home: in the register again, returned, at the end."""

from __future__ import annotations

import random
from datetime import date, timedelta

from demo.member_plan import Citing, MemberPlan
from demo.names import GIVEN, SURNAMES, TOWNSHIPS, VILLAGES
from demo.setup import demo_id
from domain.commands import (
    AssignLiaison, DecideMembershipStop, DecideRemoval, DecideRestoration, ProposeMembershipStop, ProposeRemoval,
    RecordContact, RecordDeparture, RecordRestorationRequest, RecordReturn, ResolveRestoration,
)
from domain.fields import add_months
from domain.policy import DEFAULT_POLICY

__all__ = ["NO_LIAISON", "assign_liaisons", "restored", "stopped"]

NO_LIAISON = 0.04  # of departures, never given a liaison


def assign_liaisons(m: MemberPlan) -> None:
    """A liaison for each departure in the member's plan so far, a few days after it."""
    r = random.Random(f"liaison:{m.index}:{m.id_number}")
    departures = [step.day for step in m.steps if isinstance(step.command, RecordDeparture)]
    last = None
    for departed in departures:
        if r.random() < NO_LIAISON:
            continue
        command = _liaison(m, r)
        if (command.officer_id, command.name, command.org_id) != last:  # the same one again: nothing to record
            m.add(departed + timedelta(days=r.randint(0, 14)), m.secretary, command)
            last = (command.officer_id, command.name, command.org_id)


def _liaison(m: MemberPlan, r: random.Random) -> AssignLiaison:
    town = m.township.name
    if town not in TOWNSHIPS:  # a branch beyond the townships: its secretary, or the committee's officer
        officer = m.secretary if r.random() < 0.7 else m.township.officers[0]
        return AssignLiaison(member_id=m.id, officer_id=officer)
    draw = r.random()
    if draw < 0.55:
        return AssignLiaison(member_id=m.id, officer_id=demo_id(f"officer:{town}服务站站长"))
    if draw < 0.8:
        village = VILLAGES[TOWNSHIPS.index(town) % len(VILLAGES)]
        name = r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2))))
        return AssignLiaison(member_id=m.id, name=name, org_id=demo_id(f"{town}{village}村流动党员服务点"))
    return AssignLiaison(member_id=m.id, officer_id=m.secretary)


def _lost_and_stopped(m: MemberPlan, departed: date) -> date:
    """Departure, a contact or two, the lost-contact record, the proposal citing it and its
    approval; the day membership stopped."""
    r = m.r
    province, city, *_ = r.choice(m.directory.destinations)
    m.add(departed, m.secretary, RecordDeparture(
        member_id=m.id, reason="外出务工", province=province, city=city, industry="construction",
        expected_months=r.randint(12, 36), contact_phone=f"13{r.randint(0, 999_999_999):09d}",
        effective_on=departed))
    reached = departed + timedelta(days=r.randint(20, 50))
    m.add(reached, m.secretary, RecordContact(member_id=m.id, method="phone", outcome="reached", effective_on=reached))
    lost = reached + timedelta(days=r.randint(40, 150))
    mark = f"{m.index}:lost"
    m.add(lost, m.secretary, RecordContact(member_id=m.id, method="phone", outcome="lost", lost_reason="moved",
                                           note="电话停机，走访家属亦不知去向", effective_on=lost), mark=mark)
    proposed = max(lost, add_months(departed, DEFAULT_POLICY.lost_contact_months)) + timedelta(days=r.randint(10, 60))
    m.add(proposed, m.secretary, Citing(mark, lambda position: ProposeMembershipStop(
        member_id=m.id, lost_contacts=(position,), note="多方查找仍无法取得联系", effective_on=proposed)))
    decided = proposed + timedelta(days=r.randint(7, 40))
    m.add(decided, m.township.officers[1], DecideMembershipStop(member_id=m.id, note="同意停止党籍",
                                                                effective_on=decided))
    return decided


def stopped(m: MemberPlan, remove: bool | None = None, *, enrolled: bool = False) -> None:
    """Enrolled (unless `enrolled` already), lost away, membership stopped; with `remove`
    (else one in three, when two years have passed in the demo), removed as having left of
    their own accord."""
    r = m.r
    if not enrolled:
        m.enrol()
    stop = _lost_and_stopped(m, m.start + timedelta(days=r.randint(30, 600)))
    removable = add_months(stop, DEFAULT_POLICY.removal_after_months) + timedelta(days=r.randint(5, 60))
    if (r.random() < 1 / 3 if remove is None else remove) and removable + timedelta(days=40) < m.end:
        m.add(removable, m.secretary, ProposeRemoval(member_id=m.id, note="停止党籍满二年，仍无法取得联系",
                                                      effective_on=removable))
        decided = removable + timedelta(days=r.randint(7, 30))
        m.add(decided, m.township.officers[1], DecideRemoval(member_id=m.id, effective_on=decided))


def restored(m: MemberPlan) -> None:
    """Stopped, then found again and restored (恢复党籍); back home at the end."""
    r = m.r
    m.enrol()
    stop = _lost_and_stopped(m, m.start + timedelta(days=r.randint(30, 300)))
    found = stop + timedelta(days=r.randint(60, 300))
    m.add(found, m.secretary, RecordContact(member_id=m.id, method="phone", outcome="reached",
                                            initiated_by="member", note="本人来电说明情况", effective_on=found))
    asked = found + timedelta(days=r.randint(3, 20))
    m.add(asked, m.secretary, RecordRestorationRequest(
        member_id=m.id, statement="因务工地点变动、手机丢失与组织失去联系，申请恢复党籍", effective_on=asked))
    met = asked + timedelta(days=r.randint(7, 30))
    m.add(met, m.secretary, ResolveRestoration(member_id=m.id, restore=True, note="支部大会讨论同意恢复党籍",
                                               effective_on=met))
    approved = met + timedelta(days=r.randint(7, 30))
    m.add(approved, m.township.officers[1], DecideRestoration(member_id=m.id, note="同意恢复党籍",
                                                              effective_on=approved))
    back = approved + timedelta(days=r.randint(1, 20))
    m.add(back, m.secretary, RecordReturn(member_id=m.id, report="已返乡，恢复参加组织生活", effective_on=back))
