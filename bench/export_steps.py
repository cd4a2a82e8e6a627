"""Export 1 000 scorecards to PDF and to XLSX (benchmark (e)), beside the bare libraries.

Floors: fpdf2 writing 1 000 one-page A4 documents with as much text as a scorecard (a
letterhead, a 4-row aspect table, 20 lines) in a core font, and openpyxl writing one sheet of
1 000 rows x 16 columns in write-only mode. What ``rekanan`` adds on top is loading the data,
the rules, layout, an embedded TrueType font and a chart.
"""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from harness import Measure, Row, Unavailable, repeat

COUNT = 1_000


def pdf_floor(folder: Path) -> None:
    """1 000 one-page PDFs of scorecard-like text with fpdf2 and a core font."""
    from fpdf import FPDF

    folder.mkdir(parents=True, exist_ok=True)
    for n in range(COUNT):
        pdf = FPDF(format="A4")
        pdf.add_page()
        pdf.set_font("helvetica", "B", 14)
        pdf.cell(0, 8, "PEMERINTAH KABUPATEN CONTOH", new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.cell(0, 8, "Dinas Komunikasi dan Informatika", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "", 10)
        pdf.cell(0, 6, f"Kartu kinerja rekanan {n} - 2026-Q3", new_x="LMARGIN", new_y="NEXT")
        for aspect in ("Kualitas", "Biaya", "Waktu", "Layanan"):
            pdf.cell(60, 6, aspect, border=1)
            pdf.cell(30, 6, "30 %", border=1)
            pdf.cell(30, 6, "2,50", border=1, new_x="LMARGIN", new_y="NEXT")
        for line in range(20):
            pdf.cell(
                0, 5, f"Baris {line}: Rp1.250.000,00 - 7 Maret 2026", new_x="LMARGIN", new_y="NEXT"
            )
        pdf.output(str(folder / f"kartu-{n:04d}.pdf"))
    shutil.rmtree(folder)


def xlsx_floor(path: Path) -> None:
    """One sheet, 1 000 rows x 16 columns, openpyxl write-only."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Ringkasan")
    sheet.append([f"kolom {c}" for c in range(16)])
    for n in range(COUNT):
        sheet.append([f"PT Rekanan {n}", "01.234.567.8-901.000", 2.5, 3, 2, 2, 3, "Baik"] + [n] * 8)
    book.save(path)
    path.unlink()


def _find(module_names: tuple[str, ...], names: tuple[str, ...]) -> tuple[str, Callable[..., Any]]:
    """The first of ``names`` found in the first importable of ``module_names``."""
    seen = []
    for module_name in module_names:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        seen.append(module_name)
        for name in names:
            fn = getattr(module, name, None)
            if callable(fn):
                return f"{module_name}.{name}", fn
    where = ", ".join(seen) or "no rekanan.io export module"
    raise Unavailable(f"no function among {', '.join(names)} in {where}")


def export_measures(db: Path, runs: int, tmp: Path, period: str, as_of: date) -> list[Row]:
    """Rows for PDF and XLSX: the floors always, rekanan's exports when they exist."""
    folder = tmp / "export"
    pdf_runs = max(1, min(runs, 3))  # each run is 1 000 documents
    pdf_floor_m = repeat(lambda: pdf_floor(folder / "floor"), pdf_runs)
    xlsx_floor_m = repeat(lambda: xlsx_floor(tmp / "floor.xlsx"), runs)
    rows: list[Row] = []
    try:
        rows.append(_export_row("pdf", db, pdf_runs, folder, period, as_of, pdf_floor_m))
    except Unavailable as why:
        rows.append(_missing("pdf", str(why), pdf_floor_m))
    try:
        rows.append(_export_row("xlsx", db, runs, folder, period, as_of, xlsx_floor_m))
    except Unavailable as why:
        rows.append(_missing("xlsx", str(why), xlsx_floor_m))
    return rows


def _label(kind: str) -> tuple[str, str, str]:
    if kind == "pdf":
        return (
            "(e) Export 1 000 scorecards to PDF",
            "fpdf2 alone, 1 000 one-page PDFs",
            "≤ 30 s",
        )
    return ("(e) Export 1 000 scorecards to XLSX", "openpyxl alone, 1 000 rows", "")


def _missing(kind: str, why: str, floor: Measure) -> Row:
    name, floor_name, target = _label(kind)
    return Row(name, None, floor, floor_name, target, note=f"not available: {why}")


def _export_row(
    kind: str, db: Path, runs: int, folder: Path, period: str, as_of: date, floor: Measure
) -> Row:
    """Time rekanan's batch export of the first 1 000 suppliers, through the CLI entry."""
    from rekanan.cli import main as cli_main

    probe = _cli_has_scorecard_export()
    if not probe:
        raise Unavailable("`rekanan scorecard --all --format pdf|xlsx` is not wired yet")
    name, floor_name, target = _label(kind)
    out = folder / kind
    suppliers = _first_npwps(db, COUNT)

    def once() -> None:
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        target_path = out if kind == "pdf" else out / "kartu.xlsx"
        code = cli_main(
            [
                "scorecard",
                *suppliers,
                "--period",
                period,
                "--format",
                kind,
                "-o",
                str(target_path),
                "--db",
                str(db),
            ]
        )
        if code != 0:
            raise RuntimeError(f"rekanan scorecard exited {code}")

    cpu_before = _cpu_seconds()
    m = repeat(once, runs)
    cpu = (_cpu_seconds() - cpu_before) / max(len(m.samples), 1)
    return Row(
        name,
        m,
        floor,
        floor_name,
        target,
        note=f"`rekanan scorecard` with {len(suppliers):,} NPWPs, in-process; "
        f"{cpu:.1f} s CPU per run (this process and its PDF worker processes)",
        meets=(m.median <= 30) if target else None,
    )


def _cpu_seconds() -> float:
    """User + system time of this process and its finished children (the PDF workers)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _first_npwps(db: Path, count: int) -> list[str]:
    """NPWPs of the first ``count`` suppliers: how a person names suppliers on the CLI."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return [
            n
            for (n,) in con.execute(
                "SELECT npwp FROM supplier WHERE npwp IS NOT NULL ORDER BY id LIMIT ?", (count,)
            )
        ]
    finally:
        con.close()


def _cli_has_scorecard_export() -> bool:
    try:
        from rekanan.cli import build_parser
    except ImportError:
        return False
    parser = build_parser()
    for action in parser._actions:
        choices = getattr(action, "choices", None)
        if isinstance(choices, dict) and "scorecard" in choices:
            sub = choices["scorecard"]
            return any("--format" in a.option_strings for a in sub._actions)
    return False
