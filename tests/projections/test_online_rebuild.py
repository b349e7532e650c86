"""A rebuild runs as another process while this one keeps answering queries
and recording commands: every read sees a complete generation, and the
rebuilt views end up with the new commands too."""

from __future__ import annotations

import subprocess
import sys
import threading

from domain.ledger import Ledger
from projections.queries import Queries
from projections.runner import Runner
from projections.store import ViewStore
from tests.support.stores import Store
from tests.support.county import SmallCounty, member_command
from tests.support.helpers import cli_env
from tests.support.bulk import populate


def test_queries_and_commands_carry_on_during_a_rebuild(store: Store, ledger: Ledger,
                                                        county: SmallCounty) -> None:
    populate(ledger, county, 300)
    view_store = ViewStore(store.env)
    runner = Runner(ledger, view_store)
    views = Queries(ledger, view_store, runner.generations)
    first = runner.generations.ensure_live()
    runner.catch_up(first)
    registered = before = views.register(include_ended=True).total
    assert before == 300

    stop = threading.Event()
    follower = threading.Thread(target=runner.follow, args=(stop, 0.01))  # the service's own runner
    follower.start()
    rebuild = subprocess.Popen([sys.executable, "-m", "cli.main", "rebuild", "--batch-size", "25"],
                               env=cli_env(store), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    reads = 0
    try:
        while rebuild.poll() is None or reads < 5:
            ledger.execute(county.t1_officer, member_command(county.b1, 2000 + registered))
            registered += 1
            total = views.register(include_ended=True).total
            assert before <= total <= registered, "a read saw an incomplete generation"
            assert views.statistics()["members"] >= before
            reads += 1
        _, errors = rebuild.communicate(timeout=120)
        assert rebuild.returncode == 0, errors.decode()
        assert views.wait_for(ledger.recorder.max_notification_id(), timeout=30)
    finally:
        stop.set()
        follower.join(timeout=30)
    assert runner.generations.live() == first + 1
    assert views.register(include_ended=True).total == registered
    assert reads > 5 and registered > before + 5
    view_store.close()
