"""Migration export of the demo county, import into a store with the same
organisation tree and officers but no members, export again: the register
and its statistics are equal cell by cell, but for the contact figures (the
register keeps 最近联系时间, not whether that contact reached the member)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from eventsourcing.persistence import StoredEvent
from openpyxl import load_workbook

from demo import load_demo
from service.bootstrap import Service, build_service
from service.settings import Settings
from sheets.export import export_register
from sheets.importer import import_sheet
from tests.support.stores import Store, TEST_KEY
from tests.support.helpers import cli_env
from tests.support.postgres import fresh_schema

END = date(2026, 11, 24)
SKELETON = ("liudong.county.", "liudong.organisation.", "liudong.officer.", "liudong.credential.")


@pytest.fixture
def second(store: Store, tmp_path: Path) -> Iterator[Settings]:
    """Another empty store of the same kind, with the same keys."""
    if store.kind == "sqlite":
        yield Settings(db=tmp_path / "second.db", database_url=None, secret_key=TEST_KEY.hex())
        return
    with fresh_schema(store.settings.database_url or "") as schema:
        yield Settings(database_url=store.settings.database_url, pg_schema=schema, secret_key=TEST_KEY.hex())


def copy_skeleton(source: Service, target: Service) -> None:
    """The county, its organisations, officers and tokens, and nothing about members."""
    kept, events = set(), []
    for n in source.ledger.recorder.select_notifications(1, 10**7):
        if n.originator_version == 1 and n.topic.startswith(SKELETON):
            kept.add(n.originator_id)
        if n.originator_id in kept:
            events.append(StoredEvent(n.originator_id, n.originator_version, n.topic, n.state))
    target.ledger.recorder.insert_events(events)


def cells(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return list(load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))


CONTACT = ("近期联系", "联系率（%）")


def without_contact(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The 统计 sheet without its contact figures: their rows, and their column in each table."""
    kept, column = [], None
    for row in rows:
        if row and row[0] in CONTACT:
            continue
        if row and "联系率（%）" in row:
            column = row.index("联系率（%）")
        elif not row or row[0] is None:
            column = None
        kept.append(row if column is None else row[:column] + row[column + 1:])
    return kept


def test_a_migration_export_imports_into_an_empty_store_and_exports_the_same(
        store: Store, second: Settings, tmp_path: Path) -> None:
    first = build_service(store.settings)
    county = load_demo(first.ledger, end=END, scale=0.02)
    first.close()
    exported = tmp_path / "first.xlsx"
    done = subprocess.run([sys.executable, "-m", "cli.main", "export", "register", str(exported), "--full",
                           "--as", county.admin_id, "--reason", "迁移到新服务器"], env=cli_env(store),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    first = build_service(store.settings)
    first.runner.up_to_date()
    recorded = first.queries.audit(topic="liudong.county.RegisterExported", size=5).rows
    assert [(r["actor"], "迁移到新服务器" in r["summary"]) for r in recorded] == [(county.admin_id, True)]
    rows = cells(exported, "台账")
    assert len(rows) - 1 == first.queries.register(size=1).total > 300
    assert all(len(str(r[4])) == 18 for r in rows[1:]), "full ID numbers in a migration export"

    target = build_service(second)
    copy_skeleton(first, target)
    report = import_sheet(target.ledger, county.admin_id, exported.read_bytes(), "first.xlsx", dry_run=False)
    assert report.refused == [] and report.stored and len(report.importable) == len(rows) - 1
    target.runner.up_to_date()
    again = tmp_path / "second.xlsx"
    export_register(target, {}, again, as_of=target.today(), full=True)
    assert cells(again, "台账") == cells(exported, "台账")
    assert without_contact(cells(again, "统计")) == without_contact(cells(exported, "统计"))
    imported = target.queries.audit(topic="liudong.certificate.LegacyIssued", size=1).rows
    assert imported and imported[0]["summary"].endswith("（旧台账导入）")
    first.close()
    target.close()

