"""Helpers of the import tests: files written from rows, and counts read back."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from rekanan.store.database import Database

LKPP = Path(__file__).resolve().parents[4] / "shared" / "data" / "lkpp"
if not LKPP.exists():
    LKPP = Path("/work/shared/data/lkpp")
LKPP_JSON = LKPP / "spse-tender-ekontrak-kontrak-2025.json"
LKPP_CSV = LKPP / "spse-tender-ekontrak-kontrak-2025.csv"
FILES = Path(__file__).parent / "files"


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})
    return path


def count(db: Database, model: Any) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())
