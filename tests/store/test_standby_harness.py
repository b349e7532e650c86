"""The standby harness builds a real hot standby: it follows the primary,
says it is in recovery, and refuses writes."""

from __future__ import annotations

import psycopg
import pytest

from tests.support.standby import primary_and_standby, standby_available
from tests.support.stores import IN_CI

pytestmark = pytest.mark.postgres


def test_standby_replays_the_primary_and_refuses_writes() -> None:
    if reason := standby_available():
        if IN_CI:
            pytest.fail(f"no standby harness ({reason}); CI cannot skip it", pytrace=False)
        pytest.skip(f"no standby harness: {reason}")
    with primary_and_standby() as pair:
        with psycopg.connect(pair.primary_url, autocommit=True) as primary:
            primary.execute("CREATE TABLE members (name text)")
            primary.execute("INSERT INTO members VALUES ('张三'), ('李四')")
        pair.wait_replayed()
        assert pair.lag_bytes() == 0
        with psycopg.connect(pair.standby_url, autocommit=True) as standby:
            names = standby.execute("SELECT name FROM members").fetchall()
            assert sorted(names) == [("张三",), ("李四",)]
            assert standby.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)
            with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
                standby.execute("INSERT INTO members VALUES ('王五')")
