"""Re-importing a file whose rows changed: written in bulk, with the per-row path's results.

The importer writes changed rows with ``Writer.update_many``. Each comparison imports the
same changed file twice as a dry run, once with ``update_many`` and once with ``update``
row by row (``Writer._update_each``), and captures, inside the transaction before it is
rolled back, the rows and the audit rows written; they must be the same, and so must the
row-by-row report. A real run then commits exactly that; a failure half-way commits none.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

sys.path.insert(0, str(Path(__file__).parent))

from import_helpers import write_csv

from rekanan.io.importing import KINDS, ImportOptions, Outcome, applying, run_import
from rekanan.io.importing.applying import Applier
from rekanan.io.importing.report import ImportReport
from rekanan.models import AuditEntry, Contract, Supplier
from rekanan.store.database import Database
from rekanan.store.writes import Writer

REKANAN = KINDS["rekanan"].column_names
KONTRAK = KINDS["kontrak"].column_names
NPWP = ("01.234.567.8-901.000", "02.876.543.6-427.000", "03.711.316.4-445.000")

State = tuple[dict[str, Any], dict[str, Any], list[tuple[Any, ...]]]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _rows(session: Session, model: type[SQLModel], key: str) -> dict[str, Any]:
    table = model.__table__  # type: ignore[attr-defined]
    return {
        row._mapping[key]: {k: _plain(v) for k, v in row._mapping.items() if k != "updated_at"}
        for row in session.execute(select(table))
    }


def _state(session: Session, since: int) -> State:
    """Suppliers and contracts (but when they were last written), audit rows after ``since``."""
    audit: Any = AuditEntry
    found = session.execute(
        select(
            audit.action,
            audit.entity,
            audit.entity_id,
            audit.user,
            audit.summary,
            audit.before_json,
            audit.after_json,
        )
        .where(audit.id > since)
        .order_by(audit.id)
    )
    return (
        _rows(session, Supplier, "npwp"),
        _rows(session, Contract, "number"),
        [tuple(r) for r in found],
    )


def _last_audit(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one())


def _said(report: ImportReport) -> list[tuple[Any, ...]]:
    return [
        (r.row, r.outcome, r.key, r.column, r.message, tuple(r.flags), tuple(r.notes))
        for r in report.rows
    ]


def _captured(
    db: Database, kind: str, path: Path, monkeypatch: pytest.MonkeyPatch, *, one_by_one: bool
) -> tuple[list[tuple[Any, ...]], State]:
    """A dry run of ``path``: its report, and what it wrote before the rollback."""
    since = _last_audit(db)
    seen: list[State] = []
    apply = Applier.apply

    def capture(self: Applier, planned: list[Any]) -> None:
        apply(self, planned)
        self.w.finish()
        seen.append(_state(self.s, since))

    with monkeypatch.context() as patch:
        patch.setattr(Applier, "apply", capture)
        if one_by_one:
            patch.setattr(
                Writer,
                "update_many",
                lambda self, model, items, **_: self._update_each(model, items, None),
            )
        report = run_import(db, kind, path, ImportOptions(dry_run=True))
    assert not report.committed and len(seen) == 1
    return _said(report), seen[0]


def _committed(db: Database, since: int) -> State:
    with db.session() as s:
        return _state(s, since)


def _suppliers() -> list[dict[str, str]]:
    return [
        {"nama": "PT Telekomunikasi Arunika", "npwp": NPWP[0], "alamat": "Jl. Satu 1"},
        {"nama": "CV. Sinar Data Abadi", "npwp": NPWP[1], "kontak": "Rina"},
        {"nama": "PT Daya Prima Energi", "npwp": NPWP[2], "kategori": "taktis"},
        {"nama": "CV Tanpa Nomor", "alamat": "Jl. Lama"},
    ]


def _changed_suppliers() -> list[dict[str, str]]:
    rows = _suppliers()
    rows[0].update(alamat="Jl. Dua 2", telepon="0265-1")
    rows[1].update(nama="CV. Sinar Data Abadi Sejahtera", kontak="Dewi")  # a longer name
    rows[2].update(kategori="strategis", email="bukan surel" * 30)  # refused: too long
    rows[3].update(alamat="Jl. Baru")  # matched by name
    return rows


def _contracts(count: int) -> list[dict[str, str]]:
    return [
        {
            "nomor": f"602.1/{i:03d}/KTR/2026",
            "judul": f"Sewa jaringan lokasi {i}",
            "npwp_rekanan": NPWP[i % 3],
            "nama_rekanan": ("PT Arunika", "CV Sinar Data", "PT Daya Prima")[i % 3],
            "nilai": f"{100 + i}.000.000",
            "mulai": "2026-01-01",
            "selesai": "2026-12-31",
            "pemberitahuan_hari": "30",
            "ppk": "Budi Santoso",
        }
        for i in range(count)
    ]


def _changed_contracts(count: int) -> list[dict[str, str]]:
    rows = _contracts(count)
    for i, row in enumerate(rows):
        row["nilai"] = f"{100 + i}.500.000"
        if i % 3 == 1:
            row["selesai"] = "2027-06-30"
        if i % 4 == 2:
            row["ppk"] = "Sri Wahyuni, S.Kom."
    rows[5]["judul"] = "x" * 600  # refused by the store: too long
    rows[7].update(nilai=_contracts(count)[7]["nilai"], selesai="", ppk="")  # unchanged
    return rows


CASES: dict[str, tuple[str, Sequence[str], Callable[[], list[dict[str, str]]]]] = {
    "rekanan": ("rekanan", REKANAN, _changed_suppliers),
    "kontrak": ("kontrak", KONTRAK, lambda: _changed_contracts(12)),
}


def _base(db: Database, tmp_path: Path) -> None:
    run_import(db, "rekanan", write_csv(tmp_path / "r.csv", REKANAN, _suppliers()))
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, _contracts(12)))
    assert report.counts[Outcome.NEW] == 12, _said(report)


@pytest.mark.parametrize("case", sorted(CASES))
def test_changed_rows_give_what_row_by_row_gives(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    _base(db, tmp_path)
    kind, columns, rows = CASES[case]
    path = write_csv(tmp_path / "changed.csv", columns, rows())
    since = _last_audit(db)
    before = _committed(db, since)
    bulk = _captured(db, kind, path, monkeypatch, one_by_one=False)
    each = _captured(db, kind, path, monkeypatch, one_by_one=True)
    assert bulk == each
    said, written = bulk
    outcomes = [r[1] for r in said]
    assert outcomes.count(Outcome.UPDATED) >= 3 and Outcome.REJECTED in outcomes
    assert written[2] and all(a[0] == "update" for a in written[2])
    assert _committed(db, since) == before  # the dry runs left nothing
    report = run_import(db, kind, path)
    assert report.committed and _said(report) == said
    assert _committed(db, since) == written


def test_reimport_reports_old_to_new_and_audits_the_changed_fields(
    db: Database, tmp_path: Path
) -> None:
    _base(db, tmp_path)
    since = _last_audit(db)
    path = write_csv(tmp_path / "changed.csv", KONTRAK, _changed_contracts(12))
    report = run_import(db, "kontrak", path)
    by_row = {r.row: r for r in report.rows}
    assert by_row[2].outcome is Outcome.UPDATED
    assert "100000000 → 100500000" in by_row[2].message.replace(".", "")
    assert by_row[7].outcome is Outcome.REJECTED and by_row[7].column == "judul"
    assert by_row[9].outcome is Outcome.UNCHANGED
    _, contracts, audit = _committed(db, since)
    first = contracts["602.1/000/KTR/2026"]
    assert first["version"] == 2 and first["value"] == Decimal("100500000")
    assert contracts["602.1/005/KTR/2026"]["version"] == 1
    entry = next(a for a in audit if a[2] == first["id"])
    assert entry[5] == '{"value": "100000000"}' and entry[6] == '{"value": "100500000"}'
    assert len(audit) == report.counts[Outcome.UPDATED]


@pytest.mark.parametrize("where", ["update_many", "links"])
def test_a_failure_half_way_writes_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Updates already written in bulk are rolled back with the rest of the file."""
    _base(db, tmp_path)
    since = _last_audit(db)
    before = _committed(db, since)
    monkeypatch.setattr(applying, "CHUNK", 3)  # several update_many calls
    calls: list[int] = []
    update_many = Writer.update_many

    def failing(self: Writer, model: Any, items: Any, **kw: Any) -> Any:
        calls.append(len(items))
        if len(calls) == 3:
            raise RuntimeError("disk pulled out")
        return update_many(self, model, items, **kw)

    def failing_links(self: Applier, works: Any) -> None:
        raise RuntimeError("disk pulled out")

    if where == "update_many":
        monkeypatch.setattr(Writer, "update_many", failing)
    else:
        monkeypatch.setattr(Applier, "_sync_links", failing_links)
    path = write_csv(tmp_path / "changed.csv", KONTRAK, _changed_contracts(12))
    with pytest.raises(RuntimeError, match="disk pulled out"):
        run_import(db, "kontrak", path)
    assert where != "update_many" or len(calls) == 3
    assert _committed(db, since) == before


def test_an_unchanged_file_writes_nothing(db: Database, tmp_path: Path) -> None:
    _base(db, tmp_path)
    since = _last_audit(db)
    path = write_csv(tmp_path / "same.csv", KONTRAK, _contracts(12))
    report = run_import(db, "kontrak", path)
    assert report.counts[Outcome.UNCHANGED] == 12
    assert _committed(db, since)[2] == []
