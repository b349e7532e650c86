"""Handover (移交) end to end over HTTP: a mobile branch handed over to a
department committee brings its members under the receiver."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api
from tests.api.test_commands import MEMBER, created

CONTACT = {"method": "phone", "outcome": "reached", "effective_on": "2025-05-20"}


def test_after_a_handover_the_receiver_records_for_the_members_and_the_old_parent_cannot(api: Api) -> None:
    c = api.county
    dept = created(api.post("admin", "/organisations", {"kind": "department_committee", "parent_id": str(c.committee),
                                                        "name": "中共南江县直属机关工作委员会"}))["subject_id"]
    officer = created(api.post("admin", "/officers", {"name": "工委干事", "org_id": dept, "role": "officer"}))
    api.tokens["dept_officer"] = created(api.post("admin", f"/officers/{officer['subject_id']}/tokens"))["token"]
    xa = created(api.post("admin", "/organisations", {"kind": "mobile_branch", "name": "西安市南江流动党员党支部",
                                                      "parent_id": str(c.t2), "province": "陕西省",
                                                      "city": "西安市"}))["subject_id"]
    m = created(api.post("t1_officer", "/members", {**MEMBER, "branch_id": str(c.b1)}))["subject_id"]
    created(api.post("b1_officer", f"/members/{m}/departures", {
        "reason": "外出务工", "province": "陕西省", "city": "西安市", "industry": "construction",
        "expected_months": 12, "contact_phone": "13900001111", "effective_on": "2024-03-01"}))
    created(api.post("b1_officer", "/report-ins", {"member_id": m, "org_id": xa, "effective_on": "2024-03-20"}))

    def contact(who: str) -> Any:
        return api.post(who, f"/members/{m}/contacts", CONTACT)

    assert (contact("t2_officer").status_code, contact("dept_officer").status_code) == (201, 403)

    created(api.post("admin", f"/organisations/{xa}/handover", {"to_org_id": dept, "effective_on": "2025-05-01"}))
    assert contact("dept_officer").status_code == 201
    refused = contact("t2_officer")
    assert refused.status_code == 403 and refused.json()["detail"]["code"] == "actor.jurisdiction"
    api.sync()
    assert api.get("dept_officer", f"/members/{m}").status_code == 200  # reads follow the tree too
    assert api.get("t2_officer", f"/members/{m}").status_code == 403
