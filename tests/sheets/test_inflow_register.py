"""The 流入党员台账 as a spreadsheet: a migration export imports into a store with
the same organisations and no inflow members, and exports the same, cell by
cell; a bad row is refused naming its row and column in Chinese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from domain.ledger import Ledger
from service.bootstrap import build_service
from service.settings import Settings
from sheets.inflow_columns import INFLOW_COLUMNS
from sheets.inflow_export import export_inflow_register
from sheets.inflow_import import import_inflow_sheet
from tests.sheets.test_round_trip import cells, copy_skeleton, second  # noqa: F401  (`second`: a fixture)
from tests.support.county import SmallCounty, build_small_county
from tests.support.inflow import inflow_id_number, inflow_stories
from tests.support.stores import Store


def test_a_migration_export_of_the_inflow_register_imports_and_exports_the_same(
        store: Store, second: Settings, tmp_path: Path) -> None:  # noqa: F811
    ledger = store.ledger()
    county = build_small_county(ledger)
    inflow_stories(ledger, county)
    first = build_service(store.settings)
    first.runner.up_to_date()
    exported = tmp_path / "first.xlsx"
    assert export_inflow_register(first, {}, exported, full=True) == 5
    rows = cells(exported, "流入党员台账")
    assert rows[0] == tuple(c.header for c in INFLOW_COLUMNS)
    assert {len(str(r[3])) for r in rows[1:]} == {18}, "full ID numbers in a migration export"

    target = build_service(second)
    copy_skeleton(first, target)
    report = import_inflow_sheet(target.ledger, county.admin, exported.read_bytes(), "first.xlsx", dry_run=False)
    assert report.refused == [] and report.stored and len(report.importable) == 5
    target.runner.up_to_date()
    again = tmp_path / "second.xlsx"
    export_inflow_register(target, {}, again, full=True)
    assert cells(again, "流入党员台账") == rows
    twice = import_inflow_sheet(target.ledger, county.admin, exported.read_bytes(), "first.xlsx", dry_run=False)
    assert (len(twice.duplicates), twice.stored) == (5, False)  # importing a file twice adds nothing
    masked = tmp_path / "masked.xlsx"
    export_inflow_register(target, {"org_id": county.t1}, masked)  # an ordinary export: masked, for a subtree
    assert [(r[0], r[3], r[5]) for r in cells(masked, "流入党员台账")[1:]] == [
        (r[0], "*" * 14 + str(r[3])[-4:], f"{str(r[5])[:3]}****{str(r[5])[-4:]}") for r in rows[1:3]]
    first.close()
    target.close()


def test_bad_rows_are_refused_by_row_and_column_and_nothing_is_stored(
        ledger: Ledger, county: SmallCounty, tmp_path: Path) -> None:
    headers = ["姓名", "身份证号", "正式/预备", "联系电话", "原所在县（市、区）", "原所在党组织", "工作（居住）地点",
               "接收党组织", "到达时间", "最近评议意见"]
    good = ["张三", inflow_id_number(1), "正式", "13900000001", "成都市锦江区", "某社区党委", "长赤镇", "长赤镇红旗村党支部",
            date(2025, 1, 10), "2024年度合格"]
    book = Workbook()
    sheet = book.active
    sheet.title = "流入党员台账"
    for row in (headers, good, [*good[:1], "51010419900506001X", *good[2:]],
                [*good[:7], "长赤镇流动党员服务站", *good[8:]], [*good[:9], "2024年度很好"],
                [*good[:1], inflow_id_number(2), *good[2:8], date(2026, 1, 1), None]):
        sheet.append(row)
    path = tmp_path / "流入.xlsx"
    book.save(path)
    before = ledger.recorder.max_notification_id()
    report = import_inflow_sheet(ledger, county.admin, path.read_bytes(), path.name, dry_run=False)
    assert [(r.row, r.column, r.rule) for r in report.refused] == [
        (3, "身份证号", "身份证号"), (4, "接收党组织", "组织名称"), (5, "最近评议意见", "取值范围"), (6, "到达时间", "发生日期")]
    assert report.refused[1].message == "组织名称：找不到本县党组织“长赤镇流动党员服务站”"
    assert report.importable == [2] and not report.stored
    assert ledger.recorder.max_notification_id() == before
