"""The review report: what it says, as PDF and XLSX, from the store and the command line."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from rekanan.cli import main
from rekanan.i18n import catalogue
from rekanan.io.export.review_report import effect_text, load_report
from rekanan.models.contract import Contract
from rekanan.models.enums import RenewalKind, ReviewDecisionKind
from rekanan.models.review import ReviewDecision
from rekanan.models.supplier import Supplier
from rekanan.store.review import Decision, record_decision

AS_OF = date(2026, 11, 23)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def decided(db):
    """Three contracts and four decisions: renew (extends), terminate, defer, escalate."""
    with db.writer() as w:
        supplier = w.create(Supplier(name="PT Awan Contoh"))
        ids = [
            w.create(
                Contract(
                    number=f"K/{n}",
                    title=f"Kontrak {n}",
                    supplier_id=supplier,
                    start_date=date(2026, 1, 1),
                    end_date=date(2027, 1, 31),
                    renewal_kind=RenewalKind.TACIT,
                    renewal_period_months=12,
                    value=Decimal(100_000_000 * n),
                )
            )
            for n in (1, 2, 3)
        ]
    for contract_id, kind, extra in (
        (ids[0], ReviewDecisionKind.RENEW, {}),
        (
            ids[1],
            ReviewDecisionKind.TERMINATE,
            {
                "notes": "SP3 diabaikan",
                "termination_date": AS_OF + timedelta(days=14),
                "terminated_for_fault": True,
            },
        ),
        (
            ids[2],
            ReviewDecisionKind.DEFER,
            {"notes": "Menunggu APBD-P", "defer_until": AS_OF + timedelta(days=30)},
        ),
        (ids[2], ReviewDecisionKind.ESCALATE, {"notes": "Minta arahan"}),
    ):
        record_decision(db, Decision(contract_id, kind, **extra), as_of=AS_OF)
    return ids


def test_report_counts_kinds_contracts_and_values_and_words_effects(db, decided):
    report = load_report(db, AS_OF, AS_OF)
    assert len(report.lines) == 4 and report.contract_count == 3
    assert report.total_value == Decimal("600000000")
    groups = {kind: (count, contracts, value) for kind, count, contracts, value in report.by_kind()}
    assert groups[ReviewDecisionKind.RENEW] == (1, 1, Decimal("100000000"))
    assert groups[ReviewDecisionKind.ESCALATE] == (1, 1, Decimal("300000000"))
    effects = [line.effect for line in report.lines]
    assert effects[0] == "Diperpanjang: berakhir 31 Jan 2027 → 31 Jan 2028"
    assert effects[1] == "Diputus per 7 Des 2026 (karena kesalahan penyedia)"
    assert effects[2] == "0 peringatan ditunda s.d. 23 Des 2026"
    assert effects[3] == ""
    assert [x.decision.decision for x in report.attention] == [
        ReviewDecisionKind.TERMINATE,
        ReviewDecisionKind.ESCALATE,
    ]
    english = load_report(db, AS_OF, AS_OF, "en")
    assert effect_text(english.lines[1].decision, "en").endswith("(for the supplier's fault)")
    assert load_report(db, AS_OF + timedelta(days=1), AS_OF + timedelta(days=2)).lines == ()


def test_report_marks_superseded_decisions_and_counts_skips_apart(db, decided):
    # F36/F37: contract 3 was deferred, then escalated; contract 1 renewed, then skipped.
    record_decision(db, Decision(decided[0], ReviewDecisionKind.SKIP), as_of=AS_OF)
    report = load_report(db, AS_OF, AS_OF, os_accounts=frozenset({"root"}))
    defer, escalate = report.lines[2], report.lines[3]
    assert defer.superseded_text("id") == "Digantikan oleh Eskalasi ke Kepala Dinas 23 Nov 2026"
    assert escalate.superseded_by is None
    assert report.lines[0].superseded_by is None  # a skip supersedes nothing
    assert (report.decided, report.skipped) == (4, 1)
    assert report.count_text() == "4 diputuskan, 1 dilewati"
    assert report.span == "Keputusan 23 November 2026"  # one day, said once
    assert load_report(db, date(2026, 11, 1), AS_OF).span.startswith("Keputusan 1 November")


def test_report_says_when_the_reviewer_is_only_the_computer_account(db, decided):
    with db.writer() as w:
        w.session.execute(ReviewDecision.__table__.update().values(reviewer="root"))
    report = load_report(db, AS_OF, AS_OF, os_accounts=frozenset({"root"}))
    assert report.reviewer_names().startswith("root (akun komputer; nama peninjau belum diatur")
    assert load_report(db, AS_OF, AS_OF).reviewer_names() == "root"


def run(db, *args):
    return main(["--db", db.url, "--user", "tester", *args])


def test_cli_writes_the_pdf_with_letterhead_decisions_and_notes(db, decided, tmp_path, capsys):
    out = tmp_path / "laporan"
    assert run(db, "review", "report", "--since", AS_OF.isoformat(), "-o", str(out)) == 0
    assert "(4 keputusan)" in capsys.readouterr().out
    text = "\n".join(p.extract_text() for p in PdfReader(out.with_suffix(".pdf")).pages)
    for expected in (
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        "LAPORAN TINJAUAN KONTRAK",
        "Ringkasan keputusan",
        "Memerlukan perhatian Kepala Dinas",
        "K/2",
        "SP3 diabaikan",
        "Rp600.000.000",
        "Kepala Dinas",
    ):
        assert expected in text


def test_cli_writes_the_xlsx_in_english(db, decided, tmp_path):
    out = tmp_path / "report.xlsx"
    code = run(db, "--lang", "en", "review", "report", "--since", "2026-11-01", "-o", str(out))
    assert code == 0
    book = load_workbook(out)
    summary = [r for r in book["Summary"].iter_rows(values_only=True)]
    assert ("CONTRACT REVIEW REPORT", None, None, None) in summary
    assert ("Total (distinct contracts)", 4, 3, 600000000) in summary
    rows = list(book["Decisions"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Date", "Time", "Contract number")
    assert [r[6] for r in rows[1:]] == ["Renew", "Terminate", "Defer", "Escalate to head of agency"]


def test_cli_refuses_a_backwards_span_and_an_unknown_scope(db, capsys):
    code = run(db, "review", "report", "--since", "2026-11-23", "--until", "2026-11-01", "-o", "x")
    assert code == 2 and "lebih awal daripada --since" in capsys.readouterr().err
    assert run(db, "review", "--scope", "everything") == 2
    assert "bukan lingkup tinjauan" in capsys.readouterr().err


def _msgids(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        args = node.args
        if name == "tr" and len(args) >= 2 and isinstance(args[1], ast.Constant):
            found.append(args[1].value)
        elif name == "N_" and args and isinstance(args[0], ast.Constant):
            found.append(args[0].value)
    return found


@pytest.mark.parametrize(
    "name", ["review", "review_page", "review_dialog", "review_summary", "review_history"]
)
def test_every_review_screen_string_has_an_english_translation(name):
    english = catalogue("en")
    missing = [m for m in _msgids(ROOT / "rekanan" / "screens" / f"{name}.py") if m not in english]
    assert missing == []


def test_review_catalogue_does_not_change_other_screens_words():
    from rekanan.i18n import read_catalogue

    folder = ROOT / "rekanan" / "locale" / "en"
    mine = read_catalogue(folder / "LC_MESSAGES" / "review.po")
    clashes = [
        (path.name, key)
        for path in folder.rglob("*.po")
        if path.name != "review.po"
        for key, text in read_catalogue(path).items()
        if key in mine and mine[key] != text
    ]
    assert clashes == []


def test_cli_report_of_one_session_names_its_scope(db, decided, tmp_path, capsys):
    from rekanan.store.review import start_session

    state = start_session(db, "due:45", decided)
    record_decision(
        db, Decision(decided[0], ReviewDecisionKind.SKIP), as_of=AS_OF, session_id=state.id
    )
    out = tmp_path / "sesi.pdf"
    args = ["review", "report", "--since", "2026-11-01", "--session", str(state.id), "-o"]
    assert run(db, *args, str(out)) == 0
    assert "(1 keputusan)" in capsys.readouterr().out
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "dalam 45 hari" in text, text[:600]
    assert run(db, "review", "report", "--since", "2026-11-01", "--session", "999", "-o", "x") == 2
    assert "sesi tinjauan 999" in capsys.readouterr().err
