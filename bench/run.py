"""`make bench`: every figure on SQLite and on PostgreSQL, each beside a
baseline measured in the same run, printed as one table.

    python -m bench.run [--stores sqlite,postgres] [--scale 1.0] [--seconds 4]

Both sides of a ratio use the same durability (SQLite synchronous=FULL in WAL
mode; PostgreSQL synchronous_commit on) and share the machine's cores with
the load generator, which runs as its own process (bench/load.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.figures import measure
from bench.report import Figure, console, show, write_json

__all__ = ["main"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stores", default="sqlite,postgres")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each load run")
    parser.add_argument("--json", default="bench/latest.json")
    args = parser.parse_args()
    figures: list[Figure] = []
    for kind in args.stores.split(","):
        console.print(f"[bold]{kind}[/bold] …")
        figures += measure(kind, args.scale, args.seconds)
    show(figures)
    write_json(figures, Path(args.json))


if __name__ == "__main__":
    main()
