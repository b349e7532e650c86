"""The dues ledger (党费台账) through the real app, end to end: more than the
table, less (flagged until an approval covers it), nothing under an exemption,
back-pay beyond the limit (flagged, not refused); the ledger, its totals and a
member's dues; refusals name their field and rule, and store nothing. On both stores."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api
from tests.api.test_commands import AWAY, MEMBER, created, refused
from tests.support.staff_pages import page_of

WAGE = {"collector": "home", "basis": "wage", "income_fen": 450000}  # 45.00 yuan a month


def paid(api: Api, who: str, member: str, months: list[str], amount: int, on: str) -> dict[str, Any]:
    return created(api.post(who, f"/members/{member}/dues", {**WAGE, "months": months, "amount_fen": amount,
                                                             "effective_on": on}))


def test_payments_are_recorded_as_received_judged_and_flagged(api: Api) -> None:
    c = api.county
    m = created(api.post("admin", "/members", {**MEMBER, "branch_id": str(c.b1)}))["subject_id"]
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    paid(api, "b1_officer", m, ["2025-01", "2025-02", "2025-03"], 20000, "2025-03-10")  # 自愿多交 65.00
    paid(api, "b1_officer", m, ["2025-04"], 2000, "2025-04-10")  # 少交
    paid(api, "b1_officer", m, ["2024-06", "2025-05"], 9000, "2025-05-10")  # 补交 beyond 6 months
    flags = {f["kind"]: f for f in api.get("t1_officer", "/flags").json() if f["kind"].startswith("dues_")}
    assert set(flags) == {"dues_below_table", "dues_late_back_pay"}
    assert "按标准应交45.00元" in flags["dues_below_table"]["detail"]

    # 少交 and 免交 need an approval by the home subtree: an inflow officer may not, another township may not.
    approval = {"approved_by": "中共长赤镇委员会", "from_month": "2025-04", "until_month": "2025-06",
                "monthly_fen": 0, "reason": "大病住院，家庭困难", "effective_on": "2025-05-20"}
    path = f"/members/{m}/dues-reductions"
    refused(api, lambda: api.post("mb_officer", path, approval), 403, "actor.role")
    refused(api, lambda: api.post("t2_officer", path, approval), 403, "actor.jurisdiction")
    refused(api, lambda: api.post("t1_officer", path, {**approval, "until_month": "2025-03"}),
            422, "dues.reduction_order", "until_month")
    refused(api, lambda: api.post("t1_officer", path, {**approval, "from_month": "2025/04"}), 422, "input.month",
            "from_month")
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/dues", {**WAGE, "months": ["2025-06"],
                                                                      "amount_fen": 0}), 422, "dues.zero", "amount_fen")
    created(api.post("t1_officer", path, approval))
    paid(api, "b1_officer", m, ["2025-06"], 0, "2025-06-01")  # 免交
    assert not [f for f in api.get("t1_officer", "/flags").json() if f["kind"] == "dues_below_table"]

    # Still refused: a month twice, too far ahead, before joining, an amount beyond the bound.
    for months, amount, code in ((["2025-04"], 4500, "dues.paid"), (["2025-10"], 4500, "dues.prepay"),
                                 (["2009-01"], 4500, "dues.before_joined"), (["2025-07"], 100_000_001, "input.range")):
        body = {**WAGE, "months": months, "amount_fen": amount}
        refused(api, lambda body=body: api.post("b1_officer", f"/members/{m}/dues", body), 422, code)  # type: ignore[misc]

    ledger = api.get("t1_officer", "/dues").json()
    assert [(r["months"], r["kind_label"]) for r in ledger["rows"]] == [
        (["2025-06"], "免交"), (["2024-06", "2025-05"], "按标准"), (["2025-04"], "经批准少交"),
        (["2025-01", "2025-02", "2025-03"], "自愿多交")]
    assert (ledger["totals"]["received_fen"], ledger["totals"]["extra_fen"], ledger["totals"]["late_back_pay"]) == (
        31000, 6500, 1)
    assert api.get("t1_officer", "/dues", kind="extra").json()["total"] == 1
    assert api.get("t2_officer", "/dues").json()["total"] == 0
    assert api.get("auditor", "/dues", from_month="2025-05", until_month="2025-05").json()["total"] == 1
    before = api.get("t1_officer", "/dues", as_of="2025-04-30").json()  # the approval is dated 2025-05-20
    assert [(r["months"], r["kind"]) for r in before["rows"]] == [(["2025-04"], "short"), (
        ["2025-01", "2025-02", "2025-03"], "extra")]
    refused(api, lambda: api.get("t1_officer", "/dues", kind="late"), 422, "input.choice", "kind")
    refused(api, lambda: api.get("t1_officer", "/dues", from_month="2025-13"), 422, "input.month", "from_month")

    mine = api.get("b1_officer", f"/members/{m}/dues").json()
    assert mine["paid_through"] == "2025-06" and mine["reductions"][0]["exempt"] is True
    assert [r["late_months"] for r in mine["payments"]] == [[], ["2024-06"], [], []]
    refused(api, lambda: api.get("t2_officer", f"/members/{m}/dues"), 403, "actor.jurisdiction")
    history = api.get("b1_officer", f"/members/{m}/history").json()["events"]
    assert any("自愿多交65.00元" in e["summary"] for e in history)
    assert any("批准2025-04至2025-06免交" in e["summary"] for e in history)

    # The page (/ui/dues) says what the API says; a member's own page lists the approval and links the forms.
    listed = page_of(api, "t1_officer", "/ui/dues")
    assert "符合条件的记录 4 笔" in listed and "自愿多交（多交65.00元）" in listed and "310.00" in listed
    own = page_of(api, "b1_officer", f"/ui/dues?member_id={m}")
    assert "中共长赤镇委员会批准：2025-04起至2025-06免交" in own and "/ui/forms/approve-dues-reduction" in own


def test_the_collector_fits_the_recorder_and_an_inflow_officer_reads_only_its_own(api: Api) -> None:
    c = api.county
    m = created(api.post("admin", "/members", {**MEMBER, "branch_id": str(c.b1)}))["subject_id"]
    created(api.post("b1_officer", f"/members/{m}/departures", AWAY))
    body = {**WAGE, "months": ["2024-03"], "amount_fen": 4500, "effective_on": "2024-03-05"}
    refused(api, lambda: api.post("b1_officer", f"/members/{m}/dues", {**body, "collector": "inflow"}),
            422, "dues.not_reported", "collector")
    paid(api, "b1_officer", m, ["2024-03"], 4500, "2024-03-05")
    created(api.post("t1_officer", f"/members/{m}/dues-reductions", {
        "approved_by": "中共长赤镇委员会", "from_month": "2024-06", "monthly_fen": 0, "reason": "本人患病住院",
        "effective_on": "2024-04-20"}))
    created(api.post("mb_officer", "/report-ins", {"id_number": MEMBER["id_number"], "org_id": str(c.mb),
                                                  "effective_on": "2024-04-01"}))
    own = {**body, "months": ["2024-04"], "effective_on": "2024-04-05"}
    refused(api, lambda: api.post("mb_officer", f"/members/{m}/dues", own), 422, "dues.inflow_collects", "collector")
    created(api.post("mb_officer", f"/members/{m}/dues", {**own, "collector": "inflow"}))

    seen = api.get("mb_officer", f"/members/{m}/dues").json()
    assert [p["months"] for p in seen["payments"]] == [["2024-04"]]
    assert [(r["approved_by"], r["reason"], r["exempt"]) for r in seen["reductions"]] == [(None, None, True)]
    assert [r["months"] for r in api.get("mb_officer", "/dues").json()["rows"]] == [["2024-04"]]
    home = api.get("b1_officer", f"/members/{m}/dues").json()
    assert len(home["payments"]) == 2 and home["reductions"][0]["reason"] == "本人患病住院"
    assert "本人患病住院" not in page_of(api, "mb_officer", f"/ui/dues?member_id={m}")
