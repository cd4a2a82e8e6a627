"""Import 10 000 contract rows from the template and from an SPSE export (benchmark (f)).

Each run imports into a fresh copy of the dataset (a real run, not a dry run: one
transaction, every row reported), through the command a person uses:
``rekanan import FILE --kind kontrak|lkpp``. The floor is ``run.import_floor``: csv parsing
plus one executemany INSERT of the same rows.

The re-import row imports the template CSV once (untimed), then times importing it again
with another value in every row, so that each of the 10 000 rows is an update (version,
audit row with before and after); its floor is csv parsing plus one executemany UPDATE.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import import_files
from harness import Measure, Row, Unavailable, repeat

REIMPORT = "(f) Re-import 10 000 changed contract rows (template CSV)"

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
            for name in [*(name for _, _, name in CASES), REIMPORT]
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
    rows.append(_reimport(command, db, runs, tmp, files["template_csv"]))
    return rows


def _reimport(
    command: Callable[[list[str]], int], db: Path, runs: int, tmp: Path, template: Path
) -> Row:
    """The template CSV imported again with another value in every row: 10 000 updates."""
    floor_name = "csv + executemany UPDATE, same rows"
    base = tmp / "reimport-base.db"
    work = tmp / "reimport-work.db"
    changed = import_files.write_template_csv(
        import_files.changed_rows(import_files.read_template_csv(template)),
        tmp / "kontrak-changed.csv",
    )
    try:
        shutil.copyfile(db, base)
        if command(["import", str(template), "--kind", "kontrak", "--db", str(base)]) not in (0, 1):
            raise RuntimeError("the first import failed")
        samples, floors = [], []
        for _ in range(runs):
            shutil.copyfile(base, work)
            started = time.perf_counter()
            code = command(["import", str(changed), "--kind", "kontrak", "--db", str(work)])
            samples.append(time.perf_counter() - started)
            if code not in (0, 1):
                raise RuntimeError(f"rekanan import exited {code}")
            updated = _updated(work)
            if updated != 10_000:
                raise RuntimeError(f"{updated} contracts updated, not 10 000")
            shutil.copyfile(base, work)
            floors.extend(repeat(lambda: _update_floor(changed, work), 1).samples)
    except Exception as error:
        return Row(REIMPORT, None, None, floor_name, "≤ 5 s", note=f"failed: {error}"[:300])
    finally:
        for path in (base, work):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    m = Measure(samples)
    return Row(
        REIMPORT,
        m,
        Measure(floors),
        floor_name,
        "≤ 5 s",
        note="`rekanan import` in-process: every row an update (version, audit before/after)",
        meets=m.median <= 5,
    )


def _updated(path: Path) -> int:
    """How many of the file's contracts the re-import moved to version 2."""
    con = sqlite3.connect(path)
    try:
        found = con.execute(
            "SELECT COUNT(*) FROM contract WHERE number LIKE 'IMP/%' AND version = 2"
        ).fetchone()
        return int(found[0])
    finally:
        con.close()


def _update_floor(path: Path, work: Path) -> None:
    """csv.DictReader, Rupiah parsed, one executemany UPDATE by contract number."""
    con = sqlite3.connect(work)
    try:
        values = [
            (int(r["nilai"].replace(".", "")), r["nomor"])
            for r in import_files.read_template_csv(path)
        ]
        con.executemany(
            "UPDATE contract SET value = ?, version = version + 1 WHERE number = ?", values
        )
        con.commit()
    finally:
        con.close()
