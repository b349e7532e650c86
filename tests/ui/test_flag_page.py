"""The flags page (待办提示) in a real browser: counts of each kind per township,
a count that links to the list it counts, a link to each member, an xlsx of
the same rows (text never a formula), and a township officer who sees only
their township; the API's `kind` filter. The site
(tests/ui/conftest.py) has 张外出 of 长赤镇, away in Shenzhen since 2024-03-01;
here three more full members leave for one factory in Hangzhou through the API."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from sheets.flags import write_flags
from tests.support.county import id_number
from tests.ui.conftest import Site, login, shot

HANGZHOU = (("钱一", "b1", 401), ("孙二", "b2", 402), ("周三", "b2", 403))  # name, branch, sequence
T1, T2 = "中共长赤镇委员会", "中共赤溪镇委员会"


@pytest.fixture(scope="module")
def hangzhou(site: Site) -> Site:
    """Three full members (one of 长赤镇, two of 赤溪镇) away in Hangzhou since 2025-01-10, not reported in."""
    with httpx.Client(base_url=site.url, headers={"Authorization": f"Bearer {site.tokens['admin']}"}) as api:
        for name, branch, seq in HANGZHOU:
            born = date(1990, 1, 1)
            answer = api.post("/members", json={
                "name": name, "gender": "male", "birth_date": born.isoformat(), "ethnicity": "汉族",
                "id_number": id_number(born, seq), "phone": f"139{seq:08d}", "joined_on": "2015-07-01",
                "standing": "full", "category": "rural", "branch_id": str(getattr(site.county, branch)),
                "effective_on": "2021-01-05"})
            assert answer.status_code == 201, answer.text
            answer = api.post(f"/members/{answer.json()['subject_id']}/departures", json={
                "reason": "外出务工", "province": "浙江省", "city": "杭州市", "industry": "manufacturing",
                "expected_months": 24, "contact_phone": "13900004444", "employer": "杭州某电子厂",
                "effective_on": "2025-01-10"})
            assert answer.status_code == 201, answer.text
    return site


def counts(page: Any) -> dict[str, list[str]]:
    """The counts table: each kind's row of cells, and the header under the key 提示类别."""
    table = page.locator("#counts")
    found = {"提示类别": table.locator("thead th").all_inner_texts()[1:]}
    for row in table.locator("tbody tr").all():
        cells = row.locator("th, td").all_inner_texts()
        found[cells[0]] = cells[1:]
    return found


def listed(page: Any) -> list[list[str]]:
    return [row.locator("td").all_inner_texts() for row in page.locator("#flag-list tbody tr").all()]


def download(page: Any) -> list[list[Any]]:
    with page.expect_download() as started:
        page.get_by_role("link", name="下载 Excel").click()
    book = load_workbook(io.BytesIO(Path(started.value.path()).read_bytes()))
    return [list(row) for row in book["待办提示"].iter_rows(values_only=True)]


def test_the_page_counts_each_kind_per_township_and_a_count_opens_its_list(
        page: Any, hangzhou: Site) -> None:
    login(page, hangzhou, "admin")
    page.get_by_role("link", name="待办提示").click()
    table = counts(page)
    assert table["提示类别"] == [T2, T1, "跨乡镇", "合计"]
    assert table["逾期未报到"] == ["2", "2", "0", "4"]  # 孙二 and 周三; 张外出 and 钱一
    assert table["流入地应建未建支部"] == ["0", "0", "1", "1"]
    assert table["企业应建未建党组织"] == ["0", "0", "0", "0"], "no enterprise registered there"
    assert table["口袋党员"] == ["0", "0", "0", "0"]
    shot(page, "06-待办提示")
    page.locator("#counts tr[data-kind=report_in_overdue] td").nth(0).get_by_role("link").click()
    rows = listed(page)
    assert sorted(r[2] for r in rows) == ["周三", "孙二"] and {r[3] for r in rows} == {T2}
    assert "符合条件的提示 2 条" in page.locator("#found").inner_text()
    assert page.get_by_label("提示类别").input_value() == "report_in_overdue"
    sheet = download(page)
    assert sheet[0] == ["提示类别", "提示", "党员", "所属乡镇党委", "详情", "截至日期"]
    assert [r[:5] for r in sheet[1:]] == rows, "the download holds the rows the page lists"
    page.get_by_role("link", name="孙二").click()
    page.wait_for_load_state()  # is_visible() does not wait for the page
    assert page.get_by_role("heading", name="孙二").is_visible()


def test_a_place_flag_links_each_member_and_the_filters_narrow_the_list(page: Any, hangzhou: Site) -> None:
    login(page, hangzhou, "auditor")
    page.goto(f"{hangzhou.url}/ui/flags")
    page.get_by_label("提示类别").select_option("no_branch_at_destination")
    page.get_by_label("截至日期").fill("2025-02-09")  # 30 days after they left: not yet overdue, already a gathering
    page.get_by_role("button", name="查询").click()
    rows = listed(page)
    assert rows == [["流入地应建未建支部", "流入地有3名正式党员未在当地党组织报到，且未建立流动党员党支部",
                     "周三、孙二、钱一", "跨乡镇", "浙江省杭州市：周三、孙二、钱一"]]
    assert page.locator("#flag-list").get_by_role("link").count() == 3
    # on 2025-02-09, from the log: 张外出, and 党员2 (away in Shanghai then, unreported, died 2025-04-01);
    # 赤溪镇's 党员41, away in Xi'an then, unreported, home since 2025-03-10 (tests/support/trips.py)
    assert counts(page)["逾期未报到"] == ["1", "2", "0", "3"]
    assert [r[:5] for r in download(page)[1:]] == rows


def test_a_township_officer_sees_only_their_township(page: Any, hangzhou: Site) -> None:
    login(page, hangzhou, "t1_officer")
    page.goto(f"{hangzhou.url}/ui/flags")
    table = counts(page)
    assert table["提示类别"] == [T1, "合计"]
    assert table["逾期未报到"] == ["2", "2"]
    assert table["流入地应建未建支部"] == ["0", "0"], "one of 长赤镇's members in Hangzhou makes no gathering"
    names = {r[2] for r in listed(page)}
    assert names == {"张外出", "钱一"}
    assert {r[2] for r in download(page)[1:]} == names
    answer = page.goto(f"{hangzhou.url}/ui/flags?township={hangzhou.county.t2}")
    assert answer.status == 403 and "管辖范围" in page.locator(".error").inner_text()


def test_the_api_filters_flags_by_kind_and_refuses_an_unknown_kind(hangzhou: Site) -> None:
    headers = {"Authorization": f"Bearer {hangzhou.tokens['t2_officer']}"}
    with httpx.Client(base_url=hangzhou.url, headers=headers) as api:
        found = api.get("/flags", params={"kind": "report_in_overdue", "as_of": "2025-06-01"}).json()
        assert sorted((f["name"], f["township_name"]) for f in found) == [("周三", T2), ("孙二", T2)]
        refused = api.get("/flags", params={"kind": "pocket"})
        assert refused.status_code == 422 and "提示类别应为" in refused.text


def test_the_download_writes_names_and_details_that_look_like_formulas_as_text() -> None:
    hostile = {"kind": "no_branch_at_employer", "label": "同一单位有3名正式党员外出", "detail": "=HYPERLINK(\"x\")：@甲",
               "member_id": None, "name": None, "township_id": None, "township_name": None,
               "members": [{"member_id": "1", "name": "=1+2"}, {"member_id": "2", "name": "＋乙"}]}
    target = io.BytesIO()
    assert write_flags(target, [hostile], date(2025, 6, 1)) == 1
    with zipfile.ZipFile(io.BytesIO(target.getvalue())) as package:
        sheets = [package.read(n) for n in package.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in xml or b"<f " in xml for xml in sheets), "no formula in the file"
    row = next(load_workbook(target)["待办提示"].iter_rows(min_row=2))
    assert [c.value for c in row[2:5]] == ["=1+2、＋乙", "跨乡镇", "=HYPERLINK(\"x\")：@甲"]
    assert row[2].data_type == row[4].data_type == "s" and row[2].quotePrefix and row[4].quotePrefix
