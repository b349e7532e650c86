"""Text that a spreadsheet would run as a formula (=, +, -, @ first) stays
text in every export: an xlsx text cell, a neutralised CSV cell; and an
import reads a text cell holding “=1+2” as those four characters."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from domain.ids import member_id
from domain.member import Member
from sheets.importer import import_sheet
from tests.api.conftest import Api
from tests.api.test_commands import AWAY, MEMBER
from tests.support.county import id_number
from tests.support.helpers import cli_env, liudong
from tests.support.legacy_sheet import HEADERS, good_row, write_sheet
from tests.support.stores import Store, open_store

NAMES = ('=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(1,2)")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """What these tests check does not depend on the store: the SQLite file is enough."""
    with open_store("sqlite", tmp_path) as opened:
        yield opened



def hostile_members(api: Api) -> None:
    """Five full members away with names, a reason, a destination and an
    employer that start like formulas (enough for the 待办提示 sheet to name them)."""
    for seq, name in enumerate(NAMES, start=1):
        body = {**MEMBER, "name": name, "id_number": id_number(date(1985, 3, 4), 200 + seq),
                "branch_id": str(api.county.b1)}
        answer = api.post("t1_officer", "/members", body)
        assert answer.status_code == 201, answer.json()
        away = {**AWAY, "reason": "=1+2", "province": "+四川省", "city": "-成都市", "employer": "@某公司"}
        answer = api.post("t1_officer", f"/members/{answer.json()['subject_id']}/departures", away)
        assert answer.status_code == 201, answer.json()
    api.sync()


def assert_no_formula(workbook: bytes) -> list[Any]:
    """Every text cell of every sheet is a string cell and no sheet holds a formula; returns the values."""
    with zipfile.ZipFile(io.BytesIO(workbook)) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in package.read(name) and b"<f " not in package.read(name), name
    book = load_workbook(io.BytesIO(workbook))
    assert book.sheetnames == ["台账", "统计", "待办提示"]
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    values.append(cell.value)
    return values


def test_names_reasons_and_employers_that_look_like_formulas_are_text_in_every_sheet(api: Api) -> None:
    hostile_members(api)
    answer = api.get("admin", "/register.xlsx")
    assert answer.status_code == 200
    values = assert_no_formula(answer.content)
    for text in (*NAMES, "=1+2", "@某公司", "+四川省-成都市"):
        assert text in values, text
    names = [row[0] for row in load_workbook(io.BytesIO(answer.content))["台账"].iter_rows(min_row=2)]
    assert all(cell.quotePrefix for cell in names), "stays text when edited in Excel"


def test_csv_cells_that_start_like_a_formula_begin_with_a_single_quote(api: Api) -> None:
    hostile_members(api)
    answer = api.get("admin", "/register.csv")
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + len(NAMES)
    assert sorted(r[0] for r in rows[1:]) == sorted("'" + n for n in NAMES)
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert {(r["外出原因"], r["流向地"], r["工作单位"]) for r in body} == {("'=1+2", "'+四川省-成都市", "'@某公司")}
    assert not [c for r in rows for c in r if c.startswith(TRIGGERS)]


def test_the_full_migration_export_keeps_formulas_out_of_xlsx_and_csv(api: Api, store: Store, tmp_path: Path) -> None:
    hostile_members(api)
    env = cli_env(store)
    for suffix in ("xlsx", "csv"):
        target = tmp_path / f"full.{suffix}"
        done = liudong(env, "export", "register", str(target), "--full", "--as", str(api.county.admin))
        assert done.returncode == 0, done.stderr
        if suffix == "xlsx":
            values = assert_no_formula(target.read_bytes())
            assert set(NAMES) <= set(values)
        else:
            rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
            assert sorted(r[0] for r in rows[1:]) == sorted("'" + n for n in NAMES)
            assert not [c for r in rows for c in r if c.startswith(TRIGGERS)]


def test_an_imported_text_cell_holding_a_formula_is_imported_as_that_text(api: Api, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "s.xlsx", [good_row(1)])
    book = load_workbook(path)
    sheet = book.active
    for column, text in (("名字", "=1+2"), ("务工单位", "@某公司"), ("外出原因", "-外出")):
        cell = sheet.cell(row=3, column=HEADERS.index(column) + 1)
        cell.value = text
        cell.data_type = "s"  # a text cell, as Excel stores '=1+2
    book.save(path)
    ledger = api.service.ledger
    report = import_sheet(ledger, api.county.admin, path.read_bytes(), "s.xlsx", dry_run=False)
    assert report.refused == [] and report.stored
    member = ledger.load(Member, member_id(good_row(1)[HEADERS.index("公民身份号码")], ledger.identity_key))
    assert member is not None and member.name == "=1+2"
    assert member.absence is not None and (member.absence.employer, member.absence.reason) == ("@某公司", "-外出")
