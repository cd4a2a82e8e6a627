"""One supplier's spreadsheet scorecard is named after the supplier, like its PDF (F44)."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_factories import AGENCY, AS_OF, GENERATED, PERIOD, sample_agency

from rekanan.config import Settings
from rekanan.domain.periods import parse_period
from rekanan.io.export.batch import ExportOptions, export_scorecards_from, supplier_filename

SETTINGS = Settings(agency=AGENCY)
OPTIONS = ExportOptions(as_of=AS_OF, generated_at=GENERATED)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_two_suppliers_in_one_folder_get_two_files(tmp_path: Path, fmt: str) -> None:
    first = export_scorecards_from(
        sample_agency(),
        SETTINGS,
        [1],
        PERIOD,
        fmt,
        tmp_path,
        None,
        OPTIONS,  # type: ignore[arg-type]
    )
    second = export_scorecards_from(
        sample_agency(),
        SETTINGS,
        [2],
        PERIOD,
        fmt,
        tmp_path,
        None,
        OPTIONS,  # type: ignore[arg-type]
    )
    assert first[0].name == f"kartu-kinerja-2026-Q3-pt-jaringan-nusantara-andalas-1.{fmt}"
    assert first[0] != second[0]
    assert sorted(tmp_path.iterdir()) == sorted([first[0], second[0]])


def test_the_name_is_the_same_in_every_format() -> None:
    assert supplier_filename(parse_period(PERIOD), "PT Maju Jaya", 17, "xlsx") == (
        "kartu-kinerja-2026-Q3-pt-maju-jaya-17.xlsx"
    )
