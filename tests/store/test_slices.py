"""A slice around some suppliers gives their scorecards exactly as the whole agency does.

``rekanan scorecard`` reads the slice for a few suppliers (a second instead of ten at
national scale), so the slice must hold everything the scorecard, its risk score and
its document read.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rekanan.cli import export_commands, main
from rekanan.domain.periods import parse_period
from rekanan.domain.thresholds import Thresholds
from rekanan.io.export.scorecard_data import ScorecardExport, build_export, index_of
from rekanan.store.database import Database
from rekanan.store.loaders import load_agency
from rekanan.store.slices import suppliers_slice

AS_OF = date(2026, 11, 23)


def _printed(export: ScorecardExport) -> tuple[object, ...]:
    """What a document prints of an export (the risk reasons as sentences)."""
    return (
        export.card,
        export.risk.score,
        export.risk.explain("id"),
        export.contracts_in_force,
        export.incidents,
        export.service_names,
        export.contract_numbers,
    )


def test_every_demo_supplier_scores_the_same_from_its_slice(seeded_db: Database) -> None:
    whole = index_of(load_agency(seeded_db))
    limits = Thresholds()
    for period in (parse_period("2026-Q3"), parse_period("2026")):
        for supplier_id in sorted(whole.suppliers):
            with seeded_db.session() as session:
                part = index_of(suppliers_slice(session, [supplier_id]))
            expected = build_export(whole, supplier_id, period, AS_OF, limits)
            got = build_export(part, supplier_id, period, AS_OF, limits)
            assert _printed(got) == _printed(expected), whole.suppliers[supplier_id].name


def test_a_slice_of_several_suppliers_holds_each_of_them(seeded_db: Database) -> None:
    whole = load_agency(seeded_db)
    chosen = [s.id for s in whole.suppliers[:5]]
    with seeded_db.session() as session:
        part = suppliers_slice(session, chosen)
    assert {s.id for s in part.suppliers} >= set(chosen)
    assert {c.id for c in part.contracts} >= {
        c.id for c in whole.contracts if c.supplier_id in chosen
    }


def test_rekanan_scorecard_prints_the_same_from_a_slice_and_from_the_whole(
    seeded_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "none.toml"))
    command = ["--db", seeded_db.url, "scorecard", "--all", "--period", "2026-Q3"]
    command += ["--as-of", AS_OF.isoformat()]
    assert main(command) == 0
    sliced = capsys.readouterr().out
    monkeypatch.setattr(export_commands, "SLICE_UP_TO", 0)  # the whole agency, read once
    assert main(command) == 0
    whole = capsys.readouterr().out
    assert sliced == whole
    assert sliced.count("Kartu kinerja penyedia:") == 31
