"""Timing, statistics, the results table and the machine description of ``bench/run.py``.

Standard-library timing (``time.perf_counter``) rather than pytest-benchmark: the runs here
are whole processes, Pilot sessions and batch jobs of seconds, each beside a floor, and the
output is one table, which a plain loop gives with less machinery.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path


class Unavailable(Exception):
    """A benchmark whose feature does not exist yet (or cannot run here): the row says why."""


@dataclass(slots=True)
class Measure:
    """Samples of one measured thing, in seconds (or bytes, with ``unit='bytes'``)."""

    samples: list[float]
    unit: str = "s"

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)


@dataclass(slots=True)
class Row:
    """One line of the results table."""

    name: str
    measure: Measure | None = None
    floor: Measure | None = None
    floor_name: str = ""
    target: str = ""
    note: str = ""
    meets: bool | None = None

    @property
    def ratio(self) -> float | None:
        if self.measure is None or self.floor is None or self.floor.median <= 0:
            return None
        return self.measure.median / self.floor.median


@dataclass(slots=True)
class Report:
    """Everything ``run.py`` prints and writes."""

    size: str
    runs: int
    rows: list[Row] = field(default_factory=list)
    dataset: str = ""
    machine: dict[str, str] = field(default_factory=dict)


def repeat(fn: Callable[[], object], runs: int, warmup: int = 0) -> Measure:
    """Time ``fn`` ``runs`` times after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return Measure(samples)


def fmt_value(value: float, unit: str) -> str:
    """Seconds as ms below 1 s, s above; bytes as MB."""
    if unit == "bytes":
        return f"{value / 2**20:.0f} MB"
    if value < 1:
        return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def fmt_spread(m: Measure) -> str:
    """``min–max`` of the samples, in the unit of the median."""
    if len(m.samples) == 1:
        return "(1 run)"
    return f"{fmt_value(m.low, m.unit)} – {fmt_value(m.high, m.unit)}"


HEADERS = ("Benchmark", "Median", "Spread (min – max)", "Floor", "Floor median", "Ratio", "Target")


def table_cells(row: Row) -> tuple[str, ...]:
    """The cells of one row: a missing measure shows its note instead of numbers."""
    if row.measure is None:
        status = "failed" if row.note.startswith("failed") else "n/a"
        floor = fmt_value(row.floor.median, row.floor.unit) if row.floor else ""
        return (row.name, status, "", row.floor_name, floor, "", row.target)
    m = row.measure
    floor = fmt_value(row.floor.median, row.floor.unit) if row.floor else ""
    ratio = f"{row.ratio:.1f}x" if row.ratio is not None else ""
    target = row.target
    if row.meets is not None and target:
        target += " ✓" if row.meets else " ✗"
    return (
        row.name,
        fmt_value(m.median, m.unit),
        fmt_spread(m),
        row.floor_name,
        floor,
        ratio,
        target,
    )


def text_table(report: Report) -> str:
    """A fixed-width table for the terminal."""
    cells = [HEADERS, *(table_cells(r) for r in report.rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADERS))]
    lines = []
    for n, line in enumerate(cells):
        lines.append("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"- {r.name}: {r.note}" for r in report.rows if r.note]
    return "\n".join(lines + (["", *notes] if notes else []))


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(report: Report) -> str:
    """The results as a Markdown page: machine, dataset, table, notes."""
    out = [f"# Benchmark results, size {report.size}", ""]
    out.append(f"Written by `bench/run.py --size {report.size} --runs {report.runs}`.")
    out.append("")
    out.append("## Machine")
    out.append("")
    for key, value in report.machine.items():
        out.append(f"- {key}: {value}")
    out.append("")
    out.append("## Dataset")
    out.append("")
    out.append(report.dataset)
    out.append("")
    out.append("## Results")
    out.append("")
    out.append(
        f"Median and spread of {report.runs} runs; the floor is measured in the same run; "
        "ratio = median / floor median. A target is marked ✓ or ✗ where issue 9 sets one "
        "(the targets are for size L)."
    )
    out.append("")
    out.append("| " + " | ".join(HEADERS) + " |")
    out.append("|" + "|".join("---" for _ in HEADERS) + "|")
    for row in report.rows:
        out.append("| " + " | ".join(_md_escape(c) for c in table_cells(row)) + " |")
    notes = [(r.name, r.note) for r in report.rows if r.note]
    if notes:
        out.append("")
        out.append("## Notes")
        out.append("")
        for name, note in notes:
            out.append(f"- **{_md_escape(name)}**: {note}")
    out.append("")
    return "\n".join(out)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_commit(root: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
        changed = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        # results written by an earlier run (M before L) are no change to what is measured
        changed = [line for line in changed if "bench/results/" not in line]
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    state = f"{len(changed)} files changed since" if changed else "clean working tree"
    return f"{out.stdout.strip()} ({state})"


def machine(root: Path) -> dict[str, str]:
    """What the numbers ran on: CPU, cores, RAM, OS, Python and library versions, commit."""
    return {
        "Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": _cpu_model(),
        "Cores": str(os.cpu_count()),
        "RAM": _ram(),
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "Textual": _version("textual"),
        "SQLAlchemy": _version("sqlalchemy"),
        "Commit": _git_commit(root),
        "Load average at start (1/5/15 min)": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
