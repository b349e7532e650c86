"""Non-public enterprises (非公有制企业) through the real app, end to end: one is
registered, three full members start working there, it is flagged until its
party organisation is recorded; the figure (覆盖率) follows, for today and for
an earlier day; refusals name their field and rule. On both stores."""

from __future__ import annotations

from datetime import date

from tests.api.conftest import Api
from tests.api.test_commands import MEMBER, created, refused
from tests.support.county import id_number


def test_an_enterprise_is_flagged_until_its_organisation_is_recorded(api: Api) -> None:
    c = api.county
    firm = created(api.post("t1_officer", "/enterprises", {"name": "南江某建材有限公司", "org_id": str(c.t1),
                                                          "address": "长赤镇工业园", "effective_on": "2025-01-02"}))
    enterprise = firm["subject_id"]
    refused(api, lambda: api.post("t2_officer", "/enterprises", {"name": "某公司", "org_id": str(c.t1)}),
            403, "actor.jurisdiction")
    refused(api, lambda: api.post("admin", "/enterprises", {"name": "某公司", "org_id": str(c.t1), "city": "西安市"}),
            422, "enterprise.place", "province")
    for seq in (1, 2, 3):
        numbers = {"id_number": id_number(date(1985, 3, 4), seq), "phone": f"1380000{seq:04d}"}
        created(api.post("admin", "/members", {**MEMBER, **numbers, "name": f"工人{seq}", "branch_id": str(c.b1)}))
        created(api.post("t1_officer", f"/enterprises/{enterprise}/workers",
                         {"id_number": numbers["id_number"], "effective_on": "2025-02-01"}))
    path = f"/enterprises/{enterprise}/workers"
    refused(api, lambda: api.post("t1_officer", path, {"id_number": id_number(date(1985, 3, 4), 1)}),
            422, "enterprise.worker_there", "member_id")
    refused(api, lambda: api.post("t1_officer", path, {}), 422, "enterprise.worker_one", "member_id")
    refused(api, lambda: api.post("b1_officer", path, {"id_number": id_number(date(1985, 3, 4), 1)}),
            403, "actor.jurisdiction")

    listed = api.get("t1_officer", "/enterprises").json()
    assert [(r["name"], r["members"], r["full_members"], r["lacks_organisation"], r["township_name"])
            for r in listed["rows"]] == [("南江某建材有限公司", 3, 3, True, "中共长赤镇委员会")]
    assert api.get("t2_officer", "/enterprises").json()["total"] == 0
    [flag] = api.get("t1_officer", "/flags", kind="no_branch_at_employer").json()
    assert flag["detail"] == "南江某建材有限公司：工人1、工人2、工人3"
    assert api.get("auditor", "/enterprises/summary").json()["coverage"] == 0.0

    created(api.post("t1_officer", f"/enterprises/{enterprise}/organisation", {"org_id": str(c.b1b)}))
    refused(api, lambda: api.post("t1_officer", f"/enterprises/{enterprise}/organisation", {"org_name": "另一支部"}),
            422, "enterprise.org_linked", "org_id")
    assert api.get("t1_officer", "/flags", kind="no_branch_at_employer").json() == []
    summary = api.get("auditor", "/enterprises/summary")
    assert summary.json() == {"as_of": "2025-06-01", "enterprises": 1, "members": 3, "full_members": 3,
                              "organised": 1, "required": 1, "required_organised": 1, "unorganised": 0,
                              "coverage": 100.0}
    assert summary.headers["X-As-Of"] == "2025-06-01"
    before = api.get("auditor", "/enterprises/summary", as_of="2025-01-15").json()  # registered, nobody working yet
    assert (before["enterprises"], before["members"], before["coverage"]) == (1, 0, None)

    detail = api.get("t1_officer", f"/enterprises/{enterprise}").json()
    assert (detail["organisation_name"], [w["name"] for w in detail["workers"]]) == (
        "长赤镇光明村党支部", ["工人1", "工人2", "工人3"])
    refused(api, lambda: api.get("t2_officer", f"/enterprises/{enterprise}"), 403, "actor.jurisdiction")
    refused(api, lambda: api.get("admin", f"/enterprises/{c.b1}"), 404, "enterprise.not_found")
