"""The rules keys are checked by, and keys kept in files (SQLite's embedded store):
what `service.settings` needs to refuse a bad key with one Chinese line."""

from __future__ import annotations

import binascii
import os
import secrets
import string
from base64 import b64decode
from pathlib import Path

__all__ = ["CIPHER_RULE", "SECRET_RULE", "cipher_key_problem", "key_file", "secret_key_problem"]

SECRET_RULE = "须为至少 64 个十六进制字符（256 位密钥，只含 0-9、a-f）"
CIPHER_RULE = "须为 32 字节密钥的 base64 编码（44 个字符）"


def key_file(key_file: Path) -> str:
    """A key kept in a file readable by its owner only, made with 256 random bits the first time."""
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32))
    text = key_file.read_text()
    if problem := secret_key_problem(text):
        raise SystemExit(f"密钥文件 {key_file} {problem}")
    return text.strip()


def secret_key_problem(text: str) -> str | None:
    """What is wrong with a secret key (hex of 256 bits or more), or None."""
    text = text.strip()
    if not set(text) <= set(string.hexdigits):
        return f"{SECRET_RULE}：含有其他字符"
    if len(text) < 64:
        return f"{SECRET_RULE}：只有 {len(text)} 个"
    return f"{SECRET_RULE}：字符数须为偶数" if len(text) % 2 else None


def cipher_key_problem(text: str) -> str | None:
    """What is wrong with a cipher key (standard base64 of exactly 32 bytes), or None."""
    try:
        key = b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        return f"{CIPHER_RULE}：不是标准 base64 编码"
    return f"{CIPHER_RULE}：解码后为 {len(key)} 字节" if len(key) != 32 else None
