"""`liudong checkpoint` (sign the log's head, print it, append it to a file meant
to be copied off the machine; `--public-key` prints the verifier key; `export`
and `verify`: cli/witness.py), and, offline (no store, no key but the public
one), `liudong verify-consistency OLD NEW PROOF.json --vkey VKEY` and
`liudong verify-inclusion PROOF.json CHECKPOINT --vkey VKEY` ([docs/integrity.md])."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from rich.console import Console

from cli.witness import export_directory, pinned_vkey, verify_directory
from domain.errors import LedgerError
from integrity.checkpoints import Checkpoint, CheckpointError, open_checkpoint
from integrity.consistency import consistent
from integrity.proofs import check_at_checkpoint
from service.bootstrap import build_service, require_store
from service.checkpoints import Signer
from service.settings import get_settings

__all__ = ["add_commands"]

console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
group = typer.Typer(add_completion=False)


@group.callback(invoke_without_command=True)
def checkpoint(ctx: typer.Context,
               append: Annotated[Path | None, typer.Option("--append", help="追加到此文件（请复制到系统之外）")] = None,
               public_key: Annotated[bool, typer.Option("--public-key", help="只打印核验公钥")] = False) -> None:
    """签发当前链头的检查点（Ed25519 签名的 C2SP 文本），打印并可追加到文件；不会签发比上次更小的树。
    子命令 export、verify：导出全部检查点和一致性证明，离线核验导出的目录。"""
    if ctx.invoked_subcommand is not None:
        return
    settings = get_settings()
    require_store(settings)
    service = build_service(settings)
    try:
        signer = Signer(service, service.signing_seed)
        found = {"vkey": signer.vkey()} if public_key else signer.sign_head()
    except LedgerError as error:
        err.print(f"[red]未办理[/red]：{error.text}")
        raise typer.Exit(1) from None
    finally:
        service.close()
    if public_key:
        print(found["vkey"])
        return
    print(found["note"], end="")
    if append is not None:
        with append.open("a", encoding="utf-8") as out:
            out.write(found["note"] + "\n")
        err.print(f"已追加到 {append}")


def _opened(path: Path, name: str, key: Ed25519PublicKey) -> Checkpoint:
    try:
        return open_checkpoint(path.read_text(encoding="utf-8"), name, key)
    except (OSError, UnicodeDecodeError, CheckpointError) as error:
        err.print(f"[red]不通过[/red]：{path}：{error}")
        raise typer.Exit(1) from None


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        err.print(f"[red]无法读取证明文件[/red]：{error}")
        raise typer.Exit(1) from None


def verify_consistency(old: Annotated[Path, typer.Argument(help="较早的检查点文件")],
                       new: Annotated[Path, typer.Argument(help="较晚的检查点文件")],
                       proof_file: Annotated[Path, typer.Argument(help="一致性证明（GET /integrity/consistency 的应答）")],
                       vkey_text: Annotated[str, typer.Option("--vkey", help="核验公钥")]) -> None:
    """离线核验：两份检查点都由该公钥签名，且证明表明较晚的日志完整包含较早的日志。"""
    name, key = pinned_vkey(vkey_text)
    first, second = _opened(old, name, key), _opened(new, name, key)
    proof = _json(proof_file)
    try:
        path = [bytes.fromhex(h) for h in proof["path"]]
        sizes = (int(proof["from"]), int(proof["to"]))
    except (ValueError, KeyError, TypeError) as error:
        err.print(f"[red]无法读取证明文件[/red]：{error}")
        raise typer.Exit(1) from None
    if sizes != (first.size, second.size) or not consistent(first.size, second.size, first.root, second.root, path):
        err.print(f"[red]不通过[/red]：证明不能表明大小为 {second.size} 的日志包含大小为 {first.size} 的日志")
        raise typer.Exit(1)
    console.print(f"[green]一致[/green]：{second.origin} 大小 {second.size} 的日志完整包含大小 {first.size} 的日志")


def verify_inclusion(proof_file: Annotated[Path, typer.Argument(help="证明（GET /certificates/{编号}/proof?size=N 的应答）")],
                     checkpoint_file: Annotated[Path, typer.Argument(help="所持的签名检查点文件（大小为 N）")],
                     vkey_text: Annotated[str, typer.Option("--vkey", help="核验公钥")]) -> None:
    """离线核验：检查点由该公钥签名，证明中每条事件都在该检查点所承诺的日志中，且含活动证的发放记录。"""
    name, key = pinned_vkey(vkey_text)
    point = _opened(checkpoint_file, name, key)
    proof = _json(proof_file)
    problems = check_at_checkpoint(proof, point)
    for problem in problems:
        err.print(f"[red]不通过[/red]：{problem}")
    if problems:
        raise typer.Exit(1)
    console.print(f"[green]证明成立[/green]：{len(proof['events'])} 条事件包含在 {point.origin} "
                  f"大小为 {point.size} 的签名检查点所承诺的日志中")
    for event in proof["events"]:
        console.print(f"  位置 {event['position']}  {event['topic']}")


def add_commands(app: typer.Typer) -> None:
    group.command("export")(export_directory)
    group.command("verify")(verify_directory)
    app.add_typer(group, name="checkpoint")
    app.command("verify-consistency")(verify_consistency)
    app.command("verify-inclusion")(verify_inclusion)
