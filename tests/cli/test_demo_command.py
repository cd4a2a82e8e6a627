"""`rekanan demo` seeds the demo where --db says, or in the user data folder otherwise.

Without a terminal the app itself does not start (a sentence says so), which lets these
tests look at what was seeded.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from rekanan.cli import main
from rekanan.models import Supplier
from rekanan.store.database import open_database


@pytest.fixture(autouse=True)
def _home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("REKANAN_DB", raising=False)
    return tmp_path


def _suppliers(path: Path) -> int:
    database = open_database(path)
    try:
        with database.session() as session:
            return int(session.execute(select(func.count()).select_from(Supplier)).scalar_one())
    finally:
        database.close()


@pytest.mark.parametrize("where", ["before", "after"])
def test_demo_is_seeded_where_db_says(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "try" / "demo-here.db"
    args = ["--db", str(target), "demo"] if where == "before" else ["demo", "--db", str(target)]
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2 and "terminal" in err  # no tty in tests: the app says so and stops
    assert _suppliers(target) > 20
    assert not (tmp_path / "data" / "demo.db").exists()


def test_demo_without_db_lives_in_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["demo"])
    capsys.readouterr()
    assert _suppliers(tmp_path / "data" / "demo.db") > 20


def test_reset_refuses_a_server_database(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--db", "postgresql://nobody@127.0.0.1:1/none", "demo", "--reset"])
    err = capsys.readouterr().err
    assert code == 2 and "--reset" in err and "SQLite" in err
