"""Import 10 000 contract rows from the template and from an SPSE export (benchmark (f)).

Each run imports into a fresh copy of the dataset (a real run, not a dry run: one
transaction, every row reported), through the command a person uses:
``rekanan import FILE --kind kontrak|lkpp``. The floor is ``run.import_floor``: csv parsing
plus one executemany INSERT of the same rows.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from harness import Measure, Row, Unavailable, repeat

CASES = (
    ("template_csv", "kontrak", "(f) Import 10 000 contract rows: template CSV"),
    ("template_xlsx", "kontrak", "(f) Import 10 000 contract rows: template XLSX"),
    ("spse_json", "lkpp", "(f) Import 10 000 contract rows: SPSE e-Kontrak JSON"),
    ("spse_csv", "lkpp", "(f) Import 10 000 contract rows: SPSE e-Kontrak CSV"),
)


def _import_command() -> Callable[[list[str]], int]:
    try:
        from rekanan.cli import build_parser, main
    except ImportError as error:
        raise Unavailable(f"rekanan.cli cannot be imported ({error})") from error
    parser = build_parser()
    for action in parser._actions:
        choices = getattr(action, "choices", None)
        if isinstance(choices, dict) and "import" in choices:
            return main
    raise Unavailable("`rekanan import` is not wired yet")


def import_measures(
    db: Path, runs: int, tmp: Path, files: dict[str, Path], floor: Measure
) -> list[Row]:
    """One row per file kind; the floor is shown even where the importer is missing."""
    floor_name = "csv + executemany INSERT, same rows"
    try:
        command = _import_command()
    except Unavailable as why:
        return [
            Row(name, None, floor, floor_name, "≤ 5 s", note=f"not available: {why}")
            for _, _, name in CASES
        ]
    rows = []
    work = tmp / "import-work.db"

    def fresh() -> None:
        shutil.copyfile(db, work)

    for key, kind, name in CASES:

        def once(path: Path = files[key], kind: str = kind) -> None:
            code = command(["import", str(path), "--kind", kind, "--db", str(work)])
            if code not in (0, 1):
                raise RuntimeError(f"rekanan import exited {code}")

        samples = []
        try:
            for _ in range(runs):
                fresh()
                samples.extend(repeat(once, 1).samples)
        except Exception as error:
            rows.append(Row(name, None, floor, floor_name, "≤ 5 s", note=f"failed: {error}"[:300]))
            continue
        finally:
            work.unlink(missing_ok=True)
        m = Measure(samples)
        rows.append(
            Row(
                name,
                m,
                floor,
                floor_name,
                "≤ 5 s",
                note="`rekanan import` in-process, real run on a copy of the dataset",
                meets=m.median <= 5,
            )
        )
    return rows
