"""The register of non-public enterprises (非公有制企业): who keeps an enterprise's
record, the members working there, its party organisation, and the refusals
(rule tests, on the in-memory store)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

import pytest

from domain import rules
from domain.commands import (
    AddEnterpriseWorker, CloseEnterprise, CorrectEvent, EndMembership, LinkEnterpriseOrganisation, RecordInflowLeaving,
    RegisterEnterprise, RemoveEnterpriseWorker, UnlinkEnterpriseOrganisation, VoidEvent,
)
from domain.enterprise import Enterprise
from domain.ledger import Ledger
from tests.support.county import SmallCounty, id_number
from tests.support.helpers import assert_refused
from tests.support.inflow import inflow_command
from tests.support.members import enrol

OPENED = date(2024, 1, 5)


def register(ledger: Ledger, county: SmallCounty, actor: UUID | None = None, **changes: object) -> UUID:
    """长赤镇's 南江某建材公司, registered by the township's officer."""
    command = replace(RegisterEnterprise(name="南江某建材有限公司", org_id=county.t1, address="长赤镇工业园",
                                         effective_on=OPENED), **changes)
    found = ledger.execute(actor or county.t1_officer, command).subject_id
    assert found is not None
    return found


def enterprise(ledger: Ledger, enterprise_id: UUID) -> Enterprise:
    found = ledger.load(Enterprise, enterprise_id)
    assert found is not None
    return found


def inflow_member(ledger: Ledger, county: SmallCounty, seq: int = 1) -> UUID:
    found = ledger.execute(county.t1_officer, inflow_command(county.b1, seq)).subject_id
    assert found is not None
    return found


def test_an_enterprise_records_its_workers_and_its_organisation(ledger: Ledger, county: SmallCounty) -> None:
    firm = register(ledger, county)
    member = enrol(ledger, county, 1)
    by_number = enrol(ledger, county, 2)
    inflow = inflow_member(ledger, county)
    ledger.execute(county.t1_officer, AddEnterpriseWorker(enterprise_id=firm, member_id=member,
                                                          effective_on=date(2024, 2, 1)))
    ledger.execute(county.t1_officer, AddEnterpriseWorker(enterprise_id=firm, id_number=id_number(date(1985, 3, 4), 2)))
    ledger.execute(county.t1_officer, AddEnterpriseWorker(enterprise_id=firm, inflow_member_id=inflow))
    ledger.execute(county.t1_officer, LinkEnterpriseOrganisation(enterprise_id=firm, org_id=county.b1b))
    state = enterprise(ledger, firm)
    assert (state.name, state.org_id, state.in_county) == ("南江某建材有限公司", county.t1, True)
    assert set(state.workers) == {("member", member), ("member", by_number), ("inflow_member", inflow)}
    assert state.organisation == (county.b1b, "")
    assert set(state.as_of(date(2024, 3, 1)).workers) == {("member", member)}  # type: ignore[union-attr]
    ledger.execute(county.t1_officer, RemoveEnterpriseWorker(enterprise_id=firm, member_id=member))
    ledger.execute(county.t1_officer, UnlinkEnterpriseOrganisation(enterprise_id=firm, reason="支部撤并"))
    ledger.execute(county.t1_officer, LinkEnterpriseOrganisation(enterprise_id=firm, org_name="某工业园区联合党支部"))
    state = enterprise(ledger, firm)
    assert ("member", member) not in state.workers and state.organisation == (None, "某工业园区联合党支部")


def test_an_enterprise_outside_the_county_names_its_province_and_city(ledger: Ledger, county: SmallCounty) -> None:
    firm = register(ledger, county, county.admin, name="成都某劳务有限公司", org_id=county.mb, province="四川省",
                    city="成都市", address="")
    assert not enterprise(ledger, firm).in_county
    half = RegisterEnterprise(name="某公司", org_id=county.t1, province="陕西省")
    assert_refused(ledger, county.admin, half, rules.ENTERPRISE_PLACE, field="city")


def test_only_an_organisation_of_the_party_tree_keeps_an_enterprise(ledger: Ledger, county: SmallCounty) -> None:
    command = RegisterEnterprise(name="某公司", org_id=county.s1)
    assert_refused(ledger, county.admin, command, rules.ENTERPRISE_KEEPER,
                   text="非公有制企业：企业台账应由本县党组织（党委、党支部、流动党员党支部）管理，不能由流动党员服务站管理")
    assert_refused(ledger, county.admin, replace(command, org_id=county.io), rules.ENTERPRISE_KEEPER)
    assert_refused(ledger, county.admin, replace(command, org_id=county.t1, name=" "), rules.REQUIRED)


def test_officers_record_for_enterprises_kept_in_their_subtree(ledger: Ledger, county: SmallCounty) -> None:
    assert_refused(ledger, county.t2_officer, RegisterEnterprise(name="某公司", org_id=county.t1), rules.JURISDICTION)
    firm = register(ledger, county)
    member = enrol(ledger, county)
    join = AddEnterpriseWorker(enterprise_id=firm, member_id=member)
    assert_refused(ledger, county.t2_officer, join, rules.JURISDICTION)
    assert_refused(ledger, county.b1_officer, join, rules.JURISDICTION)  # the township keeps it, not the branch
    assert_refused(ledger, county.mb_officer, join, rules.ROLE)
    assert_refused(ledger, county.auditor, join, rules.READ_ONLY)
    ledger.execute(county.s1_officer, join)  # a station acts for its township


def test_a_worker_is_named_once_and_exists(ledger: Ledger, county: SmallCounty) -> None:
    firm = register(ledger, county)
    member = enrol(ledger, county)
    other = enrol(ledger, county, 2)
    assert_refused(ledger, county.admin, AddEnterpriseWorker(enterprise_id=firm), rules.WORKER_ONE)
    assert_refused(ledger, county.admin, AddEnterpriseWorker(enterprise_id=firm, member_id=member,
                                                             inflow_member_id=member), rules.WORKER_ONE)
    assert_refused(ledger, county.admin, AddEnterpriseWorker(
        enterprise_id=firm, member_id=other, id_number=id_number(date(1985, 3, 4), 1)), rules.WORKER_ONE)
    assert_refused(ledger, county.admin, AddEnterpriseWorker(enterprise_id=firm, member_id=county.b1),
                   rules.MEMBER_NOT_FOUND)
    assert_refused(ledger, county.admin, AddEnterpriseWorker(enterprise_id=firm, id_number="511922"),
                   rules.ID_NUMBER)
    assert_refused(ledger, county.admin, AddEnterpriseWorker(enterprise_id=firm, inflow_member_id=member),
                   rules.INFLOW_NOT_FOUND)
    assert_refused(ledger, county.admin, AddEnterpriseWorker(enterprise_id=county.b1, member_id=member),
                   rules.ENTERPRISE_NOT_FOUND)


def test_members_no_longer_here_cannot_start_working(ledger: Ledger, county: SmallCounty) -> None:
    firm = register(ledger, county)
    member = enrol(ledger, county)
    ledger.execute(county.t1_officer, EndMembership(member_id=member, reason="died"))
    assert_refused(ledger, county.admin, AddEnterpriseWorker(enterprise_id=firm, member_id=member), rules.MEMBER_ENDED)
    inflow = inflow_member(ledger, county)
    ledger.execute(county.t1_officer, RecordInflowLeaving(inflow_member_id=inflow, reason="返回原籍"))
    assert_refused(ledger, county.admin, AddEnterpriseWorker(enterprise_id=firm, inflow_member_id=inflow),
                   rules.INFLOW_LEFT)


def test_a_worker_joins_once_and_leaves_after_joining(ledger: Ledger, county: SmallCounty) -> None:
    firm = register(ledger, county)
    member = enrol(ledger, county)
    leave = RemoveEnterpriseWorker(enterprise_id=firm, member_id=member)
    assert_refused(ledger, county.admin, leave, rules.WORKER_NOT_THERE)
    join = AddEnterpriseWorker(enterprise_id=firm, member_id=member, effective_on=date(2024, 6, 1))
    ledger.execute(county.admin, join)
    assert_refused(ledger, county.admin, join, rules.WORKER_THERE, text="从业党员：该党员已于2024-06-01登记在本企业从业")
    assert_refused(ledger, county.admin, replace(leave, effective_on=date(2024, 5, 1)), rules.DATE_ORDER,
                   text="日期先后：发生日期不能早于该党员到企业从业日期（2024-06-01）")
    ledger.execute(county.admin, replace(leave, effective_on=date(2024, 9, 1)))
    assert_refused(ledger, county.admin, replace(join, effective_on=date(2024, 8, 1)), rules.DATE_ORDER)
    assert_refused(ledger, county.admin, replace(join, effective_on=date(2023, 12, 1)), rules.DATE_ORDER)


def test_an_enterprise_has_at_most_one_organisation_and_of_a_fitting_kind(
        ledger: Ledger, county: SmallCounty) -> None:
    firm = register(ledger, county)
    link = LinkEnterpriseOrganisation(enterprise_id=firm, org_id=county.b1b)
    assert_refused(ledger, county.admin, UnlinkEnterpriseOrganisation(enterprise_id=firm, reason="撤并"),
                   rules.ENTERPRISE_ORG_NONE)
    assert_refused(ledger, county.admin, replace(link, org_id=None), rules.ENTERPRISE_ORG_ONE)
    assert_refused(ledger, county.admin, replace(link, org_name="某党支部"), rules.ENTERPRISE_ORG_ONE)
    assert_refused(ledger, county.admin, replace(link, org_id=county.committee), rules.ENTERPRISE_ORG_KIND)
    assert_refused(ledger, county.admin, replace(link, org_id=county.p1), rules.ENTERPRISE_ORG_KIND)
    assert_refused(ledger, county.admin, replace(link, effective_on=date(2023, 1, 1)), rules.DATE_ORDER)
    ledger.execute(county.admin, link)
    assert_refused(ledger, county.admin, replace(link, org_id=county.b1), rules.ENTERPRISE_ORG_LINKED)


def test_a_closed_enterprise_records_nothing_more(ledger: Ledger, county: SmallCounty) -> None:
    firm = register(ledger, county)
    member = enrol(ledger, county)
    ledger.execute(county.admin, AddEnterpriseWorker(enterprise_id=firm, member_id=member,
                                                     effective_on=date(2024, 6, 1)))
    close = CloseEnterprise(enterprise_id=firm, reason="企业破产", effective_on=date(2024, 5, 1))
    assert_refused(ledger, county.admin, close, rules.DATE_ORDER)
    ledger.execute(county.admin, replace(close, effective_on=date(2025, 1, 1)))
    assert_refused(ledger, county.admin, AddEnterpriseWorker(enterprise_id=firm, member_id=enrol(ledger, county, 2)),
                   rules.ENTERPRISE_CLOSED, text="非公有制企业：南江某建材有限公司已于2025-01-01注销，不能再记录")
    assert_refused(ledger, county.admin, close, rules.ENTERPRISE_CLOSED)


@pytest.mark.parametrize("field", ["name", "address"])
def test_the_admin_and_the_keepers_officers_correct_a_registration(ledger: Ledger, county: SmallCounty,
                                                                    field: str) -> None:
    firm = register(ledger, county)
    position = ledger.recorder.max_notification_id()
    assert position is not None
    ledger.execute(county.admin, CorrectEvent(position=position, changes={field: "四川南江某建材有限公司"},
                                              reason="按营业执照更正"))
    assert getattr(enterprise(ledger, firm), field) == "四川南江某建材有限公司"
    assert_refused(ledger, county.t2_officer, CorrectEvent(position=position, changes={field: "某"}, reason="更正"),
                   rules.JURISDICTION)
    ledger.execute(county.t1_officer, CorrectEvent(position=position, changes={field: "某"}, reason="更正"))
    assert getattr(enterprise(ledger, firm), field) == "某"


def test_voiding_a_join_that_a_leave_follows_is_refused(ledger: Ledger, county: SmallCounty) -> None:
    firm = register(ledger, county)
    member = enrol(ledger, county)
    ledger.execute(county.admin, AddEnterpriseWorker(enterprise_id=firm, member_id=member))
    joined = ledger.recorder.max_notification_id()
    assert joined is not None
    ledger.execute(county.admin, RemoveEnterpriseWorker(enterprise_id=firm, member_id=member))
    assert_refused(ledger, county.admin, VoidEvent(position=joined, reason="误登"), rules.INCONSISTENT)


def test_an_officer_names_only_workers_in_its_jurisdiction_and_learns_nothing_of_others(
        ledger: Ledger, county: SmallCounty) -> None:
    """赤溪镇's officer keeps an enterprise; a member of 长赤镇 is 'not found' to it, by id or ID
    number, as a person who does not exist is; the county admin may name them."""
    firm = register(ledger, county, county.t2_officer, org_id=county.t2)
    member_id = enrol(ledger, county, 7)
    for named in ({"member_id": member_id}, {"id_number": id_number(date(1985, 3, 4), 7)},
                  {"id_number": id_number(date(1985, 3, 4), 8)}):
        assert_refused(ledger, county.t2_officer, AddEnterpriseWorker(enterprise_id=firm, effective_on=OPENED,
                                                                      **named), rules.MEMBER_NOT_FOUND)
    ledger.execute(county.admin, AddEnterpriseWorker(enterprise_id=firm, member_id=member_id, effective_on=OPENED))
    assert [worker_id for _, worker_id in enterprise(ledger, firm).workers] == [member_id]
