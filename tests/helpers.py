"""Assertions the rule tests share."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.commands import Command
from domain.errors import LedgerError
from domain.rules import Rule
from domain.service import Ledger

__all__ = ["assert_refused", "head"]


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
