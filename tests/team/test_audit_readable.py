"""The audit trail in a person's words (G20): form labels, values as on screen, entries that
name what they are about, for new rows (stored summary) and old rows (worded at display)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from rekanan.cli import main
from rekanan.cli.team_commands import audit_csv, audit_text
from rekanan.domain.enum_words import enum_word
from rekanan.domain.records import AuditRecord
from rekanan.i18n import translate
from rekanan.models import (
    AlertSnooze,
    AuditEntry,
    Contract,
    ContractStatus,
    Incident,
    ReviewDecision,
    Service,
    Supplier,
)
from rekanan.models.enums import LegalForm, ReviewDecisionKind, SanctionKind
from rekanan.store.audit import audit_entries
from rekanan.store.audit_text import entry_changes, entry_headline, session_names
from rekanan.store.audit_words import FIELD_LABELS_EN
from rekanan.store.database import Database
from rekanan.store.validation import FIELD_LABELS

AT = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
NAMES = {("service", 4): "EKIN – e-Kinerja", ("contract", 9): "000.3.3/041/SPK"}


def _names(table: str, row_id: int) -> str | None:
    return NAMES.get((table, row_id))


def _entry(action: str, entity: str, summary: str, before: object, after: object) -> AuditRecord:
    return AuditRecord(
        1, AT, "budi", action, entity, 78, summary, json.dumps(before), json.dumps(after)
    )


def test_an_old_incident_row_is_worded_with_its_service_contract_and_start() -> None:
    old = _entry(
        "create",
        "incident",
        "Insiden ID 78 dibuat",
        {},
        {
            "id": 78,
            "service_id": 4,
            "contract_id": 9,
            "started_at": "2026-11-20T09:30:00",
            "severity": "kritis",
            "causes_downtime": True,
        },
    )
    shown = entry_headline(old, "id", _names)
    assert shown == (
        "Insiden layanan EKIN – e-Kinerja, kontrak 000.3.3/041/SPK, Kritis, "
        "mulai 20 Nov 2026 09:30 (ID 78) dibuat"
    )
    english = entry_headline(old, "en", _names)
    assert english.startswith("Incident service EKIN") and "Critical" in english
    assert english.endswith("created")


def test_an_old_snooze_and_review_decision_name_the_alert_and_the_decision() -> None:
    snooze = _entry(
        "create",
        "alert_snooze",
        "Penundaan peringatan ID 1 dibuat",
        {},
        {
            "alert_key": "renewal_decision:contract:9:2026-12-08",
            "until": "2026-12-15",
            "reason": "menunggu pagu 2027",
        },
    )
    shown = entry_headline(snooze, "id", _names)
    assert "'Keputusan perpanjangan' kontrak 000.3.3/041/SPK" in shown
    assert "sampai 15 Des 2026" in shown and "alasan: menunggu pagu 2027" in shown
    decision = _entry(
        "create",
        "review_decision",
        "Keputusan tinjauan ID 5 dibuat",
        {},
        {"contract_id": 9, "decision": "tender_ulang", "decided_on": "2026-11-23"},
    )
    assert entry_headline(decision, "id", _names).startswith(
        "Keputusan tinjauan kontrak 000.3.3/041/SPK, Tender ulang"
    )


def test_update_lines_use_form_labels_and_screen_values() -> None:
    update = _entry(
        "update",
        "contract",
        "Kontrak 'X' (ID 78) diubah: status",
        {"status": "aktif", "value": "148500000", "end_date": "2026-06-30", "version": 1},
        {
            "status": "masa_pemberitahuan",
            "value": "150000000",
            "end_date": "2026-12-31",
            "version": 2,
        },
    )
    rows = {c.label: (c.before, c.after) for c in entry_changes(update, "id")}
    assert rows == {
        "Status": ("Aktif", "Masa pemberitahuan"),
        "Nilai kontrak": ("Rp148.500.000", "Rp150.000.000"),
        "Tanggal berakhir": ("30 Jun 2026", "31 Des 2026"),
    }
    english = {c.label: (c.before, c.after) for c in entry_changes(update, "en")}
    assert english["Status"] == ("Active", "Notice period")
    assert english["End date"] == ("30 Jun 2026", "31 Dec 2026")
    npwp = _entry(
        "update", "supplier", "", {"npwp": "0013340832611000"}, {"npwp": "0014563217611000"}
    )
    (change,) = entry_changes(npwp, "id")
    assert (change.before, change.after) == ("01.334.083.2-611.000", "01.456.321.7-611.000")
    text = audit_text([update, npwp], "id")
    assert "    Status: Aktif → Masa pemberitahuan" in text
    assert "masa_pemberitahuan" not in text and "end_date" not in text and "version" not in text


def test_codes_are_worded_from_the_screens_table() -> None:
    assert enum_word(LegalForm, "lainnya", "id") == "Lainnya"
    assert enum_word(SanctionKind, "lainnya", "id") == "Sanksi lain"
    assert enum_word(ContractStatus, "masa_pemberitahuan", "en") == translate(
        "en", "Masa pemberitahuan"
    )
    assert enum_word(ContractStatus, "no_such_code", "en") == "no_such_code"
    assert set(FIELD_LABELS) <= set(FIELD_LABELS_EN)


def _agency(db: Database) -> tuple[int, int]:
    with db.writer() as w:
        supplier = w.create(Supplier(name="PT Arunika", npwp="01.334.083.2-611.000"))
        contract = w.create(
            Contract(
                number="000.3.3/041/SPK",
                title="Portal",
                supplier_id=supplier,
                value=Decimal("148500000"),
                start_date=date(2026, 1, 1),
                end_date=date(2026, 12, 31),
            )
        )
        service = w.create(Service(code="EKIN", name="e-Kinerja"))
        w.create(
            AlertSnooze(
                alert_key=f"renewal_decision:contract:{contract}:2026-12-08",
                until=date(2026, 12, 15),
                reason="menunggu pagu 2027",
                snoozed_by="budi",
            )
        )
        w.create(
            Incident(
                service_id=service,
                contract_id=contract,
                started_at=datetime(2026, 11, 20, 9, 30),
                severity="kritis",
            )
        )
        w.create(
            ReviewDecision(
                contract_id=contract,
                decided_on=date(2026, 11, 23),
                decision=ReviewDecisionKind.RETENDER,
                reviewer="budi",
            )
        )
    with db.writer() as w:
        w.update(
            Contract,
            contract,
            {"status": ContractStatus.IN_NOTICE, "value": Decimal("150000000")},
            expected_version=1,
        )
        w.update(Supplier, supplier, {"npwp": "01.456.321.7-611.000"}, expected_version=1)
    return supplier, contract


def test_new_rows_store_a_summary_that_names_the_thing(db: Database) -> None:
    _agency(db)
    with db.session() as s:
        summaries = {e.entity: e.summary for e in s.exec(select(AuditEntry))}
    assert summaries["alert_snooze"].startswith(
        "Penundaan peringatan 'Keputusan perpanjangan' kontrak 000.3.3/041/SPK, "
        "sampai 15 Des 2026, alasan: menunggu pagu 2027 (ID "
    )
    assert summaries["incident"].startswith(
        "Insiden layanan EKIN – e-Kinerja, kontrak 000.3.3/041/SPK, Kritis, mulai 20 Nov 2026"
    )
    assert summaries["review_decision"].startswith(
        "Keputusan tinjauan kontrak 000.3.3/041/SPK, Tender ulang (ID "
    )
    assert summaries["supplier"] == "Rekanan 'PT Arunika' (ID 1) diubah: NPWP"


def test_rekanan_audit_reads_in_the_persons_language(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _agency(db)
    url = db.url.replace("postgresql+psycopg", "postgresql")
    assert main(["audit", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "    Status: Aktif → Masa pemberitahuan" in out
    assert "    Nilai kontrak: Rp148.500.000 → Rp150.000.000" in out
    assert "    NPWP: 01.334.083.2-611.000 → 01.456.321.7-611.000" in out
    assert "masa_pemberitahuan" not in out and "contract#" not in out
    assert main(["audit", "--db", url, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "    Contract value: Rp148.500.000 → Rp150.000.000" in out
    assert "Review decision contract 000.3.3/041/SPK, Re-tender" in out


def test_csv_keeps_raw_columns_and_adds_the_words(db: Database) -> None:
    _agency(db)
    entries = audit_entries(db, "contract")
    with db.session() as session:
        names = session_names(session, entries)
    rows = list(csv.DictReader(io.StringIO(audit_csv(entries, "id", names))))
    update = rows[0]
    assert update["action"] == "update" and update["entity"] == "contract"
    assert json.loads(update["after"])["status"] == "masa_pemberitahuan"
    assert "Status: Aktif → Masa pemberitahuan" in update["changes"]
    assert update["description"].startswith("Kontrak '000.3.3/041/SPK'")


def test_history_tab_shows_labels_and_words() -> None:
    from rekanan.screens.audit_view import changes_text

    update = _entry("update", "contract", "", {"status": "aktif"}, {"status": "diputus"})
    assert changes_text(update) == "Status: Aktif → Diputus"
    assert changes_text(update, "en") == "Status: Active → Terminated"


def test_an_old_update_of_an_incident_is_named_by_the_incident_as_it_is_now(
    db: Database,
) -> None:
    _agency(db)
    with db.session() as s:
        incident = s.exec(select(Incident)).one()
    old = AuditRecord(
        1,
        AT,
        "budi",
        "update",
        "incident",
        int(incident.id or 0),
        f"Insiden ID {incident.id} diubah: waktu selesai",
        json.dumps({"resolved_at": None}),
        json.dumps({"resolved_at": "2026-11-20T23:00:00"}),
    )
    with db.session() as session:
        names = session_names(session, [old])
    shown = entry_headline(old, "id", names)
    assert shown.startswith("Insiden layanan EKIN – e-Kinerja, kontrak 000.3.3/041/SPK")
    assert shown.endswith("diubah: waktu selesai")
    (change,) = entry_changes(old, "id", names)
    assert (change.label, change.before, change.after) == (
        "Waktu selesai",
        "(kosong)",
        "20 Nov 2026 23:00",
    )
