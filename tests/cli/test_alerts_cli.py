"""`rekanan alerts` and `rekanan scorecard` on hand-made data (the store is replaced)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from rekanan.cli import alerts_commands, export_commands, main
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.records import (
    AgencyData,
    ContractRecord,
    EvaluationRecord,
    ServiceLink,
    ServiceRecord,
    SLARecord,
    SupplierRecord,
    WarningLetterRecord,
)
from rekanan.models.enums import RenewalKind, WarningLevel
from rekanan.store.alert_register import StoredAlert

AS_OF = "2026-11-23"


def _agency() -> AgencyData:
    suppliers = (
        SupplierRecord(1, "PT Telekomunikasi Nusantara", npwp="0012345678901000"),
        SupplierRecord(2, "CV Maju Jaya", npwp="0023456789012000"),
        SupplierRecord(3, "CV Maju Jaya Abadi", npwp=None),
    )
    services = (ServiceRecord(1, "LAPOR", "LAPOR! SP4N"),)
    slas = (
        SLARecord(
            1,
            1,
            "Bagian Umum",
            date(2026, 1, 1),
            date(2027, 6, 30),
            availability_pct=Decimal("99.5"),
        ),
    )
    contracts = (
        ContractRecord(
            1,
            "602.1/01/KTR/2026",
            "Sewa link internet kantor",
            1,
            date(2026, 1, 1),
            date(2026, 12, 31),
            is_underpinning=True,
            availability_pct=Decimal("99.0"),
            renewal_kind=RenewalKind.EXPRESS,
            services=(ServiceLink(1, "link"),),
        ),
        ContractRecord(
            2,
            "602.1/02/KTR/2026",
            "Pemeliharaan perangkat",
            2,
            date(2026, 1, 1),
            date(2026, 12, 5),
        ),
    )
    letters = (WarningLetterRecord(1, 2, WarningLevel.SP3, date(2026, 9, 21)),)
    evaluations = (
        EvaluationRecord(
            1, 2, date(2026, 7, 1), date(2026, 9, 30), 2, 2, 2, 2, date(2026, 10, 1), contract_id=2
        ),
    )
    return AgencyData(
        suppliers=suppliers,
        services=services,
        slas=slas,
        contracts=contracts,
        warning_letters=letters,
        evaluations=evaluations,
    )


@pytest.fixture(autouse=True)
def _fake_store(monkeypatch, tmp_path):
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REKANAN_DB", raising=False)

    def scorecard_source(settings, args):
        finder = export_commands.SupplierFinder(_agency().suppliers, settings.language)
        return _agency(), finder.choose(args.suppliers, args.all, args.category)

    monkeypatch.setattr(export_commands, "scorecard_source", scorecard_source)

    def alerts(settings, as_of, include_snoozed, *, recompute=False):
        return compute_alerts(
            _agency(),
            as_of,
            settings.thresholds,
            settings.language,
            include_snoozed=include_snoozed,
        )

    monkeypatch.setattr(alerts_commands, "agency_alerts", alerts)

    def rows(settings, as_of, include_snoozed, *, recompute=False):
        return [StoredAlert.of(a) for a in alerts(settings, as_of, include_snoozed)]

    monkeypatch.setattr(alerts_commands, "alert_rows", rows)


def test_json_lists_objects_with_the_agreed_fields(capsys) -> None:
    assert main(["alerts", "--as-of", AS_OF, "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    kinds = {item["kind"] for item in items}
    assert {
        "renewal_decision",
        "contract_expiring",
        "coverage_gap",
        "sla_target_gap",
        "blacklist_risk",
        "data_incomplete",
    } <= kinds
    for item in items:
        assert {
            "kind",
            "severity",
            "title",
            "due",
            "days_left",
            "supplier",
            "contract",
            "service",
            "reasons",
            "rule",
        } <= set(item)
        assert set(item["supplier"]) >= {"name", "npwp"}
        assert "number" in item["contract"]
        assert set(item["service"]) >= {"code", "name"}
        assert isinstance(item["reasons"], list)
        assert item["due"] is None or date.fromisoformat(item["due"])
    gap = next(i for i in items if i["kind"] == "coverage_gap")
    assert gap["due"] == "2027-01-01"
    assert gap["supplier"]["npwp"] == "01.234.567.8-901.000"


def test_text_is_grouped_and_fits_80_columns(capsys) -> None:
    assert main(["alerts", "--as-of", AS_OF, "--reasons"]) == 0
    out = capsys.readouterr().out
    assert all(len(line) <= 80 for line in out.splitlines())
    assert out.index("KRITIS") < out.index("WASPADA") < out.index("INFO")
    assert "PERINGATAN" not in out  # "peringatan" is the app's word for every alert
    assert "per 23 Nov 2026." in out
    assert "Aturan:" in out


def test_english(capsys) -> None:
    assert main(["alerts", "--as-of", AS_OF, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "CRITICAL" in out and "as of 23 Nov 2026." in out


def test_csv(capsys) -> None:
    assert main(["alerts", "--as-of", AS_OF, "--format", "csv", "--severity", "critical"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["severity"] for r in rows} == {"critical"}
    assert rows[0].keys() >= {"kind", "due", "supplier_npwp", "reasons", "rule"}


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ([], 0),
        (["--fail-on", "critical"], 1),
        (["--fail-on", "warning"], 1),
        (["--fail-on", "critical", "--kind", "data_incomplete"], 0),
        (["--fail-on", "warning", "--kind", "data_incomplete"], 0),
        (["--fail-on", "warning", "--kind", "contract_expiring"], 1),
    ],
)
def test_fail_on(options, code, capsys) -> None:
    assert main(["alerts", "--as-of", AS_OF, "--format", "json", *options]) == code


def test_within(capsys) -> None:
    main(["alerts", "--as-of", AS_OF, "--format", "json", "--within", "15"])
    items = json.loads(capsys.readouterr().out)
    assert all(i["days_left"] is None or i["days_left"] <= 15 for i in items)
    assert any(i["kind"] == "contract_expiring" for i in items)  # due 5 Dec: 12 days


def test_bad_options_are_sentences(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["alerts", "--as-of", "23/11/2026"])
    assert "bukan tanggal; tulis sebagai YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["alerts", "--within", "-3"])
    assert "bukan jumlah hari" in capsys.readouterr().err


def test_scorecard_by_npwp_any_spelling(capsys) -> None:
    for spelling in ("02.345.678.9-012.000", "023456789012000", "0023456789012000"):
        assert main(["scorecard", spelling, "--period", "2026-Q3", "--as-of", AS_OF]) == 0
        out = capsys.readouterr().out
        assert "Kartu kinerja penyedia: CV Maju Jaya (02.345.678.9-012.000)" in out
        assert "Nilai akhir N" in out and "2,00" in out and "Baik" in out
        assert "SP3 21 Sep 2026, kontrak 602.1/02/KTR/2026" in out
        assert "Pita: MERAH" in out
        assert all(len(line) <= 80 for line in out.splitlines())


def test_scorecard_by_unique_name_part(capsys) -> None:
    assert main(["scorecard", "telekomunikasi", "--period", "2026", "--as-of", AS_OF]) == 0
    assert "PT Telekomunikasi Nusantara" in capsys.readouterr().out


def test_scorecard_ambiguous_lists_candidates(capsys) -> None:
    # "maju jaya" is the exact name of one supplier: that one wins.
    assert main(["scorecard", "CV Maju Jaya", "--period", "2026-Q3", "--as-of", AS_OF]) == 0
    capsys.readouterr()
    assert main(["scorecard", "maju", "--period", "2026-Q3", "--as-of", AS_OF]) == 2
    err = capsys.readouterr().err
    assert "cocok dengan 2 penyedia" in err and "CV Maju Jaya Abadi (tanpa NPWP)" in err


def test_scorecard_unknown_and_bad_period(capsys) -> None:
    assert main(["scorecard", "tidak ada", "--period", "2026-Q3"]) == 2
    assert "Tidak ada penyedia yang cocok dengan 'tidak ada'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["scorecard", "maju", "--period", "Q3"])
    assert "'Q3' bukan periode" in capsys.readouterr().err


def test_missing_database_is_a_sentence(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.undo()
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REKANAN_DB", raising=False)
    assert main(["alerts", "--db", str(tmp_path / "nothing.db")]) == 2
    assert "Tidak ada basis data di" in capsys.readouterr().err


def test_text_wraps_instead_of_cutting_titles_and_contract_numbers() -> None:
    from rekanan.cli.alerts_commands import alerts_text
    from rekanan.domain.alert import Alert, AlertKind, Severity

    alert = Alert(
        kind=AlertKind.RENEWAL_DECISION,
        severity=Severity.CRITICAL,
        title="Keputusan perpanjangan terlambat: Lisensi Antivirus 1.000 Perangkat Kantor",
        key="k",
        rule="aturan",
        supplier_name="PT Lisensi Perangkat Lunak Utama Nusantara",
        contract_number="000.3.3/141/SPK/Diskominfo/2024",
    )
    for width in (80, 120):
        text = alerts_text([alert], date(2026, 11, 23), "id", width=width)
        assert all(len(line) <= width for line in text.splitlines())
        joined = " ".join(text.split())
        assert "Lisensi Antivirus 1.000 Perangkat Kantor" in joined
        assert "000.3.3/141/SPK/Diskominfo/2024" in text  # never broken
        assert "PT Lisensi Perangkat Lunak Utama Nusantara" in text


def test_scorecard_without_a_period_takes_the_last_complete_quarter(capsys) -> None:
    assert main(["scorecard", "telekomunikasi", "--as-of", AS_OF]) == 0
    assert "Periode 2026-Q3 (1 Jul 2026 s.d. 30 Sep 2026)" in capsys.readouterr().out
