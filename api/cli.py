"""The `liudong` command line: set up a county and manage its officers.

Commands that write take `--as OFFICER` (the acting officer's id); only
`init` writes as `system:init`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from api.bootstrap import build_ledger, build_service
from api.settings import get_settings
from domain.commands import AppointOfficer, Command, IssueToken, RevokeOfficer
from domain.errors import LedgerError
from domain.service import Ledger, Outcome

__all__ = ["app", "main"]

app = typer.Typer(help="流动党员管理台账（Liudong）", no_args_is_help=True, add_completion=False)
officer_app = typer.Typer(help="工作人员：任命、签发令牌、撤销任职", no_args_is_help=True)
app.add_typer(officer_app, name="officer")
console = Console()
err = Console(stderr=True)

AsOfficer = Annotated[UUID, typer.Option("--as", help="办理人（工作人员编号）")]


def _ledger() -> Ledger:
    return build_ledger(get_settings())


def _run(actor: UUID, command: Command) -> Outcome:
    try:
        return _ledger().execute(actor, command)
    except LedgerError as error:
        err.print(f"[red]未办理[/red]：{error.text}" + (f"（字段 {error.field}）" if error.field else ""))
        raise typer.Exit(1) from None


@app.command()
def init(county_code: Annotated[str, typer.Option(help="县代码（6位行政区划代码）")],
         county_name: Annotated[str, typer.Option(help="县名，如 南江县")],
         admin: Annotated[str, typer.Option(help="第一位县委组织部管理员的姓名")],
         effective_on: Annotated[str | None, typer.Option("--date", help="建账日期 YYYY-MM-DD")] = None) -> None:
    """初始化：登记本县、县委和第一位管理员，并打印管理员令牌（只能运行一次）。"""
    settings = get_settings()
    try:
        outcome = build_ledger(settings).initialise(
            county_code, county_name, admin, date.fromisoformat(effective_on) if effective_on else None)
    except LedgerError as error:
        err.print(f"[red]未办理[/red]：{error.text}")
        raise typer.Exit(1) from None
    console.print(f"已初始化 {county_name}（{county_code}），数据存储：{settings.store_label}")
    console.print(f"管理员编号：{outcome.subject_id}")
    console.print("管理员令牌（只显示这一次，请妥善保管）：")
    print(outcome.token)


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


@app.command()
def rebuild(batch_size: Annotated[int, typer.Option(help="每批处理的事件数")] = 500) -> None:
    """重建全部视图：从第一条事件起重新计算到新的一代表中，追上后切换；重建期间查询照常。
    中断后再次运行会从中断处继续。"""
    service = build_service(get_settings(), batch_size=batch_size)
    head = service.ledger.recorder.max_notification_id() or 0
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("重建视图", total=head)
        generation = service.runner.rebuild(
            progress=lambda position, total: progress.update(task, completed=position, total=total))
    console.print(f"已重建并切换到第 {generation} 代视图（共 {head} 条事件）")
    service.close()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
