"""G16: an SPSE file of another KLPD or satker is named as such before it is imported, the
satker filter is tolerant and repeatable, and the report says what the import does to the
alerts."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parent))

from import_helpers import LKPP_CSV, LKPP_JSON, count, write_csv

from rekanan.cli import main
from rekanan.config import Agency
from rekanan.io.importing import ImportOptions, Outcome, run_import, write_report
from rekanan.io.importing.effects import forecast
from rekanan.io.importing.origin import (
    is_own,
    region_key,
    same_region,
    same_satker,
    satker_chosen,
)
from rekanan.models import Contract, ContractStatus, RenewalKind
from rekanan.store.database import Database

needs_lkpp = pytest.mark.skipif(not LKPP_JSON.exists(), reason="shared LKPP data not present")

SUKAMAJU = Agency(
    name="Dinas Komunikasi dan Informatika", government="Pemerintah Kabupaten Sukamaju"
)
TODAY = date(2026, 11, 23)


def _options(agency: Agency | None = SUKAMAJU, **more: object) -> ImportOptions:
    given: dict[str, object] = {"dry_run": True, "agency": agency, "as_of": TODAY, **more}
    return ImportOptions(**given)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- names


def test_klpd_names_are_compared_the_way_people_write_them() -> None:
    assert region_key("Pemerintah Kab. Bandung") == ("kabupaten", "bandung")
    assert same_region("Kab. Bandung", "Pemerintah Kabupaten Bandung")
    assert same_region("KABUPATEN  BANDUNG", "kab bandung")
    assert same_region("Sukamaju", "Pemerintah Kabupaten Sukamaju")
    assert not same_region("Kota Bandung", "Kabupaten Bandung")
    assert not same_region("Kab. Bandung", "Pemerintah Kabupaten Sukamaju")
    assert not same_region("", "Kabupaten Sukamaju")


def test_satker_names_are_compared_the_way_people_write_them() -> None:
    agency = "Dinas Komunikasi dan Informatika"
    assert same_satker("DINAS KOMUNIKASI DAN INFORMATIKA", agency)
    assert same_satker("Dinas Komunikasi & Informatika Kabupaten Sukamaju", agency)
    assert same_satker("DISKOMINFO", agency)
    assert same_satker("Dinas Komunikasi, Informatika dan Statistik", agency)
    assert not same_satker("DINAS KESEHATAN", agency)
    assert not same_satker("DINAS PEKERJAAN UMUM DAN TATA RUANG", agency)
    assert not same_satker("Dinas", agency)


def test_own_rows_need_the_klpd_and_the_satker() -> None:
    assert is_own(SUKAMAJU, "Kab. Sukamaju", "DINAS KOMUNIKASI DAN INFORMATIKA")
    assert not is_own(SUKAMAJU, "Kab. Bandung", "DINAS KOMUNIKASI DAN INFORMATIKA")
    assert not is_own(SUKAMAJU, "Kab. Sukamaju", "DINAS KESEHATAN")
    # the kabupaten written in the satker's name counts when there is no KLPD column
    assert is_own(SUKAMAJU, "", "Dinas Komunikasi dan Informatika Kabupaten Sukamaju")
    assert not is_own(SUKAMAJU, "", "Dinas Komunikasi dan Informatika Kabupaten Bandung")
    # a fresh install's placeholder government is not compared
    assert is_own(Agency(), "Kab. Bandung", "DINAS KOMUNIKASI DAN INFORMATIKA")


def test_the_satker_filter_is_tolerant() -> None:
    satker, klpd = "DINAS KOMUNIKASI DAN INFORMATIKA", "Kab. Sukamaju"
    wanted_names = (
        "komunikasi",
        "Dinas Kominfo",
        "diskominfo",
        "dinas komunikasi & informatika",
        "Dinas Komunikasi dan Informatika Kab. Sukamaju",
        "DINAS KOMUNIKASI",
    )
    for wanted in wanted_names:
        assert satker_chosen(wanted, satker, klpd), wanted
    assert not satker_chosen("kesehatan", satker, klpd)
    assert not satker_chosen("Dinas Komunikasi dan Informatika Kab. Bandung", satker, klpd)
    assert not satker_chosen("  ", satker, klpd)


# --------------------------------------------------------------------------- the report


@needs_lkpp
@pytest.mark.parametrize(
    ("source", "taken", "unit"),
    [(LKPP_JSON, 52, "rekaman"), (LKPP_CSV, 51, "baris")],  # the broken CSV row is not taken
    ids=["json", "csv"],
)
def test_another_kabupatens_export_is_named_and_warned_about(
    db: Database, source: Path, taken: int, unit: str
) -> None:
    report = run_import(db, "lkpp", source, _options())
    origins = report.origins
    assert origins is not None
    assert origins.foreign == origins.taken == taken
    assert sum(g.rows for g in origins.groups) == 52
    census = origins.census_lines()
    assert len(census) == 1
    assert census[0].startswith("Satker dalam berkas (KLPD Kab. Bandung), 7: ")
    assert (
        "DINAS PEKERJAAN UMUM DAN TATA RUANG 38, DINAS KESEHATAN 8, SEKRETARIAT DPRD 2"
        in (census[0])
    )
    warning = origins.warning()
    assert warning is not None
    assert warning.startswith(f"Perhatian: tidak satu pun dari {taken} {unit} yang akan diimpor ")
    assert "(Dinas Komunikasi dan Informatika, Pemerintah Kabupaten Sukamaju)" in warning
    assert "--satker NAMA" in warning
    assert "isian Satker" in (origins.warning(app=True) or "")
    assert warning.count(".") == warning.count("Kab.") + 1  # one sentence
    lines = report.text_lines(first=0)
    assert lines[1] == "  " + warning
    assert any("DINAS KESEHATAN 8" in line for line in lines)
    assert report.summary_lines()[1] == origins.warning(app=True)
    english = report.text_lines("en", first=0)
    assert english[1].startswith(f"  Warning: none of the {taken} ")
    assert "--satker NAME" in english[1]
    assert any(line.startswith("  Satker in the file (KLPD Kab. Bandung), 7: ") for line in english)
    assert count(db, Contract) == 0


@needs_lkpp
def test_the_alerts_an_import_raises_are_said_before(db: Database) -> None:
    report = run_import(db, "lkpp", LKPP_JSON, _options())
    assert report.forecast is not None
    assert (report.forecast.past_end, report.forecast.same_day) == (52, 52)
    said = report.forecast.lines()
    assert said[0] == (
        "52 kontrak sudah berakhir sebelum hari ini (23/11/2026) tetapi berstatus berjalan: "
        "akan muncul sebagai peringatan kritis; perbarui status atau tanggalnya setelah impor."
    )
    assert "peringatan mutu data" in said[1]
    assert report.forecast.lines("en")[0].startswith("52 contracts ended before today")
    assert any("peringatan kritis" in line for line in report.text_lines())
    # before the contracts end, nothing critical; a re-import adds no alert at all
    early = run_import(db, "lkpp", LKPP_JSON, _options(as_of=date(2025, 1, 1)))
    assert early.forecast is not None and early.forecast.past_end == 0
    run_import(db, "lkpp", LKPP_JSON)
    again = run_import(db, "lkpp", LKPP_JSON, _options())
    assert again.counts[Outcome.UNCHANGED] == 52
    assert again.forecast is None


def test_the_forecast_follows_the_rules() -> None:
    base = {"start_date": date(2026, 1, 1), "end_date": date(2026, 6, 30)}
    rows = [
        {**base, "status": ContractStatus.ACTIVE},  # past: critical
        {**base, "status": ContractStatus.EXPIRED},  # ended and recorded so: nothing
        {**base, "status": ContractStatus.ACTIVE, "renewal_kind": RenewalKind.TACIT},
        {**base, "end_date": None},  # no end: a data-quality warning
        {**base, "end_date": date(2026, 1, 1), "status": ContractStatus.DRAFT},  # same day
    ]
    result = forecast(rows, TODAY)
    assert result is not None
    assert (result.past_end, result.same_day, result.no_end) == (1, 1, 1)
    assert forecast([{**base, "status": ContractStatus.EXPIRED}], TODAY) is None


@needs_lkpp
def test_a_file_partly_of_the_agency_suggests_its_own_satker(db: Database, tmp_path: Path) -> None:
    records = json.loads(LKPP_JSON.read_text(encoding="utf-8"))
    for record in records[:3]:
        record["nama_klpd"] = "Kab. Sukamaju"
        record["nama_satker"] = "DINAS KOMUNIKASI DAN INFORMATIKA"
    path = tmp_path / "campur.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    report = run_import(db, "lkpp", path, _options())
    assert report.origins is not None and report.origins.foreign == 49
    warning = report.origins.warning() or ""
    assert warning.startswith("Perhatian: 49 dari 52 rekaman yang akan diimpor bukan milik ")
    assert '--satker "DINAS KOMUNIKASI DAN INFORMATIKA"' in warning
    assert len(report.origins.census_lines()) == 2  # one line per KLPD
    # the filter it suggests leaves only the agency's rows, and no warning
    own = run_import(db, "lkpp", path, _options(satker="DINAS KOMUNIKASI DAN INFORMATIKA"))
    assert own.counts[Outcome.NEW] == 3 and own.counts[Outcome.SKIPPED] == 49
    assert own.origins is not None and own.origins.warning() is None


@needs_lkpp
def test_the_satker_filter_takes_several_names(db: Database) -> None:
    report = run_import(
        db, "lkpp", LKPP_JSON,
        _options(satker=["dinas kesehatan", "Sekretariat DPRD Kab. Bandung", " "]),
    )  # fmt: skip
    assert report.counts[Outcome.NEW] == 10
    assert report.counts[Outcome.SKIPPED] == 42
    skipped = next(r for r in report.rows if r.outcome is Outcome.SKIPPED)
    assert "'dinas kesehatan' atau 'Sekretariat DPRD Kab. Bandung'" in skipped.message
    # chosen on purpose, still not the agency's: said, with the filter to check
    assert report.origins is not None
    assert "periksa satker yang dipilih" in (report.origins.warning() or "")


@needs_lkpp
def test_the_agencys_own_satker_of_the_file_is_not_warned_about(db: Database) -> None:
    bandung = Agency(name="Dinas Kesehatan", government="Pemerintah Kabupaten Bandung")
    report = run_import(db, "lkpp", LKPP_JSON, _options(bandung))
    assert report.origins is not None and report.origins.foreign == 44
    assert '--satker "DINAS KESEHATAN"' in (report.origins.warning() or "")
    only = run_import(db, "lkpp", LKPP_JSON, _options(bandung, satker="kesehatan"))
    assert only.origins is not None and only.origins.warning() is None
    assert not any("Perhatian" in line for line in only.text_lines())


@needs_lkpp
def test_without_an_agency_the_census_is_still_given(db: Database) -> None:
    report = run_import(db, "lkpp", LKPP_JSON, _options(None))
    assert report.origins is not None
    assert report.origins.warning() is None
    assert report.origins.census_lines()


def test_a_template_without_satker_has_no_census(db: Database, tmp_path: Path) -> None:
    columns = ("nomor", "judul", "nama_rekanan", "mulai", "selesai")
    row = {"nomor": "K/1", "judul": "Internet", "nama_rekanan": "PT A", "mulai": "2026-01-01",
           "selesai": "2027-12-31"}  # fmt: skip
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", columns, [row]), _options())
    assert report.origins is None and report.forecast is None
    assert report.text_lines()[1].startswith("  1 rekanan baru")


def test_a_template_of_the_agencys_satker_is_not_warned_about(db: Database, tmp_path: Path) -> None:
    columns = ("nomor", "judul", "nama_rekanan", "mulai", "selesai", "satker")
    own = "Dinas Komunikasi dan Informatika Kabupaten Sukamaju"
    rows = [{"nomor": f"K/{n}", "judul": "Internet", "nama_rekanan": "PT A",
             "mulai": "2026-01-01", "selesai": "2026-03-31", "satker": own}
            for n in (1, 2)]  # fmt: skip
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", columns, rows), _options())
    assert report.origins is not None and report.origins.warning() is None
    assert report.origins.census_lines() == [
        "Satker dalam berkas, 1: Dinas Komunikasi dan Informatika Kabupaten Sukamaju 2."
    ]
    assert report.forecast is not None and report.forecast.past_end == 2


@needs_lkpp
def test_the_xlsx_report_carries_the_warning(db: Database, tmp_path: Path) -> None:
    report = run_import(db, "lkpp", LKPP_JSON, _options())
    book = load_workbook(write_report(report, tmp_path / "laporan.xlsx"), read_only=True)
    summary = {str(a): str(b) for a, b in book["Ringkasan"].iter_rows(values_only=True) if a}
    lines = list(book["Ringkasan"].iter_rows(values_only=True))
    origin = [b for a, b in lines if a == "Asal data"]
    assert str(origin[0]).startswith("Perhatian: tidak satu pun dari 52 rekaman")
    assert any("peringatan kritis" in str(b) for a, b in lines if a == "Peringatan")
    assert summary["Baru"] == "52"


@needs_lkpp
def test_cli_names_the_satker_and_takes_several(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rekanan.store.database import open_database
    from rekanan.store.seed import load_demo

    target = tmp_path / "demo.db"
    database = open_database(str(target))
    try:
        load_demo(database, TODAY)
    finally:
        database.close()
    code = main(["--db", str(target), "import", str(LKPP_JSON), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    # the demo's agency (Sukamaju), not the config's placeholder
    assert "bukan" not in out.splitlines()[0]
    assert "Perhatian: tidak satu pun dari 52 rekaman yang akan diimpor milik instansi ini" in out
    assert "Pemerintah Kabupaten Sukamaju" in out
    assert "DINAS PEKERJAAN UMUM DAN TATA RUANG 38" in out
    assert "peringatan kritis" in out
    code = main(["--db", str(target), "import", str(LKPP_JSON), "--dry-run",
                 "--satker", "dinas kesehatan", "--satker", "sekretariat dprd"])  # fmt: skip
    out = capsys.readouterr().out
    assert "52 rekaman: 10 baru, 42 dilewati" in out


@needs_lkpp
def test_after_a_real_import_the_warning_asks_to_check_the_contracts(db: Database) -> None:
    report = run_import(db, "lkpp", LKPP_JSON, ImportOptions(agency=SUKAMAJU, as_of=TODAY))
    assert report.committed
    line = report.text_lines(first=0)[1]
    assert line.startswith("  Perhatian: tidak satu pun dari 52 rekaman yang diimpor milik ")
    assert line.endswith("periksa kontrak-kontrak itu (satkernya tercatat di tiap kontrak).")
    assert "--satker" not in line
    assert "none of the 52 records imported belong" in report.text_lines("en", first=0)[1]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.text(max_size=20))
def test_name_comparisons_never_raise_and_are_symmetric(a: str, b: str, klpd: str) -> None:
    assert same_satker(a, b) == same_satker(b, a)
    assert same_region(a, b) == same_region(b, a)
    satker_chosen(a, b, klpd)
    is_own(SUKAMAJU, klpd, a)
