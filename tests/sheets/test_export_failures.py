"""An export that cannot be made says so before it starts: filters are
checked before the CSV's first byte goes out (a complete file or a clear
4xx, never a stream cut short), and a failed xlsx leaves no temporary file."""

from __future__ import annotations

import csv
import io
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest

import sheets.export
from tests.api.conftest import Api
from tests.sheets.test_http import away_members
from tests.support.helpers import cli_env, liudong
from tests.support.stores import Store

COMPLETE = ({"status": "no-such-status"}, {"industry": "互联网"}, {"category": "x"}, {"province": "%"},
            {"name": "_"}, {"status": "ended", "include_ended": "true"}, {"city": "上海市", "include_ended": "false"})
REFUSED = ({"org_id": str(uuid.UUID(int=7))}, {"province": "四川\x00省"}, {"name": "\x00"}, {"city": "成\x0b都"},
           {"name": "张" * 101})


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The directory temporary files go to, for this test only."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_odd_filters_answer_a_complete_csv(api: Api) -> None:
    away_members(api)
    for params in COMPLETE:
        answer = api.get("admin", "/register.csv", **params)
        assert answer.status_code == 200, params
        text = answer.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][:3] == ["姓名", "性别", "出生年月"] and text.endswith("\r\n"), params
        assert all(len(r) == len(rows[0]) for r in rows), params


def test_filters_that_cannot_match_are_refused_before_the_csv_starts(api: Api) -> None:
    away_members(api)
    for params in REFUSED:
        for path in ("/register.csv", "/register.xlsx"):
            answer = api.get("admin", path, **params)
            assert answer.status_code in (404, 422), (params, path, answer.status_code)
            detail = answer.json()["detail"]
            assert detail["field"] in params and detail["message"], detail


def test_a_failed_xlsx_export_leaves_no_temporary_file(api: Api, temp: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    away_members(api)

    def broken(*args: Any) -> None:
        raise OSError("磁盘已满")

    monkeypatch.setattr(sheets.export, "_flags_sheet", broken)  # fails after the register's rows are written
    assert api.get("admin", "/register.xlsx").status_code == 500
    assert list(temp.iterdir()) == []
    assert api.get("admin", "/register.xlsx", org_id=str(uuid.UUID(int=7))).status_code == 404
    assert list(temp.iterdir()) == []


def test_a_sent_xlsx_export_leaves_no_temporary_file(api: Api, temp: Path) -> None:
    away_members(api)
    assert api.get("admin", "/register.xlsx").status_code == 200
    assert list(temp.iterdir()) == []


def test_the_cli_refuses_an_unknown_organisation_before_it_writes_a_file(api: Api, store: Store,
                                                                         tmp_path: Path) -> None:
    for name in ("台账.csv", "台账.xlsx"):
        done = liudong(cli_env(store), "export", "register", str(tmp_path / name), "--org", str(uuid.UUID(int=7)))
        assert done.returncode == 1 and "找不到该组织" in done.stderr, done.stderr
        assert not (tmp_path / name).exists()
