"""Import 10 000 contract rows from the template and from an SPSE export (benchmark (f))."""

from __future__ import annotations

from pathlib import Path

from harness import Measure, Row, Unavailable


def import_measures(
    db: Path, runs: int, tmp: Path, files: dict[str, Path], floor: Measure
) -> list[Row]:
    raise Unavailable("rekanan.io importing does not exist yet")
