"""Imports each named module of the project in a process of its own.

    python -m tests.support.import_each MODULE...

The libraries the project uses are imported once, then the process forks
once per module: each child starts with no module of the project loaded and
imports just one, so an import that works only because of the order in
which modules happen to load fails here. Prints one line per failure and
exits 1 if there was any.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback

# Third-party libraries only: never a module of the project.
LIBRARIES = ("eventsourcing.application", "eventsourcing.postgres", "eventsourcing.sqlite", "fastapi", "pydantic",
             "pydantic_settings", "psycopg", "psycopg_pool", "openpyxl", "typer", "rich.console", "uvicorn",
             "cryptography", "orjson", "jinja2")
PROJECT = ("domain", "projections", "integrity", "service", "sheets", "demo", "api", "cli", "bench")


def start(module: str) -> tuple[int, int]:
    """Forks a child with none of the project loaded that imports `module` and
    writes the error, if any, to the pipe it returns (with the child's pid)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return pid, read
    os.close(read)
    loaded = [name for name in sys.modules if name.split(".")[0] in PROJECT]
    try:
        if loaded:
            raise RuntimeError(f"project modules loaded before the import: {loaded}")
        importlib.import_module(module)
        message = b""
    except BaseException:
        message = traceback.format_exc(limit=-3).encode()[-60_000:]  # fits the pipe: the child never blocks
    os.write(write, message)
    os._exit(0)


def main(modules: list[str], at_once: int = max(2, os.cpu_count() or 2)) -> int:
    for library in LIBRARIES:
        importlib.import_module(library)
    running: dict[int, tuple[str, int]] = {}
    failures: list[tuple[str, str]] = []

    def reap() -> None:
        pid, _ = os.wait()
        module, pipe = running.pop(pid)
        with os.fdopen(pipe, "rb") as answer:
            if error := answer.read().decode():
                failures.append((module, error))

    for module in modules:
        while len(running) >= at_once:
            reap()
        pid, pipe = start(module)
        running[pid] = (module, pipe)
    while running:
        reap()
    for module, error in sorted(failures):
        print(f"{module}: {error.strip().splitlines()[-1]}\n{error}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
