"""`liudong backup PATH` (SQLite: the online backup API; PostgreSQL: pg_dump of
the county's schemas in custom format; never a key) and `liudong restore PATH`
into an empty store, which then checks the chain against the last signed
checkpoint and rebuilds the views ([docs/operations.md], "Backup and restore")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, TaskID

from cli.progress import progress_bar
from service.backup import backup as take_backup
from service.bootstrap import require_store
from service.pg_tools import BackupError
from service.restore import Restored, Steps
from service.restore import restore as restore_backup
from service.settings import get_settings

__all__ = ["add_commands"]

console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def backup(path: Annotated[Path, typer.Argument(help="备份文件（新文件，不覆盖已有的）")]) -> None:
    """把数据存储备份到一个文件（SQLite：在线备份；PostgreSQL：pg_dump 自定义格式）；备份中不含任何密钥。"""
    settings = get_settings()
    require_store(settings)
    try:
        with progress_bar(err) as progress:
            task = progress.add_task("备份", total=None)
            taken = take_backup(settings, path,
                                lambda done, total: progress.update(task, completed=done, total=total))
    except BackupError as error:
        err.print(f"[red]未备份[/red]：{error.text}")
        raise typer.Exit(1) from None
    schemas = f"（模式 {'、'.join(taken.schemas)}）" if taken.schemas else ""
    console.print(f"已备份 {settings.store_label}{schemas}：{taken.events} 条事件，{taken.bytes:,} 字节 → {path}")
    console.print("备份中不含密钥：LIUDONG_SECRET_KEY、LIUDONG_CIPHER_KEY、LIUDONG_SIGNING_KEY"
                  "（SQLite：数据文件旁的 .key 和 .signing.key）须另行保管，恢复时需要它们。")


def restore(path: Annotated[Path, typer.Argument(help="liudong backup 做的备份文件")],
            checkpoints: Annotated[Path | None, typer.Option(
                "--checkpoints", help="保存在系统之外的检查点（liudong checkpoint --append 的文件或见证导出目录）")] = None
            ) -> None:
    """把备份恢复到空的数据存储：按最后签发的检查点核验哈希链，核验到链头，再重建视图；存储中已有事件则拒绝。"""
    settings = get_settings()
    try:
        with progress_bar(err) as progress:
            bars = [progress.add_task(name, total=None) for name in ("复制备份", "核验哈希链", "重建视图")]
            steps = Steps(*(_updating(progress, bar) for bar in bars))
            restored = restore_backup(settings, path, steps, checkpoints)
    except BackupError as error:
        err.print(f"[red]未恢复[/red]：{error.text}")
        raise typer.Exit(1) from None
    for county in restored:
        console.print(f"已恢复县 {county.county} 到 {county.store}：{county.events} 条事件，"
                      f"重建为第 {county.generation} 代视图")
        if county.checkpoint is None:
            err.print("[yellow]注意[/yellow]：备份中没有签发过的检查点，只核验了哈希链本身"
                      "（请用 liudong verify --digest 对照审计人员保存的摘要）")
        else:
            console.print(f"[green]与签名检查点相符[/green]：树大小 {county.checkpoint.size} 处的根哈希一致")
        console.print(f"[green]核验通过[/green]：{county.events} 条事件与其封印一致；链头 {county.head}")
        _published(county)


def _published(county: Restored) -> None:
    found = county.published
    if found is None:
        err.print("提示：若检查点曾复制到系统之外，请用 --checkpoints 与之核对（备份若早于最后发布的检查点，"
                  "恢复的日志会少于已发布的）")
        return
    console.print(f"[green]与保存在系统之外的检查点相符[/green]：{found.checked} 份")
    if found.beyond is not None:
        err.print(f"[red]注意[/red]：已发布的检查点到树大小 {found.beyond}，恢复的日志只有 {county.events} 条事件："
                  f"少了已发布的 {found.beyond - county.events} 条。这些检查点已放回签名表，签名将被拒绝"
                  "（integrity.checkpoint_smaller / integrity.checkpoint_fork），请查明丢失的事件后再决定如何处理。")


def _updating(progress: Progress, task: TaskID) -> Callable[[int, int], None]:
    return lambda done, total: progress.update(task, completed=done, total=total)


def add_commands(app: typer.Typer) -> None:
    app.command()(backup)
    app.command()(restore)
