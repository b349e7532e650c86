"""GET /certificates/missing (应发未发) and its xlsx: each reason from a story
that produces it, pages and filters as the register has them, the same rows
in the download, and a township officer sees only their township."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.api.conftest import Api
from tests.support.coverage_stories import DAY, REASONS, Stories, tell_stories
from tests.support.stores import Clock


@pytest.fixture
def stories(api: Api, clock: Clock) -> Stories:
    told = tell_stories(api.service.ledger, api.county, clock)
    api.sync()
    return told


def listed(api: Api, who: str, **params: Any) -> list[dict[str, Any]]:
    answer = api.get(who, "/certificates/missing", size=500, **params)
    assert answer.status_code == 200, answer.text
    return answer.json()["rows"]  # type: ignore[no-any-return]


def test_each_reason_comes_from_its_story(api: Api, stories: Stories) -> None:
    rows = {r["name"]: r for r in listed(api, "auditor")}
    assert {name: r["reason"] for name, r in rows.items()} == REASONS
    assert rows["党员4"]["reason_label"] == "年审逾期" and rows["党员4"]["reason_on"] == "2026-03-01"
    assert rows["党员4"]["certificate_number"] == "511922-2025-00004"
    assert rows["党员3"]["reason_label"] == "已审批未发证" and rows["党员3"]["request_id"]
    assert rows["党员2"]["detail"] == "2025-03-01申请，尚未审批"
    assert rows["党员5"]["detail"] == f"活动证511922-2025-00005于{DAY}挂失，尚未补发"
    assert rows["党员9"]["detail"].startswith(f"申请已于{DAY}退回") and rows["党员1"]["detail"] == "尚无发放申请"
    assert (rows["党员1"]["status"], rows["党员1"]["months_away"]) == ("reported_in", 25)
    assert rows["党员10"]["township_name"] == "中共赤溪镇委员会"


def test_pages_and_filters_work_as_the_register_s(api: Api, stories: Stories) -> None:
    everyone = listed(api, "admin")
    pages = [api.get("admin", "/certificates/missing", size=3, page=p).json() for p in (1, 2, 3)]
    assert [p["total"] for p in pages] == [7, 7, 7] and [len(p["rows"]) for p in pages] == [3, 3, 1]
    assert [r["member_id"] for p in pages for r in p["rows"]] == [r["member_id"] for r in everyone]
    assert {r["name"] for r in listed(api, "admin", reason="never_requested")} == {"党员1", "党员9", "党员10"}
    assert [r["name"] for r in listed(api, "admin", status="reported_in")] == ["党员1"]
    assert [r["name"] for r in listed(api, "admin", org_id=str(api.county.t2))] == ["党员10"]
    assert [r["name"] for r in listed(api, "admin", province="上海市", name="10")] == ["党员10"]
    assert listed(api, "admin", industry="mining") == []
    refused = api.get("admin", "/certificates/missing", reason="forgotten")
    assert refused.status_code == 422 and refused.json()["detail"]["field"] == "reason"


def test_a_township_officer_sees_only_their_township(api: Api, stories: Stories) -> None:
    assert {r["name"] for r in listed(api, "t1_officer")} == set(REASONS) - {"党员10"}
    assert [r["name"] for r in listed(api, "t2_officer")] == ["党员10"]
    assert api.get("t1_officer", "/certificates/missing", org_id=str(api.county.t2)).status_code == 403
    assert api.get("t1_officer", "/certificates/missing.xlsx", org_id=str(api.county.t2)).status_code == 403
    assert api.get(None, "/certificates/missing").status_code == 401


def test_the_download_has_the_same_rows_as_the_list(api: Api, stories: Stories) -> None:
    for who, params in (("admin", {}), ("t1_officer", {}), ("admin", {"reason": "never_requested"})):
        answer = api.get(who, "/certificates/missing.xlsx", **params)
        assert answer.status_code == 200
        assert "attachment" in answer.headers["content-disposition"]
        sheet = load_workbook(io.BytesIO(answer.content))["应发未发"]
        header, *rows = list(sheet.iter_rows(values_only=True))
        assert header[0] == "姓名" and "应发未发原因" in header
        found = [dict(zip(header, row, strict=True)) for row in rows]
        expected = listed(api, who, **params)
        assert [(r["姓名"], r["应发未发原因"], r["说明"]) for r in found] == \
            [(r["name"], r["reason_label"], r["detail"]) for r in expected]
        assert all(r["外出时间"].date() <= DAY for r in found)
    first = dict(zip(header, rows[0], strict=True))
    assert first["身份证号"].startswith("*") and first["外出时间"].date() == date(2024, 3, 1)
