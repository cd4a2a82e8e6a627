"""`rekanan db current|upgrade|roles-sql`: the schema revision, and the grants for a team."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_support import ROLES_SQL

from rekanan.cli import main
from rekanan.store.migrations import HEAD_REVISION


def test_db_current_then_upgrade_then_current(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "baru.db")
    assert main(["db", "current", "--db", path]) == 1
    assert "rekanan db upgrade" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", path]) == 0
    assert HEAD_REVISION in capsys.readouterr().out
    assert main(["db", "current", "--db", path, "--lang", "en"]) == 0
    assert f"schema {HEAD_REVISION}" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", path, "--lang", "en"]) == 0
    assert "already" in capsys.readouterr().out


def test_db_upgrade_is_refused_read_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "baru.db")
    assert main(["db", "upgrade", "--db", path, "--read-only"]) == 2
    assert "--read-only" in capsys.readouterr().err


def test_db_roles_sql_prints_the_tested_script(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "roles-sql"]) == 0
    assert capsys.readouterr().out == ROLES_SQL.read_text(encoding="utf-8")
