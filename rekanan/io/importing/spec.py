"""What an import kind declares: its columns, and how one row becomes a planned record.

A kind module (``suppliers``, ``contracts``, ...) holds a ``KindSpec``: the template
columns with an explanation and an example each, the model it fills, the natural keys that
find an existing record, and ``plan``, which turns one row of cells into a ``Plan`` (the
model's field values plus references still to resolve: a supplier by NPWP or name, a
service by code, a contract by number). ``plan`` raises ``RowRejected`` naming the column
and a sentence; everything about the database is left to the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import SQLModel

from rekanan.domain.identifiers import NpwpCheck, format_npwp
from rekanan.io.values import Raw, ValueProblem
from rekanan.models.enums import LegalForm


class RowRejected(Exception):
    """This row cannot be taken: ``column`` (or None for the whole row) and a sentence.

    ``problems`` holds every (column, sentence) found in the row when there were several,
    so the report lists them all at once instead of one per run.
    """

    def __init__(
        self,
        column: str | None,
        sentence: str,
        problems: list[tuple[str | None, str]] | None = None,
    ) -> None:
        super().__init__(sentence)
        self.column = column
        self.sentence = sentence
        self.problems = problems or [(column, sentence)]

    @classmethod
    def of(cls, problems: list[tuple[str | None, str]]) -> RowRejected:
        """One rejection for several problems: the columns joined, one sentence each."""
        if len(problems) == 1:
            return cls(problems[0][0], problems[0][1], problems)
        columns = list(dict.fromkeys(c for c, _ in problems if c))
        text = " ".join(
            f"{column}: {_sentence(sentence)}" if column else _sentence(sentence)
            for column, sentence in problems
        )
        return cls(", ".join(columns) or None, text, problems)


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else ""


class RowCells(dict[str, Raw]):
    """A row's cells that also collect every problem found while planning it.

    ``cell`` and ``required`` record a bad or missing cell here and go on (returning None),
    so one run reports every bad cell of a row; the planner turns them into one
    ``RowRejected``. ``warnings`` keeps flags found on the way (an NPWP whose check digit
    fails), so a rejected row still says them.
    """

    def __init__(self, cells: Mapping[str, Raw]) -> None:
        super().__init__(cells)
        self.problems: list[tuple[str | None, str]] = []
        self.warnings: list[str] = []


def problem(row: Cells, column: str | None, sentence: str) -> None:
    """Record a problem of ``row`` (planning goes on), or raise it when nothing collects."""
    if isinstance(row, RowCells):
        if not any(c == column for c, _ in row.problems) or column is None:
            row.problems.append((column, sentence))
        return
    raise RowRejected(column, sentence)


@dataclass(frozen=True, slots=True)
class Column:
    """A template column: its name, whether a row needs it, what it means, an example."""

    name: str
    explanation: str
    example: str = ""
    required: bool = False


@dataclass(slots=True)
class SupplierRef:
    """A supplier named by a row: by NPWP when there is one, else by name."""

    name: str
    npwp: str | None
    legal_form: LegalForm | None = None
    column: str = "npwp_rekanan"


@dataclass(slots=True)
class Plan:
    """One row's record, before references are resolved against the database.

    ``fields`` holds the model's values the file supplies (only those are compared and
    updated); ``supplier``, ``service_code`` and ``contract_number`` are resolved to ids by
    the engine. ``links`` (contracts only) are the services a UC backs, with components.
    ``flags`` are data-quality notes: the row is taken, and a person should look at it.
    """

    fields: dict[str, Any]
    label: str
    supplier: SupplierRef | None = None
    service_code: str | None = None
    contract_number: str | None = None
    links: list[tuple[str, str | None]] | None = None
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skip: str | None = None
    defaulted: set[str] = field(default_factory=set)
    if_empty: dict[str, str] = field(default_factory=dict)


# ``defaulted``: fields whose value is a default standing in for an empty cell (a new
# record gets it; an existing record keeps what it has). ``if_empty``: flags that hold only
# when the field ends up empty (a row without an end date updating a contract that has one
# is not "without an end date").


Cells = Mapping[str, Raw]
Planner = Callable[[Cells], Plan]


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One import kind: the template, the model, the natural keys and the row mapping.

    ``keys`` are tuples of model fields, tried in order; the first whose values are all
    present finds the existing record. ``field_columns`` maps model fields back to file
    columns, so a refusal by the store names the column a person sees.
    """

    name: str
    title: str
    model: type[SQLModel]
    columns: tuple[Column, ...]
    keys: tuple[tuple[str, ...], ...]
    plan: Planner
    field_columns: Mapping[str, str]
    aliases: Mapping[str, str] = field(default_factory=dict)
    template: bool = True
    label_columns: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


def cell(row: Cells, column: str, parse: Callable[[Raw], Any]) -> Any:
    """Parse one cell; a ``ValueProblem`` is recorded (or raised) naming the column."""
    try:
        value = parse(row.get(column))
    except ValueProblem as why:
        problem(row, column, str(why))
        return None
    if isinstance(row, RowCells) and isinstance(value, NpwpCheck) and value.warning:
        row.warnings.append(npwp_warning(value.canonical))
    return value


def npwp_warning(canonical: str) -> str:
    """The flag of an NPWP whose check digit fails (a warning, never a rejection)."""
    return (
        f"NPWP {format_npwp(canonical)}: angka pemeriksanya tidak cocok; "
        "periksa lagi dengan dokumen NPWP."
    )


def required(row: Cells, column: str, parse: Callable[[Raw], Any], what: str) -> Any:
    """Parse a cell that a row cannot do without."""
    value = cell(row, column, parse)
    if (value is None or value == "") and not _recorded(row, column):
        problem(row, column, f"Kolom '{column}' kosong; isi {what}.")
    return value


def _recorded(row: Cells, column: str) -> bool:
    return isinstance(row, RowCells) and any(c == column for c, _ in row.problems)


def legal_form_of(name: str) -> LegalForm | None:
    """The legal form a supplier's name starts or ends with (``PT.``, ``CV``), if any."""
    words = [w.strip(".,") for w in name.upper().replace(".", ". ").split()]
    if not words:
        return None
    for word in (words[0], words[-1]):
        form = _PREFIXES.get(word)
        if form is not None:
            return form
    return None


_PREFIXES: dict[str, LegalForm] = {
    "PT": LegalForm.PT,
    "CV": LegalForm.CV,
    "KOPERASI": LegalForm.KOPERASI,
    "KOP": LegalForm.KOPERASI,
    "FIRMA": LegalForm.FIRMA,
    "FA": LegalForm.FIRMA,
    "PERUM": LegalForm.BUMN,
    "PERSERO": LegalForm.BUMN,
    "PD": LegalForm.BUMD,
    "PERUMDA": LegalForm.BUMD,
    "UD": LegalForm.LAINNYA,
}
