"""`liudong county add | list | reader`: the counties of one PostgreSQL deployment
(service/deployment.py) and the prefecture's or province's readers. A running
`liudong serve` picks up a county added here within a few seconds."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console
from rich.table import Table

from domain.errors import LedgerError
from service.counties import Counties
from service.deployment import valid_code
from service.settings import deployment_settings

__all__ = ["add_commands"]

county_app = typer.Typer(help="多县部署：登记县、列出各县、设立市（省）委组织部查阅账号（须使用 PostgreSQL）",
                         no_args_is_help=True)
console = Console()
err = Console(stderr=True)


def _counties() -> Counties:
    settings = deployment_settings()
    if not settings.uses_postgres:
        err.print("[red]未办理[/red]：多个县须使用 PostgreSQL（设置 DATABASE_URL）；SQLite 只保存一个县，"
                  "请用 liudong init 初始化")
        raise typer.Exit(1)
    if settings.names_one_schema:
        err.print("[red]未办理[/red]：已设置 LIUDONG_PG_SCHEMA（单县部署）；多县部署请去掉它，"
                  f"各县的模式名为 {settings.deployment_schema}_县代码")
        raise typer.Exit(1)
    return Counties(settings)


@county_app.command("add")
def add(code: Annotated[str, typer.Option(help="县代码（6位行政区划代码）")],
        name: Annotated[str, typer.Option(help="县名，如 南江县")],
        admin: Annotated[str, typer.Option(help="该县第一位县委组织部管理员的姓名")]) -> None:
    """登记一个县（模式、密钥各自独立），初始化县委和第一位管理员，并打印管理员令牌。"""
    if not valid_code(code):
        err.print(f"[red]未办理[/red]：县代码应为6位数字：{code}")
        raise typer.Exit(1)
    counties = _counties()
    try:
        outcome = counties.add(code, name, admin)
    except KeyError:
        err.print(f"[red]未办理[/red]：县代码 {code} 已经登记")
        raise typer.Exit(1) from None
    except LedgerError as error:
        err.print(f"[red]未办理[/red]：{error.text}")
        raise typer.Exit(1) from None
    finally:
        counties.close()
    console.print(f"已登记 {name}（{code}），模式 {counties.deployment.schema_for(code)}")
    console.print(f"管理员编号：{outcome.subject_id}")
    console.print("管理员令牌（只显示这一次，请妥善保管）：")
    print(outcome.token)


@county_app.command("list")
def list_counties() -> None:
    """列出已登记的县及各县的记录条数。"""
    counties = _counties()
    try:
        table = Table("县代码", "县名", "模式", "记录条数")
        for county, events in counties.deployment.event_counts():
            table.add_row(county.code, county.name, county.schema, str(events))
        readers = counties.deployment.readers()
    finally:
        counties.close()
    console.print(table)
    for reader in readers:
        console.print(f"查阅账号：{reader.name}（{'、'.join(reader.counties)}），编号 {reader.id}")


@county_app.command("reader")
def reader(name: Annotated[str, typer.Option(help="查阅单位，如 巴中市委组织部")],
           counties_: Annotated[str, typer.Option("--counties", help="可查阅的县代码，逗号分隔")]) -> None:
    """设立市（省）委组织部的只读账号：并列查看所辖各县统计，查阅各县台账、活动证发放登记和审计记录（已脱敏），
    不能记录；打印其令牌。"""
    codes = [c.strip() for c in counties_.split(",") if c.strip()]
    if not codes or not name.strip():
        err.print("[red]未办理[/red]：须写明查阅单位和至少一个县代码")
        raise typer.Exit(1)
    counties = _counties()
    try:
        found, token = counties.deployment.add_reader(name, codes)
    except KeyError as missing:
        err.print(f"[red]未办理[/red]：这些县代码尚未登记：{missing.args[0]}")
        raise typer.Exit(1) from None
    finally:
        counties.close()
    console.print(f"已设立查阅账号 {found.name}（{'、'.join(found.counties)}），编号 {found.id}")
    console.print("查阅令牌（只显示这一次，请妥善保管）：")
    print(token)


@county_app.command("revoke-reader")
def revoke_reader(reader_id: Annotated[UUID, typer.Argument(help="查阅账号编号（liudong county list 显示）")]) -> None:
    """吊销市（省）委组织部的查阅账号：其令牌立即失效。"""
    counties = _counties()
    try:
        revoked = counties.deployment.revoke_reader(reader_id)
    finally:
        counties.close()
    if not revoked:
        err.print(f"[red]未办理[/red]：没有编号为 {reader_id} 的有效查阅账号")
        raise typer.Exit(1)
    console.print(f"已吊销查阅账号 {reader_id}")


def add_commands(app: typer.Typer) -> None:
    app.add_typer(county_app, name="county")
