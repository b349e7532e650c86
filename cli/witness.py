"""`liudong checkpoint export DIR` (the county's signed checkpoints and the
consistency proofs between consecutive ones, as files copied off the machine)
and `liudong checkpoint verify DIR --vkey VKEY [--previous OLD]`, offline: no
store, no key but the public one the auditor pinned ([docs/integrity.md])."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from rich.console import Console

from domain.errors import LedgerError
from integrity.checkpoints import CheckpointError, parse_vkey
from integrity.kept import kept_checkpoints
from integrity.tables import SealReader
from integrity.witness import WitnessError, export
from integrity.witness_check import check_directory
from service.bootstrap import build_service, require_store
from service.checkpoints import Signer
from service.settings import get_settings

__all__ = ["export_directory", "pinned_vkey", "verify_directory"]

console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def pinned_vkey(text: str) -> tuple[str, Ed25519PublicKey]:
    """The `--vkey` option: the signer's name and public key, or a usage error."""
    try:
        return parse_vkey(text)
    except CheckpointError:
        raise typer.BadParameter("应为“名称+密钥编号+公钥”（liudong checkpoint --public-key 的输出）",
                                 param_hint="--vkey") from None


def export_directory(directory: Annotated[Path, typer.Argument(help="导出目录（已有的文件只增不改）")]) -> None:
    """把已签发的全部检查点及相邻两个之间的一致性证明写入目录，供复制到系统之外保存和核验；再次运行只添加新的。"""
    settings = get_settings()
    require_store(settings)
    service = build_service(settings)
    try:
        vkey_text = Signer(service, service.signing_seed).vkey()
        kept = kept_checkpoints(service.store)
        if not kept:
            err.print("[red]未导出[/red]：还没有签发过检查点，请先运行 liudong checkpoint")
            raise typer.Exit(1)
        done = export(directory, vkey_text, kept, SealReader(service.ledger.recorder).leaves_upto)
    except LedgerError as error:
        err.print(f"[red]未办理[/red]：{error.text}")
        raise typer.Exit(1) from None
    except WitnessError as error:
        err.print(f"[red]未导出[/red]：{error}")
        raise typer.Exit(1) from None
    finally:
        service.close()
    added = (f"新增检查点 {len(done.checkpoints)} 个（大小 {'、'.join(map(str, done.checkpoints))}），"
             f"一致性证明 {len(done.proofs)} 份") if done.checkpoints else "没有新的检查点"
    console.print(f"已导出到 {directory}：{added}；共 {len(kept)} 个检查点，最新大小 {kept[-1].size}")
    name, key = parse_vkey(vkey_text)
    _report(check_directory(directory, name, key).problems)  # what an auditor will run, run once here


def verify_directory(directory: Annotated[Path, typer.Argument(help="导出目录（liudong checkpoint export 所写）")],
                     vkey_text: Annotated[str, typer.Option("--vkey", help="所持核验公钥（另行保管的那一份，不取目录中的）")],
                     previous: Annotated[Path | None, typer.Option("--previous",
                                                                  help="上次保存的副本：其中每个检查点都须原样在新副本中")] = None) -> None:
    """离线核验导出目录：每个检查点的签名、树大小只增不减、相邻检查点之间的一致性证明；可与上次保存的副本比对。"""
    name, key = pinned_vkey(vkey_text)
    checked = check_directory(directory, name, key, previous)
    _report(checked.problems)
    sizes = checked.sizes if len(checked.sizes) <= 6 else [*checked.sizes[:2], "…", *checked.sizes[-2:]]
    console.print(f"[green]通过[/green]：{name} 的 {len(checked.sizes)} 个检查点签名有效，"
                  f"树大小只增不减（{' → '.join(map(str, sizes))}），相邻检查点之间的一致性证明均成立")
    if previous is not None:
        console.print(f"上次保存的 {checked.kept_before} 个检查点均原样在新副本中")


def _report(problems: list[str]) -> None:
    for problem in problems:
        err.print(f"[red]不通过[/red]：{problem}")
    if problems:
        raise typer.Exit(1)
