"""ID numbers and phone numbers never lie in plain text in the store: event
state is encrypted, and views keep only masked forms and keyed hashes."""

from __future__ import annotations

import subprocess
from datetime import date
from typing import Any

from demo import load_demo
from domain.ledger import Ledger
from integrity.leaves import PERSONAL_FIELDS
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from tests.support.stores import Store
from tests.support.county import build_small_county, member_command

END = date(2026, 11, 24)


def personal_values(ledger: Ledger) -> tuple[set[str], set[str]]:
    """Every ID or phone number and every member name the events hold (read with the key)."""
    found: set[str] = set()
    names: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in PERSONAL_FIELDS and isinstance(inner, str) and len(inner) >= 7:
                    found.add(inner)
                walk(inner)

    for notification in ledger.recorder.select_notifications(1, 10**7):
        event = vars(ledger.mapper.to_domain_event(notification))
        walk(event)
        if notification.topic == "liudong.member.Registered":
            names.add(event["name"])
    return found, names


def dump(store: Store) -> bytes:
    settings = store.settings
    if store.kind == "sqlite":
        files = [settings.db, settings.db.with_name(settings.db.name + "-wal")]
        return b"".join(f.read_bytes() for f in files if f.exists())
    return subprocess.run(["pg_dump", "--no-owner", "-n", settings.pg_schema, settings.database_url or ""],
                          check=True, capture_output=True, timeout=120).stdout


def test_a_dump_of_the_demo_county_holds_no_id_or_phone_number(store: Store, ledger: Ledger) -> None:
    load_demo(ledger, end=END, scale=0.03)
    views = ViewStore(store.env)
    runner = Runner(ledger, views)
    runner.rebuild(grace=0)
    assert Queries(ledger, views, runner.generations).statistics()["members"] > 500
    views.close()
    numbers, names = personal_values(ledger)
    assert len(numbers) > 500
    data = dump(store)
    assert any(name.encode() in data for name in names), "the dump holds the views (names are not secret)"
    leaked = [n for n in numbers if n.encode() in data or n.encode().hex().encode() in data]
    assert leaked == []


def test_seals_commit_to_personal_fields_without_revealing_them(store: Store, ledger: Ledger) -> None:
    county = build_small_county(ledger)
    ledger.execute(county.t1_officer, member_command(county.b1, 7))
    leaves = ledger.recorder.sealer.leaves
    registered = next(n for n in ledger.recorder.select_notifications(1, 1000)
                      if n.topic == "liudong.member.Registered")
    content = leaves.content(registered.state)
    event = vars(ledger.mapper.to_domain_event(registered))
    assert content["id_number"] == {"commitment": leaves.commitment("id_number", event["id_number"])}
    assert content["phone"] == {"commitment": leaves.commitment("phone", event["phone"])}
    assert content["name"] == event["name"], "only ID and phone numbers are hidden"
    assert event["id_number"] not in str(content) and event["phone"] not in str(content)
