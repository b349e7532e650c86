"""流入党员 through the real app, end to end: registered, listed, contacted,
left; the refusals name their field; /statistics counts them apart. On both stores."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api
from tests.api.test_commands import created, refused
from tests.support.inflow import inflow_command


def body(api: Api, seq: int = 1, **changes: Any) -> dict[str, Any]:
    command = inflow_command(api.county.b1, seq)
    fields = {k: v for k, v in vars(command).items() if k not in ("expected_version",)}
    return {**{k: str(v) for k, v in fields.items() if v is not None}, **changes}


def test_an_inflow_member_is_registered_listed_contacted_and_leaves(api: Api) -> None:
    before = api.get("auditor", "/statistics").json()
    subject = created(api.post("b1_officer", "/inflow-members", body(api)))["subject_id"]
    refused(api, lambda: api.post("t2_officer", "/inflow-members", body(api, 2)), 403, "actor.jurisdiction")
    refused(api, lambda: api.post("admin", "/inflow-members", body(api, 3, phone="123")), 422, "input.phone", "phone")
    refused(api, lambda: api.post("admin", "/inflow-members", body(api, org_id=str(api.county.s1))), 422,
            "inflow.org", "org_id")
    refused(api, lambda: api.post("admin", "/inflow-members", body(api)), 409, "inflow.registered", "id_number")

    listed = api.get("t1_officer", "/inflow-members", status="present").json()
    assert [(r["inflow_member_id"], r["org_name"], r["phone_masked"]) for r in listed["rows"]] == \
        [(subject, "长赤镇红旗村党支部", "139****0001")]
    assert api.get("t2_officer", "/inflow-members").json()["total"] == 0
    refused(api, lambda: api.get("t2_officer", f"/inflow-members/{subject}"), 403, "actor.jurisdiction")
    refused(api, lambda: api.get("admin", "/inflow-members", status="gone"), 422, "input.choice", "status")
    stats = api.get("auditor", "/statistics").json()
    assert stats["inflow_members"] == 1 and stats["members"] == before["members"]

    created(api.post("s1_officer", f"/inflow-members/{subject}/contacts",
                     {"method": "phone", "outcome": "reached", "initiated_by": "member", "effective_on": "2025-05-20"}))
    refused(api, lambda: api.post("b1_officer", f"/inflow-members/{subject}/contacts",
                                  {"method": "phone", "outcome": "reached", "effective_on": "2024-12-31"}),
            422, "inflow.before_arrival", "effective_on")
    created(api.post("b1_officer", f"/inflow-members/{subject}/leave", {"reason": "工程结束", "destination": "西安市"}))
    refused(api, lambda: api.post("b1_officer", f"/inflow-members/{subject}/dues",
                                  {"months": ["2025-05"], "amount_fen": 2000}), 422, "inflow.left")
    row = api.get("b1_officer", f"/inflow-members/{subject}").json()
    assert (row["status"], row["last_contact_on"], row["left_to"]) == ("left", "2025-05-20", "西安市")
    assert api.get("auditor", "/statistics").json()["inflow_members"] == 0
