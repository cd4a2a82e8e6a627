"""What an import will do to the alerts, said before it is written.

A contract that SPSE still calls "Kontrak Sedang Berjalan" but whose end date has passed
comes in as a live contract, and the next morning the dashboard lists it as a critical
alert ("Kontrak lewat tanggal akhir, status masih aktif"); a contract that ends the day it
starts, or has no end date, becomes a data-quality warning. A person previewing an import
of 52 such rows should read that before pressing Import, not after. The forecast counts
the new contracts only (an updated one had its alerts already) and follows the rules'
own tests: a live status, an end before the day, no tacit renewal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rekanan.domain.contract_dates import LIVE_STATUSES
from rekanan.models import ContractStatus, RenewalKind

_CHECKED = LIVE_STATUSES | {ContractStatus.DRAFT}


@dataclass(frozen=True, slots=True)
class AlertForecast:
    """How many new contracts will raise which alerts, as of a day."""

    as_of: date
    past_end: int = 0
    """Live, ended before ``as_of``, not renewing by itself: a critical alert each."""
    same_day: int = 0
    """Ending the day they start: a data-quality warning each."""
    no_end: int = 0
    """Without an end date: a data-quality warning each."""

    def lines(self, language: str = "id") -> list[str]:
        """A sentence per kind of alert the import will raise (none when it raises none)."""
        en = language == "en"
        day = self.as_of.strftime("%d/%m/%Y")
        lines = []
        if self.past_end:
            n = self.past_end
            lines.append(
                f"{n} {'contract' if n == 1 else 'contracts'} ended before today ({day}) but "
                f"{'is' if n == 1 else 'are'} still running: critical alerts after the "
                "import; update the status or the dates."
                if en
                else f"{n} kontrak sudah berakhir sebelum hari ini ({day}) tetapi berstatus "
                "berjalan: akan muncul sebagai peringatan kritis; perbarui status atau "
                "tanggalnya setelah impor."
            )
        warnings = self.same_day + self.no_end
        if warnings:
            lines.append(
                f"{warnings} {'contract' if warnings == 1 else 'contracts'} ending the day "
                "they start or without an end date: data-quality warnings after the import."
                if en
                else f"{warnings} kontrak berakhir pada hari mulainya atau tanpa tanggal "
                "berakhir: akan muncul sebagai peringatan mutu data."
            )
        return lines


def forecast(new_fields: Iterable[dict[str, Any]], as_of: date) -> AlertForecast | None:
    """The alerts the new contracts (their fields as planned) will raise; None for none."""
    past_end = same_day = no_end = 0
    for fields in new_fields:
        status = fields.get("status") or ContractStatus.ACTIVE
        if status not in _CHECKED:
            continue
        start, end = fields.get("start_date"), fields.get("end_date")
        if end is None:
            no_end += 1
            continue
        if end == start:
            same_day += 1
        tacit = fields.get("renewal_kind") == RenewalKind.TACIT
        if status in LIVE_STATUSES and not tacit and end < as_of:
            past_end += 1
    if not (past_end or same_day or no_end):
        return None
    return AlertForecast(as_of, past_end, same_day, no_end)
