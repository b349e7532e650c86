"""The county, its organisations, officers, tokens and policy (rule tests, on
the in-memory store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from domain import rules
from domain.commands import (
    AppointOfficer, ChangePolicy, CloseOrganisation, EstablishOrganisation, HandOverOrganisation, IssueToken,
    RequestCertificate, RevokeOfficer, RevokeToken,
)
from domain.county import County
from domain.errors import LedgerError
from domain.ids import county_id
from domain.ledger import SYSTEM_INIT, Ledger
from domain.organisation import Organisation
from tests.support.county import SmallCounty, fixed, member_command
from tests.support.helpers import assert_refused, head
from tests.support.members import away, departure, enrol


def test_init_records_the_county_its_committee_and_first_admin(ledger: Ledger) -> None:
    outcome = ledger.initialise("511922", "南江县", "王明", effective_on=date(2020, 1, 1))
    assert outcome.positions == (1, 2, 3, 4) and outcome.token
    county = ledger.load(County, county_id())
    assert (county.code, county.name) == ("511922", "南江县")
    assert all(ledger.event_at(p).actor == SYSTEM_INIT for p in outcome.positions)
    assert ledger.authenticate(outcome.token).id == outcome.subject_id
    committee = ledger.load(Organisation, county.committee_id)
    assert committee.name == "中共南江县委员会"


def test_init_runs_once(ledger: Ledger, county: SmallCounty) -> None:
    before = head(ledger)
    with pytest.raises(LedgerError) as caught:
        ledger.initialise("511922", "南江县", "李四")
    assert caught.value.code == rules.INITIALISED.code
    assert caught.value.text == "系统初始化：本县已初始化，不能重复初始化"
    assert head(ledger) == before


def test_init_refuses_a_bad_county_code(ledger: Ledger) -> None:
    with pytest.raises(LedgerError) as caught:
        ledger.initialise("5119", "南江县", "王明")
    assert caught.value.field == "county_code"
    assert head(ledger) == 0


def test_the_tree_has_its_shape(ledger: Ledger, county: SmallCounty) -> None:
    org = EstablishOrganisation(kind="branch", name="某村党支部", parent_id=county.b1)
    assert_refused(ledger, county.admin, org, rules.ORG_PARENT,
                   text="组织设置：党支部的上级应为：乡镇党委、部门党委（党工委）、县委")
    assert_refused(ledger, county.admin, replace(org, kind="department_committee", parent_id=county.t1),
                   rules.ORG_PARENT, text="组织设置：部门党委（党工委）的上级应为：县委")
    assert_refused(ledger, county.admin, replace(org, kind="county_committee", parent_id=None),
                   rules.ORG_COMMITTEE)
    assert_refused(ledger, county.admin, replace(org, kind="station", parent_id=county.centre),
                   rules.ORG_ACTS_FOR)
    assert_refused(ledger, county.admin, replace(org, kind="mobile_branch", parent_id=county.committee, city="西安市"),
                   rules.ORG_DESTINATION)
    assert_refused(ledger, county.admin, replace(org, kind="village"), rules.CHOICE, field="kind")
    assert_refused(ledger, county.t1_officer, replace(org, parent_id=county.t1), rules.ROLE)


def test_points_act_for_the_township_of_their_station(ledger: Ledger, county: SmallCounty) -> None:
    assert ledger.load(Organisation, county.p1).unit_id == county.t1
    assert ledger.load(Organisation, county.centre).unit_id == county.committee


def test_closed_organisations_take_nothing_new(ledger: Ledger, county: SmallCounty) -> None:
    ledger.execute(county.admin, CloseOrganisation(org_id=county.b1b, reason="合并到红旗村"))
    assert_refused(ledger, county.t1_officer, member_command(county.b1b, 5), rules.ORG_CLOSED,
                   text="组织撤销：长赤镇光明村党支部已撤销或已移交")
    assert_refused(ledger, county.admin, CloseOrganisation(org_id=county.b1b, reason="再撤"), rules.ORG_CLOSED)


def test_mobile_branches_are_handed_over_to_inflow_organisations(ledger: Ledger, county: SmallCounty) -> None:
    assert_refused(ledger, county.admin, HandOverOrganisation(org_id=county.b1, to_org_id=county.io),
                   rules.ORG_HANDOVER)
    assert_refused(ledger, county.admin, HandOverOrganisation(org_id=county.mb, to_org_id=county.b1),
                   rules.ORG_HANDOVER)
    ledger.execute(county.admin, HandOverOrganisation(org_id=county.mb, to_org_id=county.io))
    handed = ledger.load(Organisation, county.mb)
    assert (handed.handed_to, handed.parent_id, handed.is_open) == (county.io, county.io, False)


def test_roles_belong_to_kinds_of_organisation(ledger: Ledger, county: SmallCounty) -> None:
    appoint = AppointOfficer(name="某人", org_id=county.t1, role="auditor")
    assert_refused(ledger, county.admin, appoint, rules.OFFICER_ROLE_ORG,
                   text="任职：纪检巡察人员应任职于：县委")
    assert_refused(ledger, county.admin, replace(appoint, role="inflow_officer"), rules.OFFICER_ROLE_ORG)
    assert_refused(ledger, county.admin, replace(appoint, role="chief"), rules.CHOICE)


def test_a_revoked_officer_can_no_longer_act(ledger: Ledger, county: SmallCounty) -> None:
    token = ledger.execute(county.admin, IssueToken(officer_id=county.t1_officer)).token
    assert ledger.authenticate(token).id == county.t1_officer  # type: ignore[arg-type]
    ledger.execute(county.admin, RevokeOfficer(officer_id=county.t1_officer, reason="调离"))
    assert_refused(ledger, county.t1_officer, member_command(county.b1, 5), rules.UNKNOWN_ACTOR,
                   text="身份认证：操作人不存在或已被撤销任职")
    with pytest.raises(LedgerError) as caught:
        ledger.authenticate(token)  # type: ignore[arg-type]
    assert caught.value.code == rules.UNKNOWN_ACTOR.code
    assert_refused(ledger, county.admin, RevokeOfficer(officer_id=county.t1_officer, reason="再撤"),
                   rules.OFFICER_REVOKED)
    assert_refused(ledger, county.admin, IssueToken(officer_id=county.t1_officer), rules.OFFICER_REVOKED)


def test_an_admin_does_not_revoke_themselves(ledger: Ledger, county: SmallCounty) -> None:
    assert_refused(ledger, county.admin, RevokeOfficer(officer_id=county.admin, reason="离任"),
                   rules.OFFICER_SELF_REVOKE)


def test_tokens_are_stored_as_hashes_and_can_be_revoked(ledger: Ledger, county: SmallCounty) -> None:
    outcome = ledger.execute(county.admin, IssueToken(officer_id=county.b1_officer))
    token = outcome.token
    assert token and len(token) >= 43  # 256 random bits
    stored = b"".join(n.state for n in ledger.recorder.select_notifications(1, 10_000))
    assert token.encode() not in stored
    ledger.execute(county.admin, RevokeToken(credential_id=outcome.subject_id, reason="遗失"))  # type: ignore[arg-type]
    with pytest.raises(LedgerError) as caught:
        ledger.authenticate(token)
    assert caught.value.text == "身份认证：令牌无效或已被吊销"
    assert_refused(ledger, county.admin, RevokeToken(credential_id=outcome.subject_id, reason="再吊销"),  # type: ignore[arg-type]
                   rules.TOKEN_REVOKED)
    with pytest.raises(LedgerError):
        ledger.authenticate("not a token")


def test_policy_changes_are_checked_and_dated(ledger: Ledger, county: SmallCounty) -> None:
    change = ChangePolicy(changes={"certificate_min_months_away": 12}, effective_on=date(2025, 1, 1))
    assert_refused(ledger, county.admin, replace(change, changes={"months": 3}), rules.POLICY_KEY,
                   text="政策参数：没有名为months的政策参数")
    assert_refused(ledger, county.admin, replace(change, changes={"back_pay_months": "six"}),
                   rules.POLICY_VALUE)
    assert_refused(ledger, county.admin, replace(change, changes={"wage_brackets": [[1, 50]]}),
                   rules.POLICY_VALUE)
    assert_refused(ledger, county.admin, replace(change, changes={"back_pay_months": 6}), rules.NO_CHANGES)
    assert_refused(ledger, county.t1_officer, change, rules.ROLE)
    ledger.execute(county.admin, change)
    assert_refused(ledger, county.admin, replace(change, changes={"back_pay_months": 3},
                                                  effective_on=date(2024, 12, 1)), rules.POLICY_ORDER)


def test_rules_use_the_policy_in_force_on_the_effective_date(ledger: Ledger, county: SmallCounty) -> None:
    member_id = enrol(ledger, county)
    ledger.execute(county.b1_officer, departure(member_id, date(2024, 9, 1), months=8))
    ledger.execute(county.admin, ChangePolicy(changes={"certificate_min_months_away": 12},
                                              effective_on=date(2025, 1, 1)))
    ask = RequestCertificate(member_id=member_id, justification="外出务工", effective_on=date(2024, 12, 20))
    ledger.execute(county.t1_officer, ask)
    assert_refused(ledger, county.t1_officer, replace(ask, effective_on=date(2025, 2, 1)), rules.CERT_MONTHS,
                   text="活动证发放：外出时间不足12个月（预计外出8个月，已外出5个月）")


def test_an_auditor_records_nothing(ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    assert_refused(ledger, county.auditor, departure(member_id), rules.READ_ONLY)
    assert_refused(ledger, county.auditor, ChangePolicy(changes={"back_pay_months": 3}), rules.READ_ONLY)


def test_unknown_organisations_officers_and_tokens(ledger: Ledger, county: SmallCounty) -> None:
    nowhere = fixed("没有这个组织")
    assert_refused(ledger, county.admin, EstablishOrganisation(kind="branch", name="某支部", parent_id=nowhere),
                   rules.ORG_NOT_FOUND, text=f"党组织：找不到该组织：{nowhere}")
    assert_refused(ledger, county.admin, RevokeOfficer(officer_id=nowhere, reason="无"), rules.OFFICER_NOT_FOUND)
    assert_refused(ledger, county.admin, RevokeToken(credential_id=nowhere, reason="无"), rules.BAD_TOKEN)
