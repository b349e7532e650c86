"""Settings: read once from the environment, then passed everywhere.

The store is a SQLite file (`LIUDONG_DB`, default `liudong.db`) unless
`DATABASE_URL` names a PostgreSQL database. `LIUDONG_SECRET_KEY` (64 hex
characters) keys the lookup of members by ID number; a SQLite store without
it keeps a generated key in a file beside the database. Event state is
encrypted with `LIUDONG_CIPHER_KEY` (base64 of 32 bytes; by default derived
from the secret key); `LIUDONG_OLD_CIPHER_KEYS` keeps earlier keys readable
during a rotation.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from base64 import b64encode
from functools import lru_cache
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings", "store_env"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LIUDONG_", extra="ignore")

    db: Path = Field(Path("liudong.db"), description="SQLite 数据文件")
    database_url: str | None = Field(None, validation_alias="DATABASE_URL",
                                     description="PostgreSQL 连接串（设置后使用 PostgreSQL）")
    pg_schema: str = Field("public", description="PostgreSQL 模式（每个县一个）")
    secret_key: SecretStr | None = Field(None, description="64位十六进制密钥")
    lock_timeout: int = Field(10, description="写入等待锁的最长秒数")
    cipher_key: SecretStr | None = Field(None, description="事件加密密钥（32字节的 base64）")
    old_cipher_keys: SecretStr | None = Field(None, description="轮换前的加密密钥（逗号分隔），仅用于读取")

    @property
    def uses_postgres(self) -> bool:
        return bool(self.database_url)

    @property
    def store_label(self) -> str:
        if self.database_url:
            info = conninfo_to_dict(self.database_url)
            return f"PostgreSQL {info.get('host', '')}/{info.get('dbname', '')} ({self.pg_schema})"
        return f"SQLite {self.db}"

    def identity_key(self) -> bytes:
        """The key for member ids derived from ID numbers (never the secret itself)."""
        return hmac.new(self._secret(), b"liudong member id", hashlib.sha256).digest()

    def cipher_env(self) -> dict[str, str]:
        """The library's cipher settings: AES-GCM over every event's state."""
        if self.cipher_key is not None:
            key = self.cipher_key.get_secret_value()
        else:
            key = b64encode(hmac.new(self._secret(), b"liudong event cipher", hashlib.sha256).digest()).decode()
        old = self.old_cipher_keys.get_secret_value() if self.old_cipher_keys else ""
        # Seals hide personal fields behind commitments keyed apart from the cipher, so they survive its rotation.
        commitment = hmac.new(self._secret(), b"liudong seal commitment", hashlib.sha256).hexdigest()
        return {"CIPHER_TOPIC": "integrity.cipher:RotatingCipher", "CIPHER_KEY": key, "CIPHER_OLD_KEYS": old,
                "SEAL_COMMITMENT_KEY": commitment}

    def _secret(self) -> bytes:
        if self.secret_key is not None:
            return bytes.fromhex(self.secret_key.get_secret_value())
        if self.uses_postgres:
            raise SystemExit("使用 PostgreSQL 时须设置 LIUDONG_SECRET_KEY（64位十六进制）")
        key_file = self.db.with_name(self.db.name + ".key")
        if not key_file.exists():
            key_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
        return bytes.fromhex(key_file.read_text().strip())


@lru_cache
def get_settings() -> Settings:
    return Settings()


def store_env(settings: Settings) -> dict[str, str]:
    """The eventsourcing library's persistence settings for this store."""
    if not settings.database_url:
        settings.db.parent.mkdir(parents=True, exist_ok=True)
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "APPLICATION_RECORDER_TOPIC": "service.recorders:SQLiteLedgerRecorder",
                **settings.cipher_env(),
                "SQLITE_DBNAME": str(settings.db),
                "SQLITE_LOCK_TIMEOUT": str(settings.lock_timeout)}
    info = conninfo_to_dict(settings.database_url)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "APPLICATION_RECORDER_TOPIC": "service.recorders:PostgresLedgerRecorder",
        **settings.cipher_env(),
        "POSTGRES_DBNAME": str(info.get("dbname", "")),
        "POSTGRES_HOST": str(info.get("host", "127.0.0.1")),
        "POSTGRES_PORT": str(info.get("port", "5432")),
        "POSTGRES_USER": str(info.get("user", "")),
        "POSTGRES_PASSWORD": str(info.get("password", "")),
        "POSTGRES_SCHEMA": settings.pg_schema,
        "POSTGRES_LOCK_TIMEOUT": str(settings.lock_timeout),
        "POSTGRES_POOL_SIZE": "4",
        "POSTGRES_MAX_OVERFLOW": "8",
    }
