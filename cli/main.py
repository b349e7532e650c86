"""The `liudong` command line: init, run, serve, demo, rebuild; `officer ...`
(cli/officers.py); digest, verify, verify-proof, rekey (cli/integrity.py);
export and import (cli/sheets.py).

Commands that record take `--as OFFICER` (the acting officer's id); only
`init` (and the demo loader, which inits) writes as `system:init`.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from cli import backup, checkpoints, counties, integrity, officers, sheets
from cli.demo_views import load_with_views
from cli.progress import progress_bar
from cli.serving import serve_app
from demo import DemoCounty
from domain.county import County
from domain.errors import LedgerError
from domain.ids import county_id
from service.bootstrap import build_ledger, build_service, require_store
from service.counties import serves_counties
from service.process import Service
from service.settings import get_settings

__all__ = ["app", "main"]

app = typer.Typer(help="流动党员管理台账（Liudong）", no_args_is_help=True, add_completion=False)
officers.add_commands(app)
counties.add_commands(app)
checkpoints.add_commands(app)
backup.add_commands(app)
integrity.add_commands(app)
sheets.add_commands(app)
console = Console()
err = Console(stderr=True)


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


@app.command()
def rebuild(batch_size: Annotated[int, typer.Option(help="每批处理的事件数")] = 5000) -> None:
    """重建全部视图：从第一条事件起重新计算到新的一代表中，追上后切换；重建期间查询照常。
    中断后再次运行会从中断处继续。"""
    settings = get_settings()
    require_store(settings)
    service = build_service(settings)
    head = service.ledger.recorder.max_notification_id() or 0
    with _progress() as progress:
        task = progress.add_task("重建视图", total=head)
        generation = service.runner.rebuild(
            progress=lambda position, total: progress.update(task, completed=position, total=total),
            batch_size=batch_size)
    console.print(f"已重建并切换到第 {generation} 代视图（共 {head} 条事件）")
    service.close()


@app.command()
def demo(seed: Annotated[int, typer.Option(help="随机种子（同一种子、同一截止日得到同一个县）")] = 2021,
         scale: Annotated[float, typer.Option(help="规模（1.0 即 19,641 名党员）")] = 1.0,
         end: Annotated[str | None, typer.Option(help="五年历史的截止日 YYYY-MM-DD，默认今天")] = None) -> None:
    """载入演示县（南江县规模：19,641 名党员，2,801 名外出，2,641 名持有效活动证），只能载入空库。"""
    _load_demo(build_service(get_settings()), seed, scale, date.fromisoformat(end) if end else None)


def _load_demo(service: Service, seed: int, scale: float, end: date | None) -> DemoCounty:
    with _progress() as progress:
        loading = progress.add_task("载入演示县", total=1)
        building = progress.add_task("生成视图", total=1)
        county = load_with_views(service, seed, scale, end,
                                 loading=lambda done, total: progress.update(loading, completed=done, total=total),
                                 building=lambda p, total: progress.update(building, completed=p, total=total))
    console.print(f"演示县已载入：{county.members} 名党员，{county.events} 条记录（{county.start} 至 {county.end}）")
    _print_tokens(county.admin_token, county.auditor_token)
    return county


def _print_tokens(admin: str, auditor: str) -> None:
    console.print("管理员（县委组织部）令牌：")
    print(admin)
    console.print("纪检巡察令牌（只读）：")
    print(auditor)


@app.command()
def serve(host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="端口")] = 8000,
          workers: Annotated[int, typer.Option(help="进程数（视图只由其中一个进程更新）")] = 1,
          access_log: Annotated[bool, typer.Option("--access-log/--no-access-log",
                                                   help="每个请求一行 JSON 日志（命令的日志行总会记录）")] = True) -> None:
    """启动 HTTP 服务（接口文档见 /docs）；数据存储中须已有初始化的县（多县部署：已登记的各县，见 liudong county）。"""
    settings = get_settings()
    if not serves_counties(settings):
        require_store(settings, with_county=True)
    _serve(host, port, workers, access_log)


def _serve(host: str, port: int, workers: int, access_log: bool) -> None:
    serve_app(host, port, workers, access_log)


@app.command()
def run(host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="端口")] = 8000,
        with_demo: Annotated[bool | None, typer.Option("--demo/--no-demo",
                                                       help="空库时载入演示县（SQLite 默认载入，PostgreSQL 默认不载入）")] = None) -> None:
    """make run：空库时初始化（SQLite 默认库并载入演示县），打印令牌，然后启动服务。"""
    settings = get_settings()
    service = build_service(settings)
    tokens = settings.db.with_name(settings.db.name + ".tokens")
    if service.ledger.load(County, county_id()) is None:
        if with_demo if with_demo is not None else not settings.uses_postgres:
            county = _load_demo(service, 2021, 1.0, None)
            if not settings.uses_postgres:
                _keep(tokens, f"{county.admin_token}\n{county.auditor_token}\n")
        else:
            outcome = service.ledger.initialise("511922", "南江县", "管理员")
            console.print(f"已初始化（{settings.store_label}），未载入演示数据。管理员令牌：")
            print(outcome.token)
    elif tokens.exists():
        _print_tokens(*tokens.read_text().split())
    service.close()
    console.print(f"服务地址：http://{host}:{port}/docs")
    _serve(host, port, workers=1, access_log=True)


def _keep(path: Path, text: str) -> None:
    """Demo tokens beside the demo database, readable by its owner only (an
    older file, perhaps readable by others, is narrowed before it is written)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(text)


def _progress() -> Progress:
    return progress_bar(console)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
