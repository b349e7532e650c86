"""Two processes racing for one blank or one approval: the store lets exactly
one of them write. Both pass every rule check before either commits."""

from __future__ import annotations

import faulthandler
import multiprocessing
from datetime import date
from typing import Any
from uuid import UUID

from domain.certificate import Certificate
from domain.commands import IssueCertificate
from domain.errors import LedgerError
from domain.ids import certificate_id
from domain.ledger import Ledger
from domain.member import Member
from service.bootstrap import open_ledger, starting
from tests.support.stores import Clock, NOW, Store, TEST_KEY
from tests.support.county import SmallCounty, id_number
from tests.support.certificates import ON, approved
from tests.support.members import away


def _race(env: dict[str, str], actor: UUID, command: IssueCertificate, barrier: Any, results: Any) -> None:
    faulthandler.dump_traceback_later(40, exit=True)  # a stuck racer shows where it is stuck
    ledger = None
    try:
        ledger = starting(lambda: open_ledger(env, TEST_KEY, Clock(NOW)))
        batch = ledger.batch(isolated=False)
        batch.run(actor, command)  # every rule passes here, in both processes
        barrier.wait(timeout=30)
        batch.save()
        results.put("stored")
    except LedgerError as error:
        results.put(error.code)
    except Exception as error:  # reported, so that the test shows it
        results.put(f"unexpected {error!r}")
    finally:
        if ledger is not None:
            ledger.close()


def race(store: Store, actor: UUID, *commands: IssueCertificate) -> list[str]:
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(len(commands)), spawn.Queue()
    processes = [spawn.Process(target=_race, args=(store.env, actor, c, barrier, results)) for c in commands]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    return sorted(results.get(timeout=5) for _ in processes)


def test_two_issues_from_one_blank_never_both_succeed(store: Store, ledger: Ledger, county: SmallCounty) -> None:
    first = approved(ledger, county, away(ledger, county, 1))
    second = approved(ledger, county, away(ledger, county, 2))
    number = "511922-2025-00001"
    outcomes = race(store, county.b1_officer,
                    IssueCertificate(request_id=first, number=number, effective_on=ON),
                    IssueCertificate(request_id=second, number=number, effective_on=ON))
    assert outcomes == ["certificate.number_used", "stored"]
    fresh = store.ledger()
    holders = [fresh.load(Member, fresh.member_id_for(m)).certificates for m in _id_numbers()]
    assert sorted(holders) == [(), (number,)]
    assert len(fresh.load(Certificate, certificate_id(number)).facts) == 1


def test_two_issues_with_one_approval_never_both_succeed(store: Store, ledger: Ledger, county: SmallCounty) -> None:
    member_id = away(ledger, county)
    request_id = approved(ledger, county, member_id)
    outcomes = race(store, county.b1_officer,
                    IssueCertificate(request_id=request_id, number="511922-2025-00001", effective_on=ON),
                    IssueCertificate(request_id=request_id, number="511922-2025-00002", effective_on=ON))
    assert outcomes == ["stored", "version.conflict"]
    fresh = store.ledger()
    issued = [n for n in ("511922-2025-00001", "511922-2025-00002")
              if fresh.load(Certificate, certificate_id(n)) is not None]
    assert len(issued) == 1
    assert fresh.load(Member, member_id).certificates == tuple(issued)


def _id_numbers() -> list[str]:
    return [id_number(date(1985, 3, 4), seq) for seq in (1, 2)]


def _start(env: dict[str, str], barrier: Any, results: Any) -> None:
    barrier.wait(timeout=30)
    try:
        starting(lambda: open_ledger(env, TEST_KEY)).close()
        results.put("started")
    except Exception as error:  # reported, so that the test shows it
        results.put(f"unexpected {error!r}")


def test_server_processes_starting_together_on_an_empty_store_all_start(store: Store) -> None:
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(4), spawn.Queue()
    processes = [spawn.Process(target=_start, args=(store.env, barrier, results)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert [results.get(timeout=5) for _ in processes] == ["started"] * 4
