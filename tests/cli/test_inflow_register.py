"""`liudong export inflow-register` and `liudong import inflow-register` as real
processes (on SQLite: the store code is the sheets tests' concern)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from service.bootstrap import build_ledger
from tests.support.county import build_small_county
from tests.support.helpers import cli_env, liudong
from tests.support.inflow import inflow_stories
from tests.support.stores import NOW, Clock, Store


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_the_inflow_register_goes_out_and_comes_back(store: Store, tmp_path: Path) -> None:
    ledger = build_ledger(store.settings, Clock(NOW))  # the key the command line derives, not the tests' own
    store.ledgers.append(ledger)
    county = build_small_county(ledger)
    inflow_stories(ledger, county)
    env, admin = cli_env(store), str(county.admin)
    full = tmp_path / "迁移.xlsx"

    done = liudong(env, "export", "inflow-register", str(full), "--full", "--as", admin, "--reason", "换服务器")
    assert done.returncode == 0, done.stderr
    assert "（5 行）" in done.stdout
    rows = list(load_workbook(full, read_only=True)["流入党员台账"].iter_rows(values_only=True))
    assert len(rows) == 6 and all(len(str(r[3])) == 18 for r in rows[1:])
    views = ViewStore(store.env)
    Runner(ledger, views).up_to_date()
    exported = Queries(ledger, views).audit(topic="liudong.county.RegisterExported").rows
    views.close()
    assert [(r["actor"], r["summary"]) for r in exported] == [(admin, "导出完整台账：5行；流入党员台账：换服务器")]

    again = liudong(env, "import", "inflow-register", str(full), "--as", admin, "--dry-run")
    assert again.returncode == 0, again.stderr
    assert "已在台账中 5 行" in again.stdout  # already registered: skipped (bad rows: tests/sheets)
