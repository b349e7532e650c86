"""Settings: read once from the environment, checked, then passed everywhere.

The store is a SQLite file (`LIUDONG_DB`) or PostgreSQL (`DATABASE_URL`). Keys:
`LIUDONG_SECRET_KEY` (64+ hex characters; for SQLite, generated into `<db>.key`
if unset), `LIUDONG_CIPHER_KEY` and `LIUDONG_OLD_CIPHER_KEYS` (base64 of 32
bytes). A bad value stops the process with one Chinese line (`get_settings`).
"""

from __future__ import annotations

import hashlib
import hmac
from base64 import b64encode
from functools import lru_cache
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.keys import cipher_key_problem, key_file, secret_key_problem

__all__ = ["READ_THREADS", "Settings", "deployment_settings", "get_settings", "replica_env", "store_env"]

# Threads for reads (api/threads.py), measured: docs/benchmarks.md, "Threads for reads". SQLite's
# queries run in this process, and more threads only took the GIL from each other; PostgreSQL's
# run in the server's processes, and anyio's default of 40 served the most.
READ_THREADS = {"sqlite": 2, "postgres": 40}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LIUDONG_", extra="ignore", hide_input_in_errors=True)

    db: Path = Field(Path("liudong.db"), description="SQLite 数据文件")
    database_url: str | None = Field(None, validation_alias="DATABASE_URL",
                                     description="PostgreSQL 连接串（设置后使用 PostgreSQL）")
    pg_schema: str = Field("public", description="PostgreSQL 模式（每个县一个）")
    secret_key: SecretStr | None = Field(None, description="密钥（至少 64 个十六进制字符）")
    lock_timeout: int = Field(10, description="写入等待锁的最长秒数")
    read_threads: int | None = Field(None, ge=1, le=64, description="查询请求使用的线程数（默认 SQLite 2，PostgreSQL 40）")
    cipher_key: SecretStr | None = Field(None, description="事件加密密钥（32字节的 base64）")
    old_cipher_keys: SecretStr | None = Field(None, description="轮换前的加密密钥（逗号分隔），仅用于读取")
    read_url: str | None = Field(None, description="PostgreSQL 流复制只读副本的连接串（设置后查询从副本读取，记录写入主库）")
    read_wait: float = Field(2.0, gt=0, le=30, description="查询等待副本追上所要求位置的最长秒数，超过则返回 503")
    signing_key: SecretStr | None = Field(None, description="检查点签名密钥（Ed25519 种子：64 个十六进制字符）")
    ready_lag: int = Field(1000, ge=0, description="就绪检查：视图最多可落后日志多少条记录")
    deployment_schema: str = Field("liudong", description="多县部署的登记模式（各县模式以它为前缀）")
    person_key: SecretStr | None = Field(None, description="跨县识别同一人的密钥（至少 64 个十六进制字符）")
    pg_pool_size: int = Field(40, ge=4, le=90, description="多县部署共用的 PostgreSQL 连接数上限")
    metrics: bool = Field(True, description="收集监控指标（GET /metrics 另须设置指标令牌）")
    metrics_token: SecretStr | None = Field(None, min_length=32, description="读取 /metrics 的令牌（至少 32 个字符）")
    county: str | None = Field(None, pattern=r"^\d{6}$",
                               description="多县部署中命令行所办理的县（县代码；其模式为登记模式名_县代码）")
    shared_pool: str | None = Field(None, exclude=True, description="（内部）县所借用的共用连接池名")
    county_code: str | None = Field(None, exclude=True, description="（内部）多县部署中本县的代码")

    @field_validator("secret_key")
    @classmethod
    def _secret_key_has_256_bits_in_hex(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and (problem := secret_key_problem(value.get_secret_value())):
            raise ValueError(f"LIUDONG_SECRET_KEY {problem}")
        return value

    @field_validator("person_key")
    @classmethod
    def _person_key_has_256_bits_in_hex(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and (problem := secret_key_problem(value.get_secret_value())):
            raise ValueError(f"LIUDONG_PERSON_KEY {problem}")
        return value

    @field_validator("signing_key")
    @classmethod
    def _signing_key_is_a_seed(cls, value: SecretStr | None) -> SecretStr | None:
        text = value.get_secret_value().strip() if value is not None else ""
        if value is not None and ((problem := secret_key_problem(text)) or len(text) != 64 or len(set(text)) < 8):
            raise ValueError(f"LIUDONG_SIGNING_KEY {problem or '须为恰好 64 个十六进制字符且不能过于简单（至少 8 种字符）'}")
        return value

    @field_validator("cipher_key")
    @classmethod
    def _cipher_key_is_32_bytes(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and (problem := cipher_key_problem(value.get_secret_value())):
            raise ValueError(f"LIUDONG_CIPHER_KEY {problem}")
        return value

    @field_validator("old_cipher_keys")
    @classmethod
    def _old_cipher_keys_are_32_bytes(cls, value: SecretStr | None) -> SecretStr | None:
        keys = [k for k in value.get_secret_value().split(",") if k.strip()] if value is not None else []
        for number, key in enumerate(keys, 1):
            if problem := cipher_key_problem(key):
                raise ValueError(f"LIUDONG_OLD_CIPHER_KEYS 中第 {number} 个密钥{problem}")
        return value

    @property
    def read_thread_count(self) -> int:
        return self.read_threads or READ_THREADS["postgres" if self.uses_postgres else "sqlite"]

    @property
    def uses_postgres(self) -> bool:
        return bool(self.database_url)

    @property
    def store_label(self) -> str:
        if self.database_url:
            info = conninfo_to_dict(self.database_url)
            return f"PostgreSQL {info.get('host', '')}/{info.get('dbname', '')} ({self.pg_schema})"
        return f"SQLite {self.db}"

    @property
    def names_one_schema(self) -> bool:
        """LIUDONG_PG_SCHEMA was given: one county, as before several counties shared a deployment."""
        return "pg_schema" in self.model_fields_set

    def for_county(self, code: str, schema: str, pool: str | None = None) -> Settings:
        """One county of a deployment: its own schema, and keys derived from the deployment's
        secret and its code, so that one county's key opens nothing of another's (an HMAC
        cannot be turned back into the secret). No county shares a cipher key given outright."""
        county_secret = hmac.new(self._secret(), f"liudong county {code}".encode(), hashlib.sha256).hexdigest()
        return self.model_copy(update={"pg_schema": schema, "secret_key": SecretStr(county_secret),
                                       "cipher_key": None, "old_cipher_keys": None, "shared_pool": pool,
                                       "county_code": code})

    def person_secret(self) -> bytes:
        """The deployment-wide key of the cross-county person index (never a county's key)."""
        if self.person_key is None:
            raise SystemExit("跨县转接须设置 LIUDONG_PERSON_KEY（至少 64 个十六进制字符，与各县密钥分开保管）")
        return bytes.fromhex(self.person_key.get_secret_value().strip())

    def signing_seed(self) -> bytes | None:
        """The Ed25519 seed that signs checkpoints: its own key, never the cipher's. None on PostgreSQL
        without one (checkpoints are refused there); SQLite keeps a generated one beside the file.
        A county of a deployment signs with a key derived from it and its code."""
        if self.signing_key is not None:
            seed = bytes.fromhex(self.signing_key.get_secret_value().strip())
        elif self.uses_postgres:
            return None
        else:
            seed = bytes.fromhex(key_file(self.db.with_name(self.db.name + ".signing.key")))
        if self.county_code:
            seed = hmac.new(seed, f"liudong county signing {self.county_code}".encode(), hashlib.sha256).digest()
        return seed

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
            return bytes.fromhex(self.secret_key.get_secret_value().strip())
        if self.uses_postgres:
            raise SystemExit("使用 PostgreSQL 时须设置 LIUDONG_SECRET_KEY（至少 64 个十六进制字符）")
        return bytes.fromhex(key_file(self.db.with_name(self.db.name + ".key")))


@lru_cache
def deployment_settings() -> Settings:
    """The settings as given. A bad value stops the process with one Chinese
    line naming each variable and what is wrong (never the value itself)."""
    try:
        return Settings()
    except ValidationError as error:
        raise SystemExit("配置有误：" + "；".join(_problem(e) for e in error.errors())) from None


@lru_cache
def get_settings() -> Settings:
    """This process's settings: as given, or the county `LIUDONG_COUNTY` names of a deployment."""
    settings = deployment_settings()
    if settings.county:  # one county of a deployment (service/deployment.py names its schema so)
        return settings.for_county(settings.county, f"{settings.deployment_schema}_{settings.county}")
    return settings


def _problem(error: ErrorDetails) -> str:
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, ValueError):
        return str(cause)  # our own checks name the variable
    field = str(error["loc"][0]) if error["loc"] else ""
    return f"{field if field.isupper() else 'LIUDONG_' + field.upper()} 的值无效（{error['msg']}）"


def replica_env(settings: Settings) -> dict[str, str] | None:
    """The views' store on the read replica (`LIUDONG_READ_URL`): the same schema, never written,
    so nothing is created there (a standby refuses even CREATE TABLE IF NOT EXISTS)."""
    if not settings.read_url or not settings.uses_postgres:
        return None
    env = store_env(settings.model_copy(update={"database_url": settings.read_url, "shared_pool": None}))
    return {**env, "CREATE_TABLE": "no", "POSTGRES_POOL_SIZE": "2", "POSTGRES_MAX_OVERFLOW": "38"}


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
        **({"PERSISTENCE_MODULE": "service.shared_pool:SharedPoolFactory", "SHARED_POOL": settings.shared_pool}
           if settings.shared_pool else {}),
        # A county of a deployment enters its new credentials in the deployment's token index.
        **({"DEPLOYMENT_SCHEMA": settings.deployment_schema, "COUNTY_CODE": settings.county_code}
           if settings.county_code else {}),
    }
