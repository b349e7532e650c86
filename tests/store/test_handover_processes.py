"""A handover (移交) recorded by one process is seen by another at once: the
tree the jurisdiction walks never keeps a mobile branch's parent. On both stores."""

from __future__ import annotations

from datetime import date

from domain import rules
from domain.commands import HandOverOrganisation
from domain.ledger import Ledger
from tests.support.county import SmallCounty
from tests.support.handover import contact, prepare
from tests.support.helpers import assert_refused
from tests.support.stores import Store


def test_another_process_sees_the_new_parent_of_a_branch_handed_over(
        store: Store, ledger: Ledger, county: SmallCounty) -> None:
    h = prepare(ledger, county)
    ledger.execute(county.t2_officer, contact(h.member, date(2025, 4, 1)))  # this process walked the old tree
    other = store.ledger()
    other.execute(county.admin, HandOverOrganisation(org_id=h.xa, to_org_id=h.dept, effective_on=date(2025, 5, 1)))
    assert_refused(ledger, county.t2_officer, contact(h.member), rules.JURISDICTION)
    ledger.execute(h.dept_officer, contact(h.member))
