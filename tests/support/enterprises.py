"""Non-public enterprises (非公有制企业) in the replay fixture: every kind of
their events happens once (`live_a_life`)."""

from __future__ import annotations

from datetime import date

from domain.commands import (
    AddEnterpriseWorker, CloseEnterprise, LinkEnterpriseOrganisation, RegisterEnterprise, RemoveEnterpriseWorker,
    UnlinkEnterpriseOrganisation,
)
from domain.ledger import Ledger
from tests.support.county import SmallCounty, fixed, id_number, member_command

__all__ = ["enterprise_life"]


def enterprise_life(ledger: Ledger, c: SmallCounty) -> None:
    """赤溪镇's 南江某石材公司: registered, two members working there, a branch linked and
    unlinked, one worker leaving, then closed."""
    run = ledger.execute
    worker = run(c.t2_officer, member_command(c.b2, 31)).subject_id
    run(c.t2_officer, member_command(c.b2, 32))
    firm = run(c.t2_officer, RegisterEnterprise(enterprise_id=fixed("南江某石材公司"), name="南江某石材公司",
                                                org_id=c.t2, address="赤溪镇", effective_on=date(2025, 1, 3))).subject_id
    assert firm is not None and worker is not None
    run(c.t2_officer, AddEnterpriseWorker(enterprise_id=firm, member_id=worker, effective_on=date(2025, 1, 4)))
    run(c.t2_officer, AddEnterpriseWorker(enterprise_id=firm, id_number=id_number(date(1985, 3, 4), 32),
                                          effective_on=date(2025, 1, 4)))
    run(c.t2_officer, LinkEnterpriseOrganisation(enterprise_id=firm, org_id=c.b2, effective_on=date(2025, 1, 5)))
    run(c.t2_officer, UnlinkEnterpriseOrganisation(enterprise_id=firm, reason="另建企业支部", effective_on=date(2025, 2, 1)))
    run(c.t2_officer, RemoveEnterpriseWorker(enterprise_id=firm, member_id=worker, effective_on=date(2025, 3, 1)))
    run(c.admin, CloseEnterprise(enterprise_id=firm, reason="企业注销", effective_on=date(2025, 4, 1)))
