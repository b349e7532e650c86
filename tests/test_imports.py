"""Every module of the project imports on its own: none works only because
another happened to be imported first (an import circle hidden by load order)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
PACKAGES = ("domain", "projections", "integrity", "service", "sheets", "demo", "api", "cli")


def modules() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_every_module_imports_alone_in_a_process_without_the_project_loaded() -> None:
    names = modules()
    assert len(names) > 100 and "domain.handlers" in names and "cli.main" in names
    done = subprocess.run([sys.executable, "-m", "tests.support.import_each", *names], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_import_that_needs_another_module_loaded_first_is_caught(tmp_path: Path) -> None:
    # Two modules of a throwaway package: `b` uses `a.VALUE` without importing `a`.
    package = tmp_path / "domain_probe"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("VALUE = 1\n")
    (package / "b.py").write_text("import domain_probe\nVALUE = domain_probe.a.VALUE\n")
    both = subprocess.run([sys.executable, "-c", "import domain_probe.a, domain_probe.b"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert both.returncode == 0  # works in this order...
    alone = subprocess.run([sys.executable, "-m", "tests.support.import_each", "domain_probe.b"],
                           cwd=ROOT, env={"PYTHONPATH": str(tmp_path)}, capture_output=True, text=True, check=False)
    assert alone.returncode == 1 and "domain_probe.b" in alone.stdout  # ...and is caught alone
