"""A rebuild killed with `kill -9` at random moments resumes where it stopped
and ends equal to a clean rebuild: no event applied twice, none skipped."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

from domain.ledger import Ledger
from projections.runner import Runner
from projections.store import ViewStore
from tests.support.stores import Store
from tests.support.county import SmallCounty
from tests.support.helpers import cli_env
from tests.support.bulk import populate

TABLES = {"register": "member_id", "certificates": "number", "requests": "request_id", "audit": "position",
          "orgs": "org_id", "officers": "officer_id"}


def dump(store: ViewStore, runner: Runner, generation: int) -> dict[str, list[dict[str, object]]]:
    with store.read(runner.generations.tables(generation)) as tx:
        return {t: tx.all(f"SELECT * FROM {{{t}}} ORDER BY {key}") for t, key in TABLES.items()}


def building_position(runner: Runner, view_store: ViewStore) -> int:
    building = runner.generations.building()
    return view_store.position(f"audit@g{building}") if building else 0


def test_a_killed_rebuild_resumes_and_ends_equal_to_a_clean_one(store: Store, ledger: Ledger,
                                                                 county: SmallCounty) -> None:
    head = populate(ledger, county, 300)
    assert head > 2500
    view_store = ViewStore(store.env)
    runner = Runner(ledger, view_store)
    chance = random.Random(head)
    partial = []  # how far the audit view of the building generation got at each kill
    for attempt in range(12):
        process = subprocess.Popen([sys.executable, "-m", "cli.main", "rebuild", "--batch-size", "25"],
                                   env=cli_env(store), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if attempt < 6:  # kill it a moment after it has made progress; then let it finish
            before = building_position(runner, view_store)
            deadline = time.monotonic() + 60
            while building_position(runner, view_store) <= before and process.poll() is None \
                    and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(chance.uniform(0, 0.3))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait()
                partial.append(building_position(runner, view_store))
                continue
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors.decode()
        break
    assert any(0 < p < head for p in partial), f"no kill landed inside the rebuild: {partial}"

    resumed = runner.generations.live()
    assert resumed is not None
    after_kills = dump(view_store, runner, resumed)
    assert [row["position"] for row in after_kills["audit"]] == list(range(1, head + 1))
    clean = runner.rebuild(grace=0)
    assert dump(view_store, runner, clean) == after_kills
    view_store.close()
