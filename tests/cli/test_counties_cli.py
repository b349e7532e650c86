"""`liudong county add | list | reader` as real processes: on PostgreSQL they
make a deployment whose tokens work; on SQLite, or with one schema named,
they refuse and say why; `LIUDONG_COUNTY` points other commands at a county."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from service.callers import credential_of
from service.counties import Counties
from tests.support.deployment import drop_deployment
from tests.support.helpers import liudong
from tests.support.stores import TEST_KEY, Clock


def _env(**given: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIUDONG_") and k != "DATABASE_URL"}
    return {**env, "LIUDONG_SECRET_KEY": TEST_KEY.hex(), **given}


def test_several_counties_need_postgresql(tmp_path: Path) -> None:
    refused = liudong(_env(LIUDONG_DB=str(tmp_path / "one.db")), "county", "add", "--code", "511921",
                      "--name", "通江县", "--admin", "张明")
    assert refused.returncode == 1 and "多个县须使用 PostgreSQL" in refused.stderr
    assert not (tmp_path / "one.db").exists()


@pytest.mark.postgres
def test_county_add_list_and_reader(postgres_url: str, tmp_path: Path, clock: Clock) -> None:
    from tests.support.deployment import deployment_settings

    settings = deployment_settings(postgres_url, tmp_path)
    env = _env(DATABASE_URL=postgres_url, LIUDONG_DEPLOYMENT_SCHEMA=settings.deployment_schema)
    try:
        added = liudong(env, "county", "add", "--code", "511921", "--name", "通江县", "--admin", "张明")
        assert added.returncode == 0, added.stderr
        token = added.stdout.strip().splitlines()[-1]
        again = liudong(env, "county", "add", "--code", "511921", "--name", "通江县", "--admin", "李四")
        assert again.returncode == 1 and "已经登记" in again.stderr
        bad = liudong(env, "county", "add", "--code", "5119", "--name", "某县", "--admin", "李四")
        assert bad.returncode == 1 and "6位数字" in bad.stderr
        reader = liudong(env, "county", "reader", "--name", "巴中市委组织部", "--counties", "511921,511999")
        assert reader.returncode == 1 and "511999" in reader.stderr
        reader = liudong(env, "county", "reader", "--name", "巴中市委组织部", "--counties", "511921")
        assert reader.returncode == 0, reader.stderr
        listed = liudong(env, "county", "list")
        assert listed.returncode == 0 and "通江县" in listed.stdout and "巴中市委组织部" in listed.stdout
        one = liudong({**env, "LIUDONG_PG_SCHEMA": "x"}, "county", "list")
        assert one.returncode == 1 and "LIUDONG_PG_SCHEMA" in one.stderr
        counties = Counties(settings, clock)
        try:
            service = counties.for_credential(credential_of(token))
            assert service is not None and service.callers.caller(token).officer.name == "张明"
        finally:
            counties.close()
        officer = liudong({**env, "LIUDONG_COUNTY": "511921"}, "verify")  # any other command, on that county
        assert officer.returncode == 0, officer.stderr
        reader_id = reader.stdout.split("编号 ")[-1].split()[0]
        assert liudong(env, "county", "revoke-reader", reader_id).returncode == 0
        counties = Counties(settings, clock)
        try:
            assert counties.deployment.readers() == []
        finally:
            counties.close()
    finally:
        drop_deployment(settings)
