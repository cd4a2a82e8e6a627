"""Export 1 000 scorecards to PDF and to XLSX (benchmark (e)), beside the bare libraries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from harness import Row, Unavailable


def export_measures(db: Path, runs: int, tmp: Path, period: str, as_of: date) -> list[Row]:
    raise Unavailable("rekanan.io export does not exist yet")
