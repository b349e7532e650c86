"""`liudong checkpoint` (sign the log's head, print it, append it to a file meant
to be copied off the machine; `--public-key` prints the verifier key) and
`liudong verify-consistency OLD NEW PROOF.json --vkey VKEY`, offline: no store,
no key but the public one ([docs/integrity.md])."""

from __future__ import annotations

import json
from base64 import b64decode
from pathlib import Path
from typing import Annotated, Any

import typer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from rich.console import Console

from domain.errors import LedgerError
from integrity.checkpoints import Checkpoint, CheckpointError, key_id, open_checkpoint
from integrity.consistency import consistent
from service.bootstrap import build_service, require_store
from service.checkpoints import Signer
from service.settings import get_settings

__all__ = ["add_commands"]

console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def checkpoint(append: Annotated[Path | None, typer.Option("--append", help="追加到此文件（请复制到系统之外）")] = None,
               public_key: Annotated[bool, typer.Option("--public-key", help="只打印核验公钥")] = False) -> None:
    """签发当前链头的检查点（Ed25519 签名的 C2SP 文本），打印并可追加到文件；不会签发比上次更小的树。"""
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


def _vkey(text: str) -> tuple[str, Ed25519PublicKey]:
    name, _, rest = text.partition("+")
    hex_id, _, encoded = rest.partition("+")
    try:
        raw = b64decode(encoded, validate=True)
        key = Ed25519PublicKey.from_public_bytes(raw[1:]) if raw[:1] == b"\x01" and len(raw) == 33 else None
    except ValueError:
        key = None
    if key is None or key_id(name, key).hex() != hex_id:
        raise typer.BadParameter("应为“名称+密钥编号+公钥”（liudong checkpoint --public-key 的输出）", param_hint="--vkey")
    return name, key


def _opened(path: Path, name: str, key: Ed25519PublicKey) -> Checkpoint:
    try:
        return open_checkpoint(path.read_text(encoding="utf-8"), name, key)
    except (OSError, CheckpointError) as error:
        err.print(f"[red]不通过[/red]：{path}：{error}")
        raise typer.Exit(1) from None


def verify_consistency(old: Annotated[Path, typer.Argument(help="较早的检查点文件")],
                       new: Annotated[Path, typer.Argument(help="较晚的检查点文件")],
                       proof_file: Annotated[Path, typer.Argument(help="一致性证明（GET /integrity/consistency 的应答）")],
                       vkey_text: Annotated[str, typer.Option("--vkey", help="核验公钥")]) -> None:
    """离线核验：两份检查点都由该公钥签名，且证明表明较晚的日志完整包含较早的日志。"""
    name, key = _vkey(vkey_text)
    first, second = _opened(old, name, key), _opened(new, name, key)
    try:
        proof: Any = json.loads(proof_file.read_text(encoding="utf-8"))
        path = [bytes.fromhex(h) for h in proof["path"]]
        sizes = (int(proof["from"]), int(proof["to"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        err.print(f"[red]无法读取证明文件[/red]：{error}")
        raise typer.Exit(1) from None
    if sizes != (first.size, second.size) or not consistent(first.size, second.size, first.root, second.root, path):
        err.print(f"[red]不通过[/red]：证明不能表明大小为 {second.size} 的日志包含大小为 {first.size} 的日志")
        raise typer.Exit(1)
    console.print(f"[green]一致[/green]：{second.origin} 大小 {second.size} 的日志完整包含大小 {first.size} 的日志")


def add_commands(app: typer.Typer) -> None:
    app.command()(checkpoint)
    app.command("verify-consistency")(verify_consistency)
