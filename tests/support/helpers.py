"""What tests share: rule assertions, the log's head, and `liudong` as a real
process on the test's store."""

from __future__ import annotations

import os
import subprocess
import sys
from uuid import UUID

import pytest

from domain.commands import Command
from domain.errors import LedgerError
from domain.ledger import Ledger
from domain.rules import Rule

__all__ = ["assert_refused", "cli_env", "head", "liudong"]


def head(ledger: Ledger) -> int:
    """The position of the last stored event (0 for an empty log)."""
    return ledger.recorder.max_notification_id() or 0


def assert_refused(ledger: Ledger, actor: UUID | str, command: Command, rule: Rule,
                   text: str | None = None, field: str | None = None) -> LedgerError:
    """The command is refused under `rule`, with its Chinese term, and nothing is stored."""
    before = head(ledger)
    with pytest.raises(LedgerError) as caught:
        ledger.execute(actor, command)
    error = caught.value
    assert error.code == rule.code, error.text
    assert error.text.startswith(rule.term + "："), error.text
    if text is not None:
        assert error.text == text
    if field is not None:
        assert error.field == field
    assert head(ledger) == before, "a refused command stored events"
    return error


def cli_env(store: object) -> dict[str, str]:
    """The environment of a `liudong` process using the test's store (never the caller's own)."""

    settings = store.settings  # type: ignore[attr-defined]
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIUDONG_") and k != "DATABASE_URL"}
    env["LIUDONG_SECRET_KEY"] = settings.secret_key.get_secret_value() if settings.secret_key else "ab" * 32
    if settings.database_url:
        env["DATABASE_URL"] = settings.database_url
        env["LIUDONG_PG_SCHEMA"] = settings.pg_schema
    else:
        env["LIUDONG_DB"] = str(settings.db)
    return env


def liudong(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`liudong ARGS` as a real process in `env` (see `cli_env`), its output captured."""
    return subprocess.run([sys.executable, "-m", "cli.main", *args], env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
