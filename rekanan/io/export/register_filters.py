"""The filters behind an exported register, as words for its note sheet (F44).

A filtered export looks like the whole register once it leaves the app; the XLSX note sheet
says which filters chose its rows and the day the data stands at. The list queries are read
by attribute (``lists.SupplierQuery``, ``lists.ContractQuery``), so this module needs no
store import; the alert filters come as plain values from the screen or the command line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rekanan.io.export.labels import code_label, label


def _answer(value: bool, language: str) -> str:
    return label("yes" if value else "no", language)


def _common(query: Any, language: str) -> list[str]:
    words: list[str] = []
    search = str(getattr(query, "search", "") or "").strip()
    if search:
        words.append(label("filter.search", language, text=search))
    category = getattr(query, "category", None)
    if category is not None:
        words.append(
            label("filter.category", language, name=code_label("supcat", category, language))
        )
    return words


def supplier_filters(query: Any, language: str = "id") -> tuple[str, ...]:
    """The filters of a ``lists.SupplierQuery``, one phrase each (sorting is not a filter)."""
    words = _common(query, language)
    if query.active is not None:
        words.append(label("filter.active", language, answer=_answer(query.active, language)))
    if query.has_active_contracts is not None:
        answer = _answer(query.has_active_contracts, language)
        words.append(label("filter.has_contracts", language, answer=answer))
    if query.only_ids is not None:
        words.append(label("filter.only_ids", language, n=len(query.only_ids)))
    if query.exclude_ids:
        words.append(label("filter.exclude_ids", language, n=len(query.exclude_ids)))
    return tuple(words)


def contract_filters(query: Any, language: str = "id") -> tuple[str, ...]:
    """The filters of a ``lists.ContractQuery``, one phrase each."""
    words = _common(query, language)
    if query.statuses:
        names = ", ".join(sorted(code_label("status", s, language) for s in query.statuses))
        words.append(label("filter.status", language, names=names))
    if query.underpinning is not None:
        answer = _answer(query.underpinning, language)
        words.append(label("filter.underpinning", language, answer=answer))
    if query.due_within_days is not None:
        words.append(label("filter.due", language, days=query.due_within_days))
        if query.include_overdue:
            words.append(label("filter.overdue", language))
    if query.supplier_id is not None:
        words.append(label("filter.supplier", language, id=query.supplier_id))
    if query.service_id is not None:
        words.append(label("filter.service", language, id=query.service_id))
    return tuple(words)


def alert_filters(
    language: str = "id",
    *,
    severity: object | None = None,
    search: str = "",
    snoozed_only: bool = False,
    with_snoozed: bool = False,
    within_days: int | None = None,
    kinds: Iterable[object] = (),
) -> tuple[str, ...]:
    """The filters of an alert export, from the screen or ``rekanan export alerts``."""
    words: list[str] = []
    if severity is not None:
        name = code_label("severity", severity, language)
        words.append(label("filter.severity", language, name=name))
    if snoozed_only:
        words.append(label("filter.snoozed", language))
    elif with_snoozed:
        words.append(label("filter.with_snoozed", language))
    if within_days is not None:
        words.append(label("filter.within", language, days=within_days))
    names = [code_label("alertkind", k, language) for k in kinds]
    if names:
        words.append(label("filter.kinds", language, names=", ".join(names)))
    if search.strip():
        words.append(label("filter.search", language, text=search.strip()))
    return tuple(words)
