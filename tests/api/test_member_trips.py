"""Planned departures and short returns through the real app: a member away
home for 春节, overdue, and back; then home for good, reporting ahead the
next departure, which is cancelled. On both stores; today is 2025-06-01."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.api.test_commands import AWAY, created, member, refused


def test_a_short_return_home_and_a_planned_departure_end_to_end(api: Api) -> None:
    m = member(api)
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))  # away since 2024-03-01
    refused(api, lambda: api.post("mb_officer", f"/members/{m}/temporary-returns", {"expected_back_on": "2025-03-01"}),
            403, "actor.inflow_scope")
    created(api.post("b1_officer", f"/members/{m}/temporary-returns", {
        "expected_back_on": "2025-05-20", "reason": "春节回家", "effective_on": "2025-01-20"}))
    api.sync()
    row = api.get("b1_officer", f"/members/{m}").json()
    assert (row["status"], row["home_since"], row["expected_back_on"]) == ("temporary_return", "2025-01-20",
                                                                           "2025-05-20")
    assert api.get("admin", "/statistics").json()["away"] == 1
    flags = api.get("b1_officer", "/flags", kind="temporary_return_overdue").json()
    assert [f["member_id"] for f in flags] == [m] and flags[0]["label"].startswith("临时返乡逾期")
    created(api.post("b1_officer", f"/members/{m}/going-back", {}))
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/going-back", {}), 422, "member.not_home")
    api.sync()
    assert api.get("b1_officer", f"/members/{m}").json()["status"] == "away"
    assert api.get("b1_officer", "/flags", kind="temporary_return_overdue").json() == []

    # Home for good, then the next departure reported ahead, and cancelled.
    created(api.post("b1_officer", f"/members/{m}/returns", {}))
    ahead = {**AWAY, "effective_on": "2025-06-01", "planned_on": "2025-06-15"}
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/planned-departures",
                                  {**ahead, "planned_on": "2025-10-01"}), 422, "member.planned_too_far", field="planned_on")
    created(api.post("b1_officer", f"/members/{m}/planned-departures", ahead))
    api.sync()
    assert api.get("b1_officer", f"/members/{m}").json()["status"] == "planned"
    assert api.get("admin", "/statistics").json()["away"] == 0
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/departures", AWAY | {"effective_on": "2025-06-01"}),
            422, "member.departure_planned")
    created(api.post("b1_officer", f"/members/{m}/planned-departures/cancel", {"reason": "家中有事"}))
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/planned-departures/cancel", {}), 422,
            "member.no_planned_departure")
    api.sync()
    assert api.get("b1_officer", f"/members/{m}").json()["status"] == "at_home"
