"""Writes a fixture store: a small county's log as the code of the day stores
it (events, seals, views), and the answers of a few queries, for
tests/store/test_old_stores.py to open with the newest code.

    .venv/bin/python -m tests.support.stored_fixture tests/fixtures/stored-vN

Run it only into a NEW directory, named after what its events are (stored-v1:
every event at class_version 1), when a change of the events is about to
land; never over a committed one: those files are the proof that events
written by older code still load, rebuild, verify and answer the same.
Keys: TEST_KEY (tests/support/stores.py); clock: NOW, so answers that depend
on today use as_of = AS_OF.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

from domain.commands import CorrectEvent, RecordContact, RecordDeparture, RecordReportIn
from domain.ledger import Ledger
from integrity.tables import SealReader
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from service.bootstrap import open_ledger
from service.settings import Settings, store_env
from tests.support.county import id_number, member_command
from tests.support.life import live_a_life
from tests.support.stores import NOW, TEST_KEY, Clock

__all__ = ["AS_OF", "CERTIFICATE", "answers", "fixture_settings", "write_fixture"]

AS_OF = date(2025, 6, 1)
CERTIFICATE = "511922-2024-00001"


def fixture_settings(db: Path) -> Settings:
    return Settings(db=db, database_url=None, lock_timeout=5, secret_key=TEST_KEY.hex())


def answers(ledger: Ledger, queries: Queries, subjects: dict[str, str]) -> dict[str, Any]:
    """What people are shown: the contract a fixture records and newer code must keep."""
    members = {name: UUID(value) for name, value in subjects.items() if name.startswith("member")}
    found = {
        "statistics": queries.statistics(),
        "flags": queries.flags(AS_OF),
        "register_page": queries.register().__dict__,
        "register_all": queries.register(include_ended=True, size=100).__dict__,
        "members": {name: queries.member(m) for name, m in members.items()},
        "histories": {name: queries.history(m) for name, m in members.items()},
        "as_of": {name: queries.as_of(m, date(2024, 3, 1)) for name, m in members.items()},
        "certificate": queries.certificate(subjects["certificate"]),
        "anomalies": queries.anomalies(AS_OF),
    }
    return json.loads(json.dumps(found, default=str, sort_keys=True))


def _a_member_still_away(ledger: Ledger, county: Any) -> UUID:
    """A member away now, with contacts and a corrected contact (a correction citing a field)."""
    run = ledger.execute
    member = run(county.t2_officer, member_command(county.b2, 3, name="赵三")).subject_id
    assert member is not None
    run(county.t2_officer, RecordDeparture(member_id=member, reason="务工", province="上海市", city="上海市",
                                           industry="manufacturing", expected_months=18,
                                           contact_phone="13900003333", effective_on=date(2025, 1, 10)))
    run(county.io_officer, RecordReportIn(org_id=county.io, id_number=id_number(date(1985, 3, 4), 3),
                                          inflow_contact="陈干事", effective_on=date(2025, 1, 20)))
    first = run(county.t2_officer, RecordContact(member_id=member, method="phone", outcome="reached",
                                                 note="在厂里", effective_on=date(2025, 2, 1))).positions[0]
    run(county.io_officer, RecordContact(member_id=member, method="visit", outcome="not_reached",
                                         effective_on=date(2025, 4, 1)))
    run(county.t2_officer, CorrectEvent(position=first, changes={"note": "在松江工厂，情况良好"}, reason="补全备注"))
    return member


def write_fixture(directory: Path) -> None:
    db = directory / "ledger.sqlite3"  # not *.db, which .gitignore leaves out
    if db.exists():
        raise SystemExit(f"{db} exists: a fixture is never rewritten; choose a new directory")
    settings = fixture_settings(db)
    ledger = open_ledger(store_env(settings), TEST_KEY, Clock(NOW))
    county = live_a_life(ledger)
    away = _a_member_still_away(ledger, county)
    view_store = ViewStore(store_env(settings))
    runner = Runner(ledger, view_store)
    runner.catch_up(runner.generations.ensure_live())
    subjects = {"member_transferred": str(ledger.member_id_for(id_number(date(1985, 3, 4), 1))),
                "member_died": str(ledger.member_id_for(id_number(date(1985, 3, 4), 2))),
                "member_away": str(away), "certificate": CERTIFICATE}
    head = SealReader(ledger.recorder).head()
    assert head is not None
    record = {"subjects": subjects, "events": ledger.recorder.max_notification_id(),
              "digest": f"{head.hash.hex()}@{head.position}",
              "answers": answers(ledger, Queries(ledger, view_store, runner.generations), subjects)}
    view_store.close()
    ledger.close()
    with sqlite3.connect(db) as connection:  # one self-contained, compact file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    with sqlite3.connect(db, isolation_level=None) as connection:
        connection.execute("VACUUM")
    for leftover in directory.glob("ledger.sqlite3?*"):  # lease lock files, an emptied WAL
        leftover.unlink()
    (directory / "answers.json").write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True)
                                            + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_fixture(Path(sys.argv[1]))
