"""The demo's data files: shipped in the package, read with sentences on errors, planned right."""

from __future__ import annotations

import fnmatch
import tomllib
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from rekanan.store import seed_files
from rekanan.store.seed_files import (
    SeedDataError,
    past_periods,
    penalty_cap,
    plan_demo,
    with_year,
)

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)


def test_every_data_file_is_shipped_as_package_data() -> None:
    folder = resources.files("rekanan").joinpath("seed_data")
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".csv"))
    assert {"suppliers.csv", "contracts.csv", "evaluation_plans.csv", "incidents.csv"} <= set(names)
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["rekanan"]
    for name in names:
        assert any(fnmatch.fnmatch(f"seed_data/{name}", p) for p in patterns), name


def test_the_plan_is_independent_of_the_database() -> None:
    plan = plan_demo(TODAY)
    assert plan.agency["name"].startswith("Dinas Komunikasi dan Informatika")
    assert plan.count("supplier") == 31 and plan.count("service") == 10
    contracts = {row.key: row.fields for row in plan.rows["contract"]}
    # Offsets become dates around the load day, and numbers carry the start year.
    assert contracts["TEL-3"]["start_date"] == date(2026, 6, 16)
    assert contracts["TEL-3"]["number"] == "000.3.3/013/KTR/Diskominfo/2026"
    assert contracts["WIRA-2"]["end_date"] is None


def test_penalties_are_computed_from_days_late_and_capped() -> None:
    plan = plan_demo(TODAY)
    contracts = {row.key: row.fields for row in plan.rows["contract"]}
    amounts = {row.refs["contract_id"][1]: row.fields["amount"] for row in plan.rows["penalty"]}
    assert amounts["MCS-2"] == Decimal("13500000.00")  # 30 days x 1 per mille x Rp450 juta
    assert amounts["GRAHA-1"] == penalty_cap(contracts["GRAHA-1"])  # 50 days, exactly the cap


def test_past_periods_are_complete_and_oldest_first() -> None:
    quarters = past_periods("triwulan", TODAY, 8, 1)
    assert len(quarters) == 8
    assert quarters[-1].label == "2026-Q3" and quarters[0].label == "2024-Q4"
    months = past_periods("bulan", date(2027, 1, 1), 3, 2)
    assert [m.label for m in months] == ["2026-10", "2026-11"]


def test_with_year() -> None:
    assert with_year("SP1/{year}", date(2025, 3, 7)) == "SP1/2025"


def test_a_broken_file_is_named_with_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    original = seed_files.read_text

    def broken(name: str) -> str:
        text = original(name)
        if name == "contracts.csv":
            lines = text.splitlines()
            lines[2] = lines[2].replace(",-525,", ",kemarin,")
            text = "\n".join(lines) + "\n"
        return text

    monkeypatch.setattr(seed_files, "read_text", broken)
    with pytest.raises(SeedDataError) as caught:
        plan_demo(TODAY)
    assert "contracts.csv baris 3" in str(caught.value)
    assert "kemarin" in str(caught.value)


def test_an_unknown_reference_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    original = seed_files.read_text

    def broken(name: str) -> str:
        text = original(name)
        return text.replace("MCS-2,SP3", "MCS-9,SP3") if name == "warning_letters.csv" else text

    monkeypatch.setattr(seed_files, "read_text", broken)
    with pytest.raises(SeedDataError, match="MCS-9"):
        plan_demo(TODAY)
