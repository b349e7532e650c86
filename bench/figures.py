"""The figures measured in the bench's own process, one function each:
verify and export (ingest and rebuild: bench/ingest.py, bench/rebuild.py;
past statistics: bench/past.py); and `measure`, every figure of one store
(the HTTP ones come from bench/serving.py; growth: bench/growth.py)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.harness import END, RUNS, bench_store, median_of
from bench.ingest import ingest
from bench.past import past_statistics
from bench.rebuild import decode_rate, rebuild
from bench.report import Figure, console, figures_of
from bench.serving import http_figures
from integrity.verify import verify
from service.bootstrap import build_service
from service.process import Service
from sheets.export import cells, export_register, register_rows, write_xlsx

__all__ = ["export", "measure", "verification"]


def verification(kind: str, service: Service, baseline: float) -> Figure:
    """`baseline`: events per second read and decoded, measured in the same run."""
    recorder = service.ledger.recorder

    def verified() -> float:
        started = time.perf_counter()
        report = verify(recorder, recorder.sealer.leaves)
        assert report.ok, report.problem
        return report.checked / (time.perf_counter() - started)

    rate = verified()  # one run: not among the goals the bench's twenty minutes are kept for
    return Figure(kind, "verify the sealed log", rate, "events/s", baseline, "≥ 0.5×", rate / baseline >= 0.5,
                  "`liudong verify`: every event decrypted, its leaf, Merkle root and seal recomputed and compared; "
                  f"one run; baseline: reading and decoding the same events, no view (median of {RUNS})")


def export(kind: str, service: Service) -> Figure:
    """The whole register as xlsx (what GET /register.xlsx does) against openpyxl writing the same cells."""
    with tempfile.TemporaryDirectory() as folder:
        def exported() -> float:
            started = time.perf_counter()
            export_register(service, {}, Path(folder) / "register.xlsx", as_of=END)
            return time.perf_counter() - started

        rows = [cells(r, None) for r in register_rows(service.queries, {})]

        def written() -> float:
            started = time.perf_counter()
            write_xlsx(Path(folder) / "raw.xlsx", rows, service.queries.statistics(), [], "raw")
            return time.perf_counter() - started

        seconds, baseline = exported(), written()  # one run each, like verify
    return Figure(kind, "export the register (xlsx)", seconds, "s", baseline, "< 10 s", seconds < 10,
                  f"{len(rows)} members read from the views a page at a time, statistics and flags sheets included; "
                  "baseline: openpyxl writing the same cells already in memory; one run each")


@contextmanager
def _timed(label: str) -> Iterator[None]:
    """Where the bench's minutes go, printed as it runs."""
    started = time.perf_counter()
    yield
    console.print(f"  {label}: {time.perf_counter() - started:.0f} s")


def measure(kind: str, scale: float, seconds: float) -> list[Figure]:
    """Every figure of one store kind, on a fresh store filled with the demo county at `scale`:
    first in process, then over HTTP (bench/serving.py) with the bench's own service closed."""
    with bench_store(kind, "main") as settings:
        service = build_service(settings)
        with _timed("ingest"):
            loaded, county = ingest(kind, service, scale)
        with _timed("rebuild"):
            figures = figures_of(loaded) + figures_of(rebuild(kind, service))
        with _timed("verify, export, past statistics"):
            decoding = median_of(lambda: decode_rate(service))
            figures += [verification(kind, service, decoding), export(kind, service),
                        *past_statistics(kind, service, decoding)]
        service.close()
        with _timed("HTTP"):
            figures += http_figures(kind, settings, county, seconds)
    return figures
