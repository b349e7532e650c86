"""`liudong officer add | token | revoke`: officers and their tokens, recorded
as the county admin named by `--as`."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console

from domain.command_batch import Outcome
from domain.commands import AppointOfficer, Command, IssueToken, RevokeOfficer
from domain.errors import LedgerError
from service.bootstrap import build_ledger, require_store
from service.settings import get_settings

__all__ = ["add_commands"]

officer_app = typer.Typer(help="工作人员：任命、签发令牌、撤销任职", no_args_is_help=True)
console = Console()
err = Console(stderr=True)

AsOfficer = Annotated[UUID, typer.Option("--as", help="办理人（工作人员编号）")]


def _run(actor: UUID, command: Command) -> Outcome:
    settings = get_settings()
    require_store(settings)
    ledger = build_ledger(settings)
    try:
        return ledger.execute(actor, command)
    except LedgerError as error:
        err.print(f"[red]未办理[/red]：{error.text}" + (f"（字段 {error.field}）" if error.field else ""))
        raise typer.Exit(1) from None
    finally:
        ledger.close()


@officer_app.command("add")
def officer_add(actor: AsOfficer, name: Annotated[str, typer.Option(help="姓名")],
                org: Annotated[UUID, typer.Option(help="任职组织编号")],
                role: Annotated[str, typer.Option(help="角色：county_admin、officer、inflow_officer、auditor")]) -> None:
    """任命工作人员。"""
    outcome = _run(actor, AppointOfficer(name=name, org_id=org, role=role))
    console.print(f"已任命，工作人员编号：{outcome.subject_id}")


@officer_app.command("token")
def officer_token(actor: AsOfficer, officer: Annotated[UUID, typer.Argument(help="工作人员编号")]) -> None:
    """为工作人员签发令牌（只显示这一次）。"""
    outcome = _run(actor, IssueToken(officer_id=officer))
    console.print(f"令牌编号：{outcome.subject_id}")
    print(outcome.token)


@officer_app.command("revoke")
def officer_revoke(actor: AsOfficer, officer: Annotated[UUID, typer.Argument(help="工作人员编号")],
                   reason: Annotated[str, typer.Option(help="撤销原因")]) -> None:
    """撤销工作人员的任职（其令牌随之失效）。"""
    _run(actor, RevokeOfficer(officer_id=officer, reason=reason))
    console.print("已撤销任职")


def add_commands(app: typer.Typer) -> None:
    app.add_typer(officer_app, name="officer")
