"""A contract past its end with a grace extension running is due at the grace's last day,
in the deadline index (dashboard, "due within"), in a list page sorted otherwise, and in
the review queue (G29: the most urgent contract was missing from 'due within 30 days')."""

from __future__ import annotations

from datetime import date

from rekanan.store.database import Database
from rekanan.store.lists import ContractQuery, count_contracts_due, list_contracts

AS_OF = date(2026, 11, 23)
IN_GRACE = "000.3.3/162/KTR/Diskominfo/2026"  # ended 12 Oct 2026, 50 grace days: 1 Dec


def _row(page, number):  # type: ignore[no-untyped-def]
    return next(r for r in page.rows if r.number == number)


def test_the_grace_end_is_the_next_deadline_everywhere(seeded_db: Database) -> None:
    with seeded_db.session() as session:
        due = list_contracts(session, ContractQuery(as_of=AS_OF, due_within_days=30), 0, 100)
        row = _row(due, IN_GRACE)
        assert (row.deadline_kind, row.next_deadline, row.days_left) == (
            "grace",
            date(2026, 12, 1),
            8,
        )
        by_value = list_contracts(session, ContractQuery(as_of=AS_OF, sort="value"), 0, 100)
        assert _row(by_value, IN_GRACE).deadline_kind == "grace"
        assert count_contracts_due(session, AS_OF, 30) == due.total
