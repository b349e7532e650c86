"""Role × organisation × endpoint: the expected status of every combination,
written out. No response shows a member outside the caller's jurisdiction.

Member A (张明) belongs to 长赤镇红旗村党支部 (township t1), is away and has
reported in to the Chengdu mobile branch (mb); member B (李华) belongs to
赤溪镇新民村党支部 (township t2) and is at home.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.api.conftest import Api
from tests.api.test_commands import AWAY, MEMBER, created
from tests.support.county import id_number

ENDPOINTS = ("register", "member A", "member B", "history A", "certificate A", "audit", "statistics t2",
             "flags", "anomalies", "contact A", "contact B", "policy")
EXPECTED = {  # caller: statuses in the order of ENDPOINTS
    None:          (401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
    "admin":       (200, 200, 200, 200, 200, 200, 200, 200, 200, 201, 201, 201),
    "auditor":     (200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403),
    "t1_officer":  (200, 200, 403, 200, 200, 403, 403, 200, 403, 201, 403, 403),
    "b1_officer":  (200, 200, 403, 200, 200, 403, 403, 200, 403, 201, 403, 403),
    "s1_officer":  (200, 200, 403, 200, 200, 403, 403, 200, 403, 201, 403, 403),
    "t2_officer":  (200, 403, 200, 403, 403, 403, 200, 200, 403, 403, 201, 403),
    "mb_officer":  (200, 200, 403, 200, 200, 403, 403, 200, 403, 201, 403, 403),
    "io_officer":  (200, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403),
}
SEES = {None: set(), "admin": {"A", "B"}, "auditor": {"A", "B"}, "t1_officer": {"A"}, "b1_officer": {"A"},
        "s1_officer": {"A"}, "t2_officer": {"B"}, "mb_officer": {"A"}, "io_officer": set()}
NAMES = {"A": "张明", "B": "李华"}


def setting(api: Api) -> dict[str, str]:
    a = created(api.post("admin", "/members", {**MEMBER, "branch_id": str(api.county.b1)}))["subject_id"]
    b = created(api.post("admin", "/members", {**MEMBER, "name": "李华", "phone": "13700002222",
                                               "id_number": id_number(date(1985, 3, 4), 7),
                                               "branch_id": str(api.county.b2)}))["subject_id"]
    created(api.post("admin", f"/members/{a}/departures", AWAY))
    created(api.post("mb_officer", "/report-ins", {"org_id": str(api.county.mb), "id_number": MEMBER["id_number"]}))
    request = created(api.post("t1_officer", "/certificate-requests", {"member_id": a, "justification": "务工"}))
    created(api.post("t1_approver", f"/certificate-requests/{request['subject_id']}/approve", {}))
    created(api.post("b1_officer", "/certificates", {"request_id": request["subject_id"],
                                                     "number": "511922-2025-00001"}))
    return {"A": a, "B": b}


def call(api: Api, who: str | None, endpoint: str, ids: dict[str, str]) -> Any:
    contact = {"method": "phone", "outcome": "reached"}
    return {
        "register": lambda: api.get(who, "/register"),
        "member A": lambda: api.get(who, f"/members/{ids['A']}"),
        "member B": lambda: api.get(who, f"/members/{ids['B']}"),
        "history A": lambda: api.get(who, f"/members/{ids['A']}/history"),
        "certificate A": lambda: api.get(who, "/certificates/511922-2025-00001"),
        "audit": lambda: api.get(who, "/audit"),
        "statistics t2": lambda: api.get(who, "/statistics", org_id=str(api.county.t2)),
        "flags": lambda: api.get(who, "/flags"),
        "anomalies": lambda: api.get(who, "/anomalies"),
        "contact A": lambda: api.post(who, f"/members/{ids['A']}/contacts", contact),
        "contact B": lambda: api.post(who, f"/members/{ids['B']}/contacts", contact),
        "policy": lambda: api.post(who, "/policy", {"changes": {"back_pay_months": 5}}),
    }[endpoint]()


@pytest.mark.parametrize("who", list(EXPECTED))
def test_every_role_gets_what_the_table_says_and_sees_only_its_members(api: Api, who: str | None) -> None:
    ids = setting(api)
    if who in ("admin", "t2_officer"):  # contacts are recorded while away: let B leave too
        created(api.post("admin", f"/members/{ids['B']}/departures", {**AWAY, "city": "西安市", "province": "陕西省"}))
    outcomes = {}
    for endpoint in ENDPOINTS:
        response = call(api, who, endpoint, ids)
        outcomes[endpoint] = response.status_code
        if response.status_code in (200, 201):
            hidden = {NAMES[m] for m in ("A", "B") if m not in SEES[who]}
            assert not any(name in response.text for name in hidden), (who, endpoint)
        elif response.status_code in (401, 403):
            assert response.json()["detail"]["code"].startswith("actor."), (who, endpoint)
    assert tuple(outcomes[e] for e in ENDPOINTS) == EXPECTED[who], outcomes
