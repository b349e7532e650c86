"""The `liudong` command as a real process: init once, then officers."""

from __future__ import annotations

import subprocess
from uuid import UUID

from domain.county import County
from domain.ids import county_id
from domain.ledger import Ledger
from domain.officer import Officer
from tests.support.stores import Store
from tests.support.helpers import cli_env, liudong


def cli(store: Store, *args: str) -> subprocess.CompletedProcess[str]:
    return liudong(cli_env(store), *args)


def test_init_prints_the_admin_token_and_refuses_a_second_run(store: Store) -> None:
    first = cli(store, "init", "--county-code", "511922", "--county-name", "南江县", "--admin", "王明")
    assert first.returncode == 0, first.stderr
    token = first.stdout.strip().splitlines()[-1]
    ledger = Ledger(store.env, identity_key=bytes(32))
    store.ledgers.append(ledger)
    admin = ledger.authenticate(token)
    assert (admin.name, admin.role) == ("王明", "county_admin")
    assert ledger.load(County, county_id()).code == "511922"

    second = cli(store, "init", "--county-code", "511922", "--county-name", "南江县", "--admin", "李四")
    assert second.returncode == 1
    assert "系统初始化：本县已初始化，不能重复初始化" in second.stderr

    committee = str(ledger.load(County, county_id()).committee_id)
    added = cli(store, "officer", "add", "--as", str(admin.id), "--name", "纪检员", "--org", committee,
                "--role", "auditor")
    assert added.returncode == 0, added.stderr
    auditor_id = UUID(added.stdout.strip().split("：")[-1])
    assert ledger.load(Officer, auditor_id).role == "auditor"
    refused = cli(store, "officer", "add", "--as", str(auditor_id), "--name", "某人", "--org", committee,
                  "--role", "officer")
    assert refused.returncode == 1 and "纪检巡察人员只能查阅，不能记录" in refused.stderr
