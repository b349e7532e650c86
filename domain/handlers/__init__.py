"""Command handlers: one function per command, registered with the roles that
may run it. A handler reads aggregates through the unit of work, settles the
acting organisation, and calls the aggregates' command methods.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any
from uuid import UUID

from domain.commands import Command
from domain.unit_of_work import UnitOfWork
from domain.vocab import Role

__all__ = ["HANDLERS", "handles", "run"]

Handler = Callable[[UnitOfWork, Any], UUID | None]
HANDLERS: dict[type[Command], tuple[Handler, Collection[Role]]] = {}


def handles(command_class: type[Command], roles: Collection[Role]) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        HANDLERS[command_class] = (handler, roles)
        return handler
    return register


def run(uow: UnitOfWork, command: Command) -> UUID | None:
    """Runs one command for the actor named by `uow.begin()`; returns its subject's id."""
    handler, roles = HANDLERS[type(command)]
    assert uow.officer is not None
    uow.jurisdiction.check_role(uow.officer, roles, command.label)
    return handler(uow, command)


# Importing the modules registers their handlers.
from domain.handlers import certificates, corrections, legacy, members, organisations  # noqa: E402,F401
