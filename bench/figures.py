"""The figures measured in the bench's own process, one function each:
verify, export and growth (ingest and rebuild: bench/ingest.py, bench/rebuild.py); and `measure`, every figure
of one store (the HTTP ones come from bench/serving.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import END, RUNS, bench_store, env_for, median_of
from bench.ingest import ingest
from bench.load import percentile
from bench.past import past_statistics
from bench.rebuild import decode_rate, rebuild
from bench.report import Figure
from bench.serving import http_figures
from demo import load_demo
from integrity.verify import verify
from service.bootstrap import build_service
from service.process import Service
from service.settings import Settings
from sheets.export import cells, export_register, register_rows, write_xlsx

__all__ = ["export", "growth", "measure", "register_p99", "verification"]


def verification(kind: str, service: Service) -> Figure:
    recorder = service.ledger.recorder

    def verified() -> float:
        started = time.perf_counter()
        report = verify(recorder, recorder.sealer.leaves)
        assert report.ok, report.problem
        return report.checked / (time.perf_counter() - started)

    rate, baseline = median_of(verified), median_of(lambda: decode_rate(service))
    return Figure(kind, "verify the sealed log", rate, "events/s", baseline, "≥ 0.5×", rate / baseline >= 0.5,
                  "`liudong verify`: every event decrypted, its leaf, Merkle root and seal recomputed and compared; "
                  f"baseline: reading and decoding the same events, no view; medians of {RUNS}")


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

        seconds, baseline = median_of(exported), median_of(written)
    return Figure(kind, "export the register (xlsx)", seconds, "s", baseline, "< 10 s", seconds < 10,
                  f"{len(rows)} members read from the views a page at a time, statistics and flags sheets included; "
                  f"baseline: openpyxl writing the same cells already in memory; medians of {RUNS}")


def growth(kind: str, big: Settings, scale: float) -> list[Figure]:
    runs = {}
    with bench_store(kind, "small") as small:
        service = build_service(small)
        load_demo(service.ledger, end=END, scale=scale / 10)
        service.close()
        for label, settings in (("small", small), ("big", big)):
            done = subprocess.run([sys.executable, "-m", "bench.child"], env=env_for(settings),
                                  capture_output=True, text=True, check=True)
            runs[label] = json.loads(done.stdout)
            runs[label]["p99"] = register_p99(settings)
    events = runs["big"]["events"] / runs["small"]["events"]
    seconds = runs["big"]["seconds"] / runs["small"]["seconds"]
    memory = runs["big"]["max_rss_mb"] / runs["small"]["max_rss_mb"]
    p99 = runs["big"]["p99"] / runs["small"]["p99"]
    sizes = f"{runs['small']['events']} → {runs['big']['events']} events (×{events:.1f})"
    return [
        Figure(kind, "growth: rebuild time", seconds, "× time", None, f"≤ 1.1 × events (×{1.1 * events:.1f})",
               seconds <= 1.1 * events, f"{sizes}; {runs['small']['seconds']:.1f} s → {runs['big']['seconds']:.1f} s"),
        Figure(kind, "growth: rebuild peak memory", memory, "× RSS", None, "≤ 1.2×", memory <= 1.2,
               f"{sizes}; {runs['small']['max_rss_mb']:.0f} MB → {runs['big']['max_rss_mb']:.0f} MB"),
        Figure(kind, "growth: register query p99", p99, "× p99", None, "≤ 1.2× (must not grow)", p99 <= 1.2,
               f"{sizes}; in-process register page (township, status) "
               f"{1000 * runs['small']['p99']:.2f} ms → {1000 * runs['big']['p99']:.2f} ms"),
    ]


def register_p99(settings: Settings) -> float:
    service = build_service(settings)
    townships = [o["org_id"] for o in service.queries.organisations() if o["kind"] == "township_committee"]
    times = []
    for i in range(300):
        started = time.perf_counter()
        service.queries.register(org_id=townships[i % len(townships)], status="reported_in", size=50)
        times.append(time.perf_counter() - started)
    service.close()
    return percentile(times, 0.99)


def measure(kind: str, scale: float, seconds: float) -> list[Figure]:
    """Every figure of one store kind, on a fresh store filled with the demo county at `scale`."""
    with bench_store(kind, "main") as settings:
        service = build_service(settings)
        first, county = ingest(kind, service, scale)
        figures = [first, rebuild(kind, service), verification(kind, service), export(kind, service),
                   *past_statistics(kind, service, median_of(lambda: decode_rate(service)))]
        figures += http_figures(kind, service, settings, county, seconds)
        service.close()
        figures += growth(kind, settings, scale)
    return figures
