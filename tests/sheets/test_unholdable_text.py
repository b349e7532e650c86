"""Text already stored that a format cannot hold (control characters, lone
surrogates, U+FFFE) never fails an export: each such character is written
as U+FFFD, in every sheet and in CSV; tab and line breaks are kept."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import domain.fields
from domain.commands import RecordDeparture
from sheets.columns import COLUMNS
from sheets.export import csv_lines, write_xlsx
from tests.api.conftest import Api
from tests.support.county import member_command
from tests.support.stores import Store, open_store

BAD = "\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x85\x9f\ud800\udfff\ufffe\uffff"
KEPT = "甲\t乙\n丙\r丁"
R = "\ufffd"

@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """What these tests check does not depend on the store: the SQLite file is enough."""
    with open_store("sqlite", tmp_path) as opened:
        yield opened



def row_of(text: str) -> list[Any]:
    """A register row (as the export writes it) whose text cells all hold `text`."""
    return [text if c.kind == "text" else None for c in COLUMNS]


def stats_of(text: str) -> dict[str, Any]:
    """Statistics whose every text holds `text` (and whose figures are all 1)."""
    figures = dict.fromkeys(("members", "away", "holding", "lapsed", "holding_rate", "eligible", "eligible_holding",
                             "eligible_holding_rate", "missing", "reported_in", "reported_in_rate", "lost_contact",
                             "lost_contact_rate", "contacted_recently", "contact_rate"), 1)
    return {**figures, "as_of": text, "by_township": [{"township_name": text, **figures}],
            "by_destination": [{"province": text, "city": text, **figures}],
            "by_industry": [{"industry": text, "members": 1}], "by_category": [{"category": text, "members": 1}]}


def test_the_workbook_writes_each_character_it_cannot_hold_as_a_replacement_character() -> None:
    target = io.BytesIO()
    text = "张" + BAD + KEPT
    write_xlsx(target, [row_of(text)], stats_of(text), [{"label": text, "name": text, "detail": text}], text)
    book = load_workbook(io.BytesIO(target.getvalue()))
    expected = "张" + R * len(BAD) + "甲\t乙\n丙\r丁"
    for sheet in book.worksheets:
        texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
        assert expected in texts, sheet.title
        assert not [t for t in texts if any(ch in BAD for ch in t)], sheet.title


def test_the_csv_writes_each_character_it_cannot_hold_as_a_replacement_character() -> None:
    text = "张" + BAD + KEPT
    encoded = "".join(csv_lines([row_of(text)])).encode("utf-8")  # a lone surrogate would fail here
    rows = list(csv.reader(io.StringIO(encoded.decode("utf-8-sig"), newline="")))
    assert rows[1][0] == "张" + R * len(BAD) + "甲\t乙\n丙\r丁"


def test_a_member_stored_with_a_control_character_is_still_exported(api: Api,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # Stored before the input boundary refused such characters: the domain's check is lifted for this test.
    monkeypatch.setattr(domain.fields, "storable", lambda text: True, raising=False)
    c = api.county
    member = api.service.ledger.execute(c.t1_officer, member_command(c.b1, 1, name="李\x0b四")).subject_id
    api.service.ledger.execute(c.t1_officer, RecordDeparture(
        member_id=member, reason="外出\x01务工", province="四川省", city="成都市", industry="construction",
        expected_months=12, contact_phone="13912345678", employer="某\x1f公司", effective_on=date(2024, 3, 1)))
    api.service.ledger.execute(c.t1_officer, member_command(c.b1, 2, name="王五"))
    api.sync()
    answer = api.get("admin", "/register.xlsx")
    assert answer.status_code == 200, answer.text
    book = load_workbook(io.BytesIO(answer.content))
    rows = list(book["台账"].iter_rows(values_only=True))
    by_name = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert set(by_name) == {"李\ufffd四", "王五"}
    assert (by_name["李\ufffd四"]["外出原因"], by_name["李\ufffd四"]["工作单位"]) == ("外出\ufffd务工", "某\ufffd公司")
    flagged = {r[1] for r in book["待办提示"].iter_rows(values_only=True)}
    assert "李\ufffd四" in flagged
    answer = api.get("admin", "/register.csv")
    assert answer.status_code == 200
    lines = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert sorted(r[0] for r in lines[1:]) == ["李\ufffd四", "王五"]
