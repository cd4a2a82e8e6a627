"""The contract timeline shows the end of the grace extensions when late work runs on (G3)."""

from __future__ import annotations

from datetime import date

from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.contract_dates import contract_dates
from rekanan.domain.records import ContractRecord, SupplierRecord
from rekanan.domain.thresholds import Thresholds
from rekanan.screens.contract_detail import timeline_marks

AS_OF = date(2026, 11, 23)


def _dates(record: ContractRecord):  # type: ignore[no-untyped-def]
    supplier = SupplierRecord(id=1, name="CV Uji")
    return contract_dates(record, supplier, AS_OF, Thresholds(), WorkingCalendar.for_agency(()))


def test_the_grace_end_is_a_key_date_after_the_end() -> None:
    record = ContractRecord(1, "X/1", "Uji", 1, date(2026, 4, 7), date(2026, 10, 12))
    marks = timeline_marks(_dates(record), record.start_date, date(2026, 12, 1))
    assert [(m.symbol, m.day) for m in marks][-2:] == [
        ("B", date(2026, 10, 12)),
        ("S", date(2026, 12, 1)),
    ]
    assert "S" not in {m.symbol for m in timeline_marks(_dates(record), record.start_date)}
