"""Keys are checked when the settings are read: an empty, short or malformed
secret or cipher key stops `liudong` with one Chinese line (no traceback) and
nothing is created; every accepted form of a good key still works."""

from __future__ import annotations

import subprocess
from base64 import b64encode
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from pydantic import ValidationError

from service.settings import Settings, get_settings
from tests.support.helpers import cli_env, liudong
from tests.support.stores import Store

GOOD_SECRET = "5f" * 32
GOOD_CIPHER = b64encode(bytes(range(32))).decode()
SHORT_CIPHER = b64encode(bytes(16)).decode()

BAD_SECRETS = {"empty": "", "128 bits": "ab" * 16, "one hex digit short": "ab" * 31 + "a",
               "not hex": "zz" * 32, "hex with a space inside": "ab" * 16 + " " + "ab" * 16}
BAD_CIPHERS = {"empty": "", "16 bytes": SHORT_CIPHER, "not base64": "这不是密钥" * 9,
               "url-safe base64": b64encode(b"\xfb" * 32).decode().replace("+", "-").replace("/", "_")}
BAD_OLD_KEYS = {"a short one after a good one": f"{GOOD_CIPHER},{SHORT_CIPHER}",
                "one that is not base64": "%%%%"}


def settings(tmp_path: Path, **keys: str | None) -> Settings:
    return Settings(db=tmp_path / "ledger.db", database_url=None, **keys)  # type: ignore[arg-type]


@pytest.mark.parametrize("key", BAD_SECRETS.values(), ids=BAD_SECRETS.keys())
def test_settings_refuse_a_secret_key_under_256_bits_or_not_hex(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValidationError, match="LIUDONG_SECRET_KEY 须为至少 64 个十六进制字符") as caught:
        settings(tmp_path, secret_key=key)
    assert not key or key not in str(caught.value), "the error shows the key"


@pytest.mark.parametrize("key", BAD_CIPHERS.values(), ids=BAD_CIPHERS.keys())
def test_settings_refuse_a_cipher_key_that_is_not_base64_of_32_bytes(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValidationError, match="LIUDONG_CIPHER_KEY 须为 32 字节密钥的 base64 编码"):
        settings(tmp_path, secret_key=GOOD_SECRET, cipher_key=key)


@pytest.mark.parametrize("keys", BAD_OLD_KEYS.values(), ids=BAD_OLD_KEYS.keys())
def test_settings_refuse_an_old_cipher_key_that_is_not_base64_of_32_bytes(tmp_path: Path, keys: str) -> None:
    with pytest.raises(ValidationError, match="LIUDONG_OLD_CIPHER_KEYS 中第 [12] 个密钥须为 32 字节密钥的 base64"):
        settings(tmp_path, secret_key=GOOD_SECRET, old_cipher_keys=keys)


def test_settings_accept_every_form_of_a_good_key(tmp_path: Path) -> None:
    for secret in (GOOD_SECRET, GOOD_SECRET.upper(), "0123456789abcdef" * 8, f" {GOOD_SECRET}\n"):
        assert len(settings(tmp_path, secret_key=secret).identity_key()) == 32
    accepted = settings(tmp_path, secret_key=GOOD_SECRET, cipher_key=f"{GOOD_CIPHER}\n",
                        old_cipher_keys=f"{GOOD_CIPHER}, {GOOD_CIPHER},")
    assert accepted.cipher_env()["CIPHER_KEY"].strip() == GOOD_CIPHER
    assert settings(tmp_path, secret_key=GOOD_SECRET, old_cipher_keys="").cipher_env()["CIPHER_OLD_KEYS"] == ""


def test_a_damaged_key_file_stops_with_a_chinese_line_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "ledger.db.key").write_text("ab" * 16 + "\n")
    with pytest.raises(SystemExit, match=r"密钥文件 .*ledger\.db\.key 须为至少 64 个十六进制字符.*：只有 32 个"):
        settings(tmp_path, secret_key=None).identity_key()


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[pytest.MonkeyPatch]:
    for name in ("LIUDONG_SECRET_KEY", "LIUDONG_CIPHER_KEY", "LIUDONG_OLD_CIPHER_KEYS", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LIUDONG_DB", str(tmp_path / "ledger.db"))
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_reading_the_settings_turns_every_bad_key_into_one_chinese_line(clean_environment: pytest.MonkeyPatch) -> None:
    clean_environment.setenv("LIUDONG_SECRET_KEY", "")
    clean_environment.setenv("LIUDONG_CIPHER_KEY", SHORT_CIPHER)
    with pytest.raises(SystemExit) as caught:
        get_settings()
    message = str(caught.value.code)
    assert message.startswith("配置有误：LIUDONG_SECRET_KEY 须为至少 64 个十六进制字符") and "\n" not in message
    assert "；LIUDONG_CIPHER_KEY 须为 32 字节密钥的 base64 编码" in message


CLI_CASES = {"empty secret": ("LIUDONG_SECRET_KEY", BAD_SECRETS["empty"]),
             "128-bit secret": ("LIUDONG_SECRET_KEY", BAD_SECRETS["128 bits"]),
             "non-hex secret": ("LIUDONG_SECRET_KEY", BAD_SECRETS["not hex"]),
             "16-byte cipher key": ("LIUDONG_CIPHER_KEY", SHORT_CIPHER),
             "non-base64 cipher key": ("LIUDONG_CIPHER_KEY", BAD_CIPHERS["not base64"]),
             "short old cipher key": ("LIUDONG_OLD_CIPHER_KEYS", BAD_OLD_KEYS["a short one after a good one"])}


def test_liudong_stops_on_a_bad_key_with_one_chinese_line_and_stores_nothing(store: Store) -> None:
    def init(variable: str, value: str) -> subprocess.CompletedProcess[str]:
        return liudong({**cli_env(store), variable: value},
                       "init", "--county-code", "511922", "--county-name", "南江县", "--admin", "王明")

    with ThreadPoolExecutor(max_workers=3) as pool:  # one process each; they create nothing, so at once
        answers = dict(zip(CLI_CASES, pool.map(lambda case: init(*case), CLI_CASES.values()), strict=True))
    for case, done in answers.items():
        variable = CLI_CASES[case][0]
        assert done.returncode != 0, (case, done.stdout)
        assert "Traceback" not in done.stderr, (case, done.stderr)
        assert done.stderr.strip().startswith(f"配置有误：{variable}") and len(done.stderr.strip().splitlines()) == 1
    assert not tables(store), "a refused command created tables"


def tables(store: Store) -> list[str]:
    """The store's tables (none for a SQLite file that does not exist)."""
    if store.kind == "sqlite":
        return ["(SQLite file)"] if store.settings.db.exists() else []
    assert store.settings.database_url is not None
    with psycopg.connect(store.settings.database_url) as conn:
        rows = conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                            (store.settings.pg_schema,)).fetchall()
    return [row[0] for row in rows]
