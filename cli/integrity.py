"""`liudong digest | verify | verify-proof | rekey`: the tamper-evident log
from the command line ([docs/integrity.md])."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from cli.progress import progress_bar
from integrity.proofs import check_proof
from integrity.rekey import rekey as rekey_events
from integrity.tables import SealReader
from integrity.verify import Digest
from integrity.verify import verify as verify_log
from service.bootstrap import build_ledger, require_store
from service.settings import Settings, get_settings

__all__ = ["add_commands"]

console = Console(soft_wrap=True)  # a position or hash is never split across lines
err = Console(stderr=True, soft_wrap=True)


def _existing() -> Settings:
    """The settings of a store that exists: checking one never creates it."""
    settings = get_settings()
    require_store(settings)
    return settings


def _digest(text: str | None) -> Digest | None:
    if text is None:
        return None
    try:
        return Digest.parse(text)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--digest") from None


def digest() -> None:
    """打印当前链头摘要（位置、哈希、时间）；请在系统之外保存。"""
    ledger = build_ledger(_existing())  # kept: closing it closes its connections
    head = SealReader(ledger.recorder).head()
    ledger.close()
    if head is None:
        err.print("日志中还没有已封印的事件")
        raise typer.Exit(1)
    console.print(f"位置 {head.position}，共 {head.seq + 1} 条事件，封印于 {head.sealed_at}")
    print(f"{head.hash.hex()}@{head.position}")


def verify(digest_text: Annotated[str | None, typer.Option("--digest", help="所持摘要：哈希@位置")] = None) -> None:
    """从存储的事件重新计算哈希链，指出第一条与封印不符的事件；给出摘要时核对链至摘要位置是否完好。"""
    held = _digest(digest_text)
    ledger = build_ledger(_existing())
    recorder = ledger.recorder
    total = recorder.max_notification_id() or 0
    with progress_bar(err) as progress:
        task = progress.add_task("核验哈希链", total=total)
        report = verify_log(recorder, recorder.sealer.leaves, held, lambda n: progress.advance(task, n))
    ledger.close()
    if report.problem:
        err.print(f"[red]核验未通过[/red]：位置 {report.problem.position}：{report.problem.message}")
    if report.digest_held is False:
        err.print(f"[red]与摘要 {held} 不符[/red]：{report.digest_message}")
    if not report.ok:
        raise typer.Exit(1)
    console.print(f"[green]核验通过[/green]：{report.checked} 条事件与其封印一致"
                  + (f"；链至摘要位置 {held.position} 完好" if held else ""))
    if report.head:
        print(report.head)


def verify_proof(file: Annotated[Path, typer.Argument(help="证明文件（GET /certificates/{编号}/proof 的应答）")],
                 digest_text: Annotated[str, typer.Option("--digest", help="所持摘要：哈希@位置")]) -> None:
    """离线核验证明：无需数据库和密钥。"""
    held = _digest(digest_text)
    assert held is not None
    try:
        proof: Any = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        err.print(f"[red]无法读取证明文件[/red]：{error}")
        raise typer.Exit(1) from None
    problems = check_proof(proof, held)
    for problem in problems:
        err.print(f"[red]不通过[/red]：{problem}")
    if problems:
        raise typer.Exit(1)
    console.print(f"[green]证明成立[/green]：{len(proof['events'])} 条事件包含在摘要 {held} 所承诺的日志中")
    for event in proof["events"]:
        console.print(f"  位置 {event['position']}  {event['topic']}")


def rekey() -> None:
    """用当前密钥重新加密以旧密钥加密的事件（内容不变，封印仍然有效），之后可销毁旧密钥。"""
    ledger = build_ledger(_existing())
    total = ledger.recorder.max_notification_id() or 0
    with progress_bar(err) as progress:
        task = progress.add_task("重新加密", total=total)
        rewritten = rekey_events(ledger.recorder, lambda n: progress.advance(task, n))
    ledger.close()
    console.print(f"已用当前密钥重新加密 {rewritten} 条事件")


def add_commands(app: typer.Typer) -> None:
    app.command()(digest)
    app.command()(verify)
    app.command("verify-proof")(verify_proof)
    app.command()(rekey)
