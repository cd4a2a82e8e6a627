"""Planning an import: the header checked, each row mapped by its kind, outside any transaction.

Rows that cannot be read, rows of another satker and rows the kind's ``plan`` refuses go
straight into the report; the others wait, as ``Planned``, for the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from rekanan.config import Agency
from rekanan.io import values as v
from rekanan.io.importing.origin import KLPD_COLUMNS, SATKER_COLUMNS, Census, cell_of, chosen
from rekanan.io.importing.report import ImportReport, Outcome, RowResult
from rekanan.io.importing.spec import KindSpec, Plan, RowCells, RowRejected
from rekanan.io.tabular import FileProblem, Rows

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called now and then, for a progress bar."""

CHUNK = 500


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to run one import."""

    dry_run: bool = False
    satker: str | Sequence[str] | None = None
    """Only rows of these satker (part of a name, matched as ``origin.satker_chosen``)."""
    user: str | None = None
    progress: Progress | None = None
    agency: Agency | None = None
    """The agency importing: rows of other KLPD or satker are named in the report."""
    as_of: date | None = None
    """The day the report's alert forecast is for (today when None)."""

    @property
    def satkers(self) -> tuple[str, ...]:
        """The satker filter as a list of non-empty names."""
        given = [self.satker] if isinstance(self.satker, str) else list(self.satker or ())
        return tuple(s.strip() for s in given if s and s.strip())


def known_columns(spec: KindSpec) -> set[str]:
    """The columns (and their aliases) a kind reads."""
    return {*spec.column_names, *spec.aliases}


@dataclass(slots=True)
class Planned:
    """A row that planned cleanly, waiting for the database."""

    row: int
    plan: Plan


def check_header(spec: KindSpec, rows: Rows) -> list[str]:
    """Notes about the header; a missing required column refuses the file."""
    present = set(rows.columns)
    for alias, target in spec.aliases.items():
        if alias in present and target not in present:
            present.add(target)
    # JSON records each carry their own keys: a missing one rejects just that record
    missing = [c for c in spec.required if c not in present] if rows.row_label == "baris" else []
    if missing:
        if spec.template:
            hint = f" Buat templatnya dengan `rekanan template {spec.name} -o templat.xlsx`."
        else:
            hint = " Periksa bahwa berkas ini memang ekspor e-Kontrak SPSE/LKPP."
        if spec.name != "lkpp" and {"no_kontrak", "nama_paket"} <= present:
            hint += " Berkas ini tampaknya ekspor SPSE e-Kontrak: impor dengan --kind lkpp."
        raise FileProblem(
            f"Kolom wajib untuk jenis '{spec.name}' tidak ada: {', '.join(missing)}." + hint
        )
    if not spec.template:
        return []
    known = known_columns(spec) | {"satker", "status", "nama_rekanan", "catatan", "nomor_surat"}
    unknown = [c for c in rows.columns if c not in known]
    if unknown:
        return [f"Kolom tidak dikenal diabaikan: {', '.join(unknown)}."]
    return []


def _renamed(spec: KindSpec, cells: dict[str, v.Raw]) -> dict[str, v.Raw]:
    if not spec.aliases:
        return cells
    out = dict(cells)
    for alias, target in spec.aliases.items():
        if alias in out and target not in out:
            out[target] = out.pop(alias)
    return out


def plan_rows(
    spec: KindSpec,
    rows: Rows,
    options: ImportOptions,
    report: ImportReport,
    census: Census | None = None,
) -> list[Planned]:
    """Plan every row; rejected and skipped rows go straight into ``report``.

    ``census`` counts the rows of each KLPD and satker, skipped ones included.
    """
    report.notes.extend(check_header(spec, rows))
    wanted = options.satkers
    census = census if census is not None else Census()
    planned: list[Planned] = []
    total = len(rows.rows)
    for index, source in enumerate(rows.rows):
        if options.progress and index % CHUNK == 0:
            options.progress("baca", index, total)
        cells = _renamed(spec, source.cells)
        census.add(source.number, cells)
        if wanted:
            satker = cell_of(cells, SATKER_COLUMNS)
            if not chosen(wanted, satker, cell_of(cells, KLPD_COLUMNS)):
                names = " atau ".join(f"'{w}'" for w in wanted)
                report.rows.append(
                    RowResult(
                        source.number,
                        Outcome.SKIPPED,
                        message=f"Satker '{satker or '-'}' bukan {names}.",
                    )
                )
                continue
        if source.problem:
            key = row_key(spec, cells) if source.trusted else ""
            said = _sentence(source.problem)
            if key:
                columns = ", ".join(spec.label_columns or spec.required[:2])
                said += f" Kunci baris ini ({columns}): {key}."
            report.rows.append(RowResult(source.number, Outcome.REJECTED, key=key, message=said))
            continue
        collecting = RowCells(cells)
        try:
            plan = spec.plan(collecting)
            if collecting.problems:
                raise RowRejected.of(collecting.problems)
        except RowRejected as why:
            problems = [*collecting.problems]
            problems += [p for p in why.problems if p not in problems]
            _reject(report, spec, source.number, cells, RowRejected.of(problems), collecting)
            continue
        except (ValueError, ArithmeticError, TypeError) as error:  # a parser's blind spot
            # a cell already found bad can leave a None the planner did not expect
            blind = (
                RowRejected.of(collecting.problems)
                if collecting.problems
                else RowRejected(None, f"Baris ini tidak dapat dibaca ({type(error).__name__}).")
            )
            _reject(report, spec, source.number, cells, blind, collecting)
            continue
        planned.append(Planned(source.number, plan))
    return planned


def _reject(
    report: ImportReport,
    spec: KindSpec,
    number: int,
    cells: dict[str, v.Raw],
    why: RowRejected,
    collecting: RowCells,
) -> None:
    """A row refused while planning: every problem, its key, and the warnings found."""
    report.rows.append(
        RowResult(
            number,
            Outcome.REJECTED,
            key=row_key(spec, cells),
            column=why.column,
            message=why.sentence,
            flags=list(dict.fromkeys(collecting.warnings)),
        )
    )


def row_key(spec: KindSpec, cells: dict[str, v.Raw]) -> str:
    """The key a person knows a row by (contract number, NPWP, code), read from the cells.

    A rejected row has no plan, but its report line should still say which record it was.
    """
    columns = spec.label_columns or spec.required[:2]
    parts = [v.one_line(cells.get(c)) for c in columns]
    return " / ".join(p for p in parts if p)


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."
