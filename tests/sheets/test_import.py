"""Importing a legacy register sheet: a dry run reports every bad row with
its row, column and rule and stores nothing; a real import is all or
nothing, idempotent per member, marked as imported."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from domain.ids import member_id
from domain.ledger import Ledger
from domain.member import Member
from sheets.importer import import_sheet
from tests.support.stores import Store, TEST_KEY
from tests.support.county import SmallCounty, id_number
from tests.support.helpers import cli_env, head
from tests.support.legacy_sheet import HEADERS, good_row, write_sheet


def read(path: Path) -> bytes:
    return path.read_bytes()


def test_a_clean_sheet_imports_every_row_once(ledger: Ledger, county: SmallCounty, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path / "good.xlsx", [good_row(1), good_row(2, **{"是否失联": "是"}),
                                                 good_row(3, **{"流入地党组织": "上海市松江区某街道党工委",
                                                                "外出地点": "上海市", "报到日期": "2023-04-01"})])
    before = head(ledger)
    dry = import_sheet(ledger, county.admin, read(sheet), "good.xlsx")
    assert (dry.importable, dry.refused, dry.stored) == ([3, 4, 5], [], False)
    assert head(ledger) == before, "a dry run stores nothing"
    real = import_sheet(ledger, county.admin, read(sheet), "good.xlsx", dry_run=False)
    assert real.stored and real.events > 15 and head(ledger) > before
    member = ledger.load(Member, member_id(id_number(date(1980, 1, 2), 102), TEST_KEY))
    assert member is not None and member.status == "lost_contact"
    third = ledger.load(Member, member_id(id_number(date(1980, 1, 2), 103), TEST_KEY))
    assert third is not None and third.status == "reported_in" and third.absence.city == "上海市"
    again = import_sheet(ledger, county.admin, read(sheet), "good.xlsx", dry_run=False)
    assert not again.stored and [d["row"] for d in again.duplicates] == [3, 4, 5]
    assert head(ledger) == before + real.events, "importing the same file twice adds nothing"
    stored = [ledger.mapper.to_domain_event(n) for n in ledger.recorder.select_notifications(before + 1, 1000)]
    assert {e.via for e in stored} == {"import"} and {e.actor for e in stored} == {str(county.admin)}


BAD = {  # what is wrong -> (the row, the column the report names, the rule's term)
    "missing name": (good_row(10, 名字=None), "姓名", "必填项"),
    "bad ID checksum": (good_row(11, 公民身份号码=id_number(date(1980, 1, 2), 111)[:-1] + "0"), "身份证号", "身份证号"),
    "ID too short": (good_row(12, 公民身份号码="51192219800102"), "身份证号", "身份证号"),
    "future departure": (good_row(13, 外出日期=date(2031, 1, 1)), "外出时间", "发生日期"),
    "unknown township": (good_row(14, 乡镇="中共不存在镇委员会"), "所属乡镇", "组织名称"),
    "unknown branch": (good_row(15, 党支部="长赤镇不存在村党支部"), "所在支部", "组织名称"),
    "text in a date column": (good_row(16, 入党日期="二〇〇五年七月"), "入党时间", "日期格式"),
    "bad phone": (good_row(17, 联系电话="12345"), "联系方式", "联系方式"),
    "unknown gender": (good_row(18, 性别="男性"), "性别", "取值范围"),
    "unknown standing": (good_row(19, 党员身份="入党积极分子"), "正式/预备", "取值范围"),
    "unknown industry": (good_row(20, 行业="互联网"), "从事行业", "取值范围"),
    "bad review": (good_row(21, 民主评议结果="良好"), "最近评议结果", "取值范围"),
    "bad yes/no": (good_row(22, 是否失联="可能"), "是否失联", "取值范围"),
    "departure without destination": (good_row(23, 外出地点=None), "流向地", "必填项"),
    "unknown inflow organisation": (good_row(24, 流入地党组织="北京市某街道党工委"), "流入地党组织", "组织名称"),
    "missing joining date": (good_row(25, 入党日期=None), "入党时间", "必填项"),
    "bad month": (good_row(26, 党费缴至="2024-13"), "党费交至年月", "年月"),
    "future contact": (good_row(27, 最后联系时间="2030-01-01"), "最近联系时间", "发生日期"),
}


def test_a_sheet_of_bad_rows_is_reported_row_by_row_and_stores_nothing(
        ledger: Ledger, county: SmallCounty, tmp_path: Path) -> None:
    rows = [good_row(1)]  # row 3
    expected = {}
    for kind, (row, column, rule) in BAD.items():
        rows.append(row)
        expected[len(rows) + 2] = (kind, column, rule)
    rows.append(good_row(1, 名字="重复的人"))  # same ID number as row 3
    duplicate_id = len(rows) + 2
    rows.append(good_row(40, 流动党员活动证编号="南江旧证-001"))  # same certificate as row 3
    duplicate_cert = len(rows) + 2
    rows.append([None] * len(HEADERS))  # an empty row in the middle
    empty = len(rows) + 2
    rows.append(HEADERS)  # a second header row
    header_again = len(rows) + 2
    rows.append(good_row(41))  # its 所在支部 merged with the row below
    rows.append(good_row(42, 党支部=None))
    merged = len(rows) + 1
    rows.append(good_row(43))
    sheet = write_sheet(tmp_path / "bad.xlsx", rows, merge=f"I{merged}:I{merged + 1}")
    before = head(ledger)
    report = import_sheet(ledger, county.admin, read(sheet), "bad.xlsx")
    found = {r.row: (r.column, r.rule) for r in report.refused}
    for row, (kind, column, rule) in expected.items():
        assert found.get(row) == (column, rule), f"{kind} (row {row}): {found.get(row)}"
    assert found[duplicate_id] == ("身份证号", "重复") and found[duplicate_cert] == ("活动证编号", "重复")
    assert found[header_again] == (None, "表头")
    assert found[merged] == (None, "合并单元格") and found[merged + 1] == (None, "合并单元格")
    assert [s["row"] for s in report.skipped] == [empty]
    assert report.importable == [3, merged + 2]
    assert len(set(found)) == len(BAD) + 5 >= 20
    assert head(ledger) == before
    real = import_sheet(ledger, county.admin, read(sheet), "bad.xlsx", dry_run=False)
    assert not real.stored and head(ledger) == before, "a real import with a bad row stores nothing"


def test_a_mapping_file_names_headers_the_variants_do_not_know(
        ledger: Ledger, county: SmallCounty, tmp_path: Path) -> None:
    row = good_row(5)
    sheet = write_sheet(tmp_path / "odd.xlsx", [row], title=False)
    from openpyxl import load_workbook

    book = load_workbook(sheet)
    book.active.cell(row=1, column=HEADERS.index("外出地点") + 1, value="打工去向")
    book.save(sheet)
    plain = import_sheet(ledger, county.admin, read(sheet), "odd.xlsx")
    assert plain.refused and plain.refused[0].column == "流向地"
    mapped = import_sheet(ledger, county.admin, read(sheet), "odd.xlsx", overrides={"打工去向": "流向地"})
    assert mapped.importable == [2] and mapped.mapping["打工去向"] == "destination"


def test_the_cli_imports_with_a_progress_bar_and_refuses_a_file_that_is_no_sheet(
        store: Store, ledger: Ledger, county: SmallCounty, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path / "good.xlsx", [good_row(1), good_row(2)])
    run = [sys.executable, "-m", "cli.main", "import", "register", str(sheet), "--as", str(county.admin)]
    done = subprocess.run(run + ["--dry-run", "--report", str(tmp_path / "r.json")], env=cli_env(store),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["importable"] == [3, 4]
    before = head(ledger)
    done = subprocess.run(run, env=cli_env(store), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "已导入" in done.stdout, done.stderr
    assert head(ledger) > before
    (tmp_path / "not.xlsx").write_text("姓名,身份证号\n", encoding="utf-8")
    done = subprocess.run([*run[:5], str(tmp_path / "not.xlsx"), *run[6:]], env=cli_env(store),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "不是有效的 .xlsx 文件" in done.stderr


