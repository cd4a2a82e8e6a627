"""Hostile and broken input: no traceback, no half-written data, text stored and shown literally."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import func, select

from rekanan.cli import main
from rekanan.models import AuditEntry, Contract, Supplier
from rekanan.models.enums import ContractStatus, LegalForm, SupplierCategory
from rekanan.store.database import Database, open_database
from rekanan.store.errors import StoreError, ValidationFailed
from rekanan.store.validation import validate

HOSTILE = [
    "[bold red]x[/]",
    "[link=https://evil.example]klik[/link]",
    "Robert'); DROP TABLE supplier;--",
    "' OR '1'='1",
    "%s %(name)s {0} {name!r}",
    "\u202eCV Terbalik\u202c",
    "\u200fمؤسسة\u200f الرحمن",
    "PT 👩‍💻 Emoji 🇮🇩",
    "\x1b[31mmerah\x1b[0m",
    "baris\nbaru\r\ndan\ttab",
    "e\u0301 Ⅻ ﷽ \u200b nol-lebar",
    "\\N \\x00 \\",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "A" * 300,
]


# ---------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_round_trips_unchanged(db: Database, value: str) -> None:
    with db.writer() as w:
        supplier_id = w.create(
            Supplier(name=value, address=value[:500], notes=value * 3, contact_person=value[:200])
        )
        contract_id = w.create(
            Contract(
                number=value[:200],
                title=value,
                supplier_id=supplier_id,
                start_date=date(2026, 1, 1),
                termination_reason=value,
            )
        )
    with db.session() as s:
        supplier = s.get(Supplier, supplier_id)
        contract = s.get(Contract, contract_id)
        assert supplier is not None and contract is not None
        assert supplier.name == value.strip()
        assert supplier.notes == value * 3
        assert contract.number == value[:200].strip()
        assert contract.title == value.strip()
        assert contract.termination_reason == value
        audit = s.exec(select(AuditEntry).where(AuditEntry.entity == "supplier")).one()
        import json

        assert json.loads(audit.after_json)["notes"] == value * 3
    # and through the loader that every screen and rule reads
    from rekanan.store.loaders import load_agency

    agency = load_agency(db)
    assert [s.name for s in agency.suppliers] == [value.strip()]


def test_nul_and_too_long_text_are_refused_with_sentences_and_write_nothing(db: Database) -> None:
    for bad, field in ((Supplier(name="PT \x00 Nol"), "name"), (Supplier(name="B" * 301), "name")):
        with pytest.raises(ValidationFailed) as refused, db.writer() as w:
            w.create(Supplier(name="PT Sebelum Gagal"))  # same transaction: rolled back too
            w.create(bad)
        assert refused.value.field == field
        assert "Traceback" not in str(refused.value)
    with db.session() as s:
        assert s.exec(select(func.count()).select_from(Supplier)).one() == 0
        assert s.exec(select(func.count()).select_from(AuditEntry)).one() == 0


# ---------------------------------------------------------------------------- fuzzing


def _anything() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.text(max_size=40),
        st.text(alphabet="0123456789.-, ", max_size=25),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.floats(allow_nan=True),
        st.booleans(),
        st.dates(),
        st.sampled_from(["", " ", "ya", "tidak", "2026-02-30", "1e999", "NaN", "-0", "٣"]),
    )


SUPPLIER_FIELDS = {
    "name": st.one_of(st.text(max_size=320), _anything()),
    "npwp": _anything(),
    "nib": _anything(),
    "legal_form": st.one_of(st.sampled_from(list(LegalForm)), _anything()),
    "category": st.one_of(st.sampled_from(list(SupplierCategory)), _anything()),
    "email": _anything(),
    "active": _anything(),
    "notes": _anything(),
}

CONTRACT_FIELDS = {
    "number": _anything(),
    "title": _anything(),
    "supplier_id": st.one_of(st.just(1), _anything()),
    "value": _anything(),
    "start_date": st.one_of(st.dates(), _anything()),
    "end_date": st.one_of(st.dates(), _anything()),
    "notice_days": _anything(),
    "status": st.one_of(st.sampled_from(list(ContractStatus)), _anything()),
    "penalty_cap_pct": _anything(),
    "availability_pct": _anything(),
    "is_underpinning": _anything(),
}


@pytest.fixture
def fuzz_db(tmp_path: Path) -> Any:
    db = open_database(tmp_path / "fuzz.db", user="fuzz")
    with db.writer() as w:
        w.create(Supplier(name="PT Ada"))
    yield db
    db.close()


def _fuzz_model(db: Database, model: type[Any], values: dict[str, Any]) -> None:
    """Validation either passes or says why; a row that passes is stored whole or not at all."""
    before = _counts(db)
    try:
        with db.session() as s:
            validate(s, model(**values))
    except ValidationFailed as refused:
        assert str(refused).strip()
        return
    try:
        with db.writer() as w:
            w.create(model(**values))
    except StoreError as refused:
        assert str(refused).strip()
        assert _counts(db) == before  # nothing half-written
    else:
        after = _counts(db)
        assert after == (before[0] + 1, before[1] + 1)


def _counts(db: Database) -> tuple[int, int]:
    with db.session() as s:
        rows = sum(s.exec(select(func.count()).select_from(m)).one() for m in (Supplier, Contract))
        audit = s.exec(select(func.count()).select_from(AuditEntry)).one()
    return rows, audit


_FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@_FUZZ
@given(values=st.fixed_dictionaries({}, optional=SUPPLIER_FIELDS))
def test_fuzz_supplier_validation(fuzz_db: Database, values: dict[str, Any]) -> None:
    _fuzz_model(fuzz_db, Supplier, values)


@_FUZZ
@given(values=st.fixed_dictionaries({}, optional=CONTRACT_FIELDS))
def test_fuzz_contract_validation(fuzz_db: Database, values: dict[str, Any]) -> None:
    _fuzz_model(fuzz_db, Contract, values)


@settings(_FUZZ, max_examples=50)
@given(changes=st.fixed_dictionaries({}, optional=CONTRACT_FIELDS))
def test_fuzz_contract_updates_leave_the_row_whole(
    fuzz_db: Database, changes: dict[str, Any]
) -> None:
    with fuzz_db.writer() as w:
        contract_id = w.create(
            Contract(
                number=f"K/{fuzz_db.user}/{id(changes)}/{len(changes)}",
                title="Kontrak uji",
                supplier_id=1,
                start_date=date(2026, 1, 1),
                value=Decimal("1000"),
            )
        )
    with fuzz_db.session() as s:
        original = s.get(Contract, contract_id)
        assert original is not None
        snapshot = original.model_dump()
    try:
        with fuzz_db.writer() as w:
            w.update(Contract, contract_id, changes, expected_version=1)
    except StoreError as refused:
        assert str(refused).strip()
        with fuzz_db.session() as s:
            again = s.get(Contract, contract_id)
            assert again is not None and again.model_dump() == snapshot
    with fuzz_db.writer() as w:
        w.delete(Contract, contract_id)


# ---------------------------------------------------------------------------- the CLI

SAFE_COMMANDS = ["alerts", "audit", "backup", "restore", "scorecard"]
OPTION_WORDS = [
    "--db",
    "--as-of",
    "--format",
    "--since",
    "--entity",
    "--limit",
    "--lang",
    "--read-only",
    "--yes",
    "--check",
    "--user",
    "--by",
    "--fail-on",
    "--id",
    "-o",
    "text",
    "csv",
    "json",
    "2026-13-01",
    "x.db",
    "missing.db",
    "junk.bin",
    "kontrak",
    "-1",
    "0",
    "en",
    "critical",
]


@pytest.mark.parametrize("command", ["backup", "restore", "alerts"])
def test_a_nul_character_in_an_argument_is_a_sentence(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Hypothesis found ``rekanan backup '\x00'`` raising ValueError from pathlib."""
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REKANAN_DB", str(tmp_path / "x.db"))
    assert main([command, "\x00"]) == 2
    err = capsys.readouterr().err
    assert "NUL" in err and "Traceback" not in err


def test_cli_never_shows_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("REKANAN_DB", str(tmp_path / "x.db"))
    open_database(tmp_path / "x.db").close()
    (tmp_path / "junk.bin").write_bytes(b"\x00\xff garbage" * 100)

    @settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        command=st.sampled_from(SAFE_COMMANDS),
        words=st.lists(st.one_of(st.sampled_from(OPTION_WORDS), st.text(max_size=12)), max_size=6),
    )
    def run(command: str, words: list[str]) -> None:
        try:
            code = main([command, *words])
        except SystemExit as exit_:  # argparse: usage message and exit code 2
            code = exit_.code if isinstance(exit_.code, int) else 2
        captured = capsys.readouterr()
        assert isinstance(code, int)
        assert "Traceback" not in captured.err + captured.out

    run()


# ---------------------------------------------------------------------------- broken databases


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()


def _corrupt(path: Path) -> None:
    open_database(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xee" * (4096 - 100)  # the schema page, after the header
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b"%PDF-1.7 not a database"), "bukan basis data SQLite"),
        (_foreign, "bukan basis data rekanan"),
        (_newer, "lebih baru"),
        (_corrupt, "rekanan"),
        (lambda p: p.mkdir(), "folder"),
    ],
    ids=["pdf", "foreign", "newer", "corrupt", "folder"],
)
def test_broken_databases_give_a_sentence_and_an_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any, words: str
) -> None:
    path = tmp_path / "rusak.db"
    make(path)
    code = main(["alerts", "--db", str(path)])
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("rekanan: ") and words in err
    assert "Traceback" not in err


def test_unreachable_server_gives_a_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["alerts", "--db", "postgresql://nobody@127.0.0.1:1/rekanan"])
    err = capsys.readouterr().err
    assert code != 0 and "PostgreSQL" in err and "Traceback" not in err


def test_missing_database_file_gives_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["audit", "--db", str(tmp_path / "tidak-ada.db")])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err and str(tmp_path) in err


# ---------------------------------------------------------------------------- on screen


def test_register_columns_render_user_text_literally() -> None:
    """Names reach the register tables as ``rich.text.Text`` (no markup parsing), never as
    markup strings: ``[bold red]x[/]`` is shown as typed."""
    from rich.text import Text

    from rekanan.screens.contracts import ContractsScreen
    from rekanan.screens.services import ServicesScreen
    from rekanan.screens.suppliers import SuppliersScreen
    from rekanan.store.lists import ContractRow, ServiceRow, SupplierRow

    name = "[bold red]x[/]"
    supplier = SupplierRow(
        1, name, None, LegalForm.PT, SupplierCategory.OPERATIONAL, True, 1, Decimal("1"), 1
    )
    contract = ContractRow(
        1, name, name, 1, name, SupplierCategory.OPERATIONAL, ContractStatus.ACTIVE, False,
        Decimal("1"), date(2026, 1, 1), None, None, "", None, 1,
    )  # fmt: skip
    from rekanan.models.enums import Criticality, ServiceHours

    service = ServiceRow(1, name, name, name, Criticality.HIGH, ServiceHours.OFFICE, 0, 0, 1)
    for screen, row in (
        (SuppliersScreen(), supplier),
        (ContractsScreen(), contract),
        (ServicesScreen(), service),
    ):
        for column in screen._columns():  # type: ignore[attr-defined]
            cell = column.render(row)
            assert isinstance(cell, Text), (type(screen).__name__, column.key)
            if column.key in {"name", "number", "title", "supplier", "code", "owner_unit"}:
                assert name in cell.plain, (type(screen).__name__, column.key)
                assert not cell.spans, (type(screen).__name__, column.key)
