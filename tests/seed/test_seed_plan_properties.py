"""Whatever the load date, the planned rows keep their order and never reach into the future."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from rekanan.store.seed_files import penalty_cap, plan_demo


@settings(max_examples=25, deadline=None)
@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2098, 12, 31)))
def test_plans_are_coherent_on_any_day(today: date) -> None:
    plan = plan_demo(today)
    contracts = {row.key: row.fields for row in plan.rows["contract"]}
    for fields in contracts.values():
        end = fields["end_date"]
        assert end is None or end >= fields["start_date"]
        assert str(today.year - 3) <= fields["number"][-4:] <= str(today.year + 1)
    for row in plan.rows["evaluation"]:
        fields = row.fields
        assert fields["period_start"] <= fields["period_end"] < today
        assert fields["period_end"] <= fields["evaluated_on"] <= today
    for row in plan.rows["incident"]:
        assert row.fields["started_at"] < datetime.combine(today, datetime.min.time())
    spent: dict[str, Decimal] = {}
    for row in plan.rows["penalty"]:
        key = row.refs["contract_id"][1]
        total = spent.get(key, Decimal(0)) + row.fields["amount"]
        assert total <= penalty_cap(contracts[key])
        spent[key] = total
    for row in plan.rows["sla"]:
        until = row.fields["valid_until"]
        assert until is None or until >= row.fields["valid_from"]
