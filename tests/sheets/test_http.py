"""The register as a spreadsheet over HTTP: same filters and jurisdiction as
the register query, masked personal data, real dates, three sheets; CSV with
a BOM; imports for county admins only."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from domain.commands import RecordDeparture
from tests.api.conftest import Api
from tests.support.county import member_command
from tests.support.legacy_sheet import good_row, write_sheet


def away_members(api: Api) -> None:
    c = api.county
    for seq, branch, officer in ((1, c.b1, c.t1_officer), (2, c.b1, c.t1_officer), (3, c.b2, c.t2_officer)):
        member = api.service.ledger.execute(officer, member_command(branch, seq)).subject_id
        api.service.ledger.execute(officer, RecordDeparture(
            member_id=member, reason="外出务工", province="四川省", city="成都市", industry="construction",
            expected_months=12, contact_phone="13912345678", effective_on=date(2024, 3, 1)))
    api.sync()


def test_the_xlsx_export_is_the_register_as_staff_keep_it(api: Api) -> None:
    away_members(api)
    answer = api.get("admin", "/register.xlsx")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in answer.headers["content-disposition"]
    book = load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["台账", "统计", "待办提示"]
    sheet = book["台账"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:5] == ("姓名", "性别", "出生年月", "民族", "身份证号") and "活动证编号" in header
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["E"].width >= 18
    first = dict(zip(header, rows[1], strict=True))
    assert first["身份证号"].startswith("**************") and first["联系方式"] == "139****5678"
    assert isinstance(first["外出时间"], datetime) and first["外出时间"].date() == date(2024, 3, 1)
    assert sheet.cell(row=2, column=header.index("外出时间") + 1).number_format == "yyyy-mm-dd"
    assert first["流向地"] == "四川省成都市" and first["从事行业"] == "建筑" and first["是否失联"] == "否"
    stats = {r[0]: r[1] for r in book["统计"].iter_rows(values_only=True) if r and r[0]}
    assert stats["外出党员"] == 3 and stats["持证率（%）"] == 0


def test_an_officer_exports_only_their_jurisdiction(api: Api) -> None:
    away_members(api)
    book = load_workbook(io.BytesIO(api.get("t1_officer", "/register.xlsx").content))
    rows = list(book["台账"].iter_rows(values_only=True))[1:]
    assert len(rows) == 2 and {r[9] for r in rows} == {"长赤镇红旗村党支部"}
    assert api.get("t1_officer", "/register.xlsx", org_id=str(api.county.t2)).status_code == 403
    filtered = load_workbook(io.BytesIO(api.get("admin", "/register.xlsx", org_id=str(api.county.t2)).content))
    assert len(list(filtered["台账"].iter_rows(values_only=True))) == 2


def test_the_csv_export_has_a_bom_and_the_same_rows(api: Api) -> None:
    away_members(api)
    answer = api.get("admin", "/register.csv")
    assert answer.status_code == 200 and answer.content.startswith(b"\xef\xbb\xbf")
    lines = answer.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("姓名,性别,出生年月") and len(lines) == 4
    assert ",2024-03-01," in lines[1]


def test_only_a_county_admin_imports_and_the_default_is_a_dry_run(api: Api, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path / "s.xlsx", [good_row(1), good_row(2, 名字=None)]).read_bytes()
    files = {"file": ("旧台账.xlsx", sheet, "application/octet-stream")}
    assert api.client.post("/imports", files=files, headers=api.headers("t1_officer")).status_code == 403
    head = api.service.ledger.recorder.max_notification_id()
    report = api.client.post("/imports", files=files, headers=api.headers("admin")).json()
    assert report["dry_run"] and report["importable"] == [3]
    assert report["refused"] == [{"row": 4, "column": "姓名", "rule": "必填项", "message": "必填项：姓名不能为空"}]
    assert api.service.ledger.recorder.max_notification_id() == head
    good = write_sheet(tmp_path / "g.xlsx", [good_row(1)]).read_bytes()
    stored = api.client.post("/imports", params={"dry_run": "false"}, headers=api.headers("admin"),
                             files={"file": ("g.xlsx", good, "application/octet-stream")}).json()
    assert stored["stored"] and api.get("admin", "/register", name="旧台账党员1").json()["total"] == 1
    renamed = write_sheet(tmp_path / "r.xlsx", [good_row(3)], title=False)
    from openpyxl import load_workbook

    book = load_workbook(renamed)
    book.active.cell(row=1, column=2, value="党员名字")
    book.save(renamed)
    mapped = api.client.post("/imports", headers=api.headers("admin"), files={
        "file": ("r.xlsx", renamed.read_bytes(), "application/octet-stream"),
        "mapping": ("map.json", '{"党员名字": "姓名"}'.encode(), "application/json")}).json()
    assert mapped["importable"] == [2] and mapped["mapping"]["党员名字"] == "name"
    bad = api.client.post("/imports", headers=api.headers("admin"),
                          files={"file": ("x.xlsx", b"not a sheet", "application/octet-stream")})
    assert bad.status_code == 422 and bad.json()["detail"]["field"] == "file"
