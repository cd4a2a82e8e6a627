"""Ctrl+P: find any supplier, contract or service by name, number, code or NPWP.

The commands themselves come from ``RekananApp.get_system_commands`` (they depend on the
screen); this provider adds the records. Each search is one small SQL query per register
(the registers' own ``list_*`` functions, 6 rows each) in a thread, ranked by Textual's
fuzzy matcher, so it stays quick on 100 000 contracts.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets.option_list import Option

from rekanan.domain.identifiers import format_npwp
from rekanan.screens.contract_detail import ContractDetailScreen
from rekanan.screens.register_support import as_of, deadline_cache, thresholds_of, tr
from rekanan.screens.service_detail import ServiceDetailScreen
from rekanan.screens.supplier_detail import SupplierDetailScreen
from rekanan.store.lists import (
    ContractQuery,
    ServiceQuery,
    SupplierQuery,
    list_contracts,
    list_services,
    list_suppliers,
)

PER_KIND = 6
MIN_QUERY = 2


@dataclass(frozen=True, slots=True)
class Found:
    """One record matching the typed text."""

    kind: str
    record_id: int
    text: str
    detail: str


def find_records(db: Any, text: str, day: Any, thresholds: Any) -> list[Found]:
    """Suppliers, contracts and services whose words contain ``text`` (a worker thread)."""
    found: list[Found] = []
    with db.session() as session:
        for s in list_suppliers(session, SupplierQuery(search=text), 0, PER_KIND).rows:
            found.append(Found("supplier", s.id, s.name, format_npwp(s.npwp) if s.npwp else ""))
        index = deadline_cache(db).get(session, day, thresholds)
        query = ContractQuery(as_of=day, search=text, sort="number")
        for c in list_contracts(session, query, 0, PER_KIND, index=index).rows:
            found.append(Found("contract", c.id, f"{c.number} {c.title}", c.supplier_name))
        for v in list_services(session, ServiceQuery(search=text), 0, PER_KIND).rows:
            found.append(Found("service", v.id, f"{v.code} {v.name}", ""))
    return found


def screen_for(found: Found) -> Screen[Any]:
    """The detail screen of a found record."""
    if found.kind == "supplier":
        return SupplierDetailScreen(found.record_id)
    if found.kind == "contract":
        return ContractDetailScreen(found.record_id)
    return ServiceDetailScreen(found.record_id)


def _open(open_screen: Any, item: Found) -> None:
    open_screen(screen_for(item))


KIND_LABELS = {"supplier": "Rekanan", "contract": "Kontrak", "service": "Layanan"}


class RecordSearch(Provider):
    """Records in the command palette."""

    async def search(self, query: str) -> Hits:
        text = query.strip()
        if len(text) < MIN_QUERY:
            return
        screen = self.screen
        db = getattr(self.app, "db", None)
        if db is None:
            return
        try:
            found = await asyncio.to_thread(
                find_records, db, text, as_of(screen), thresholds_of(screen)
            )
        except Exception:  # a failed search shows nothing; the palette stays usable
            return
        matcher = self.matcher(text)
        open_screen = getattr(self.app, "open_screen", self.app.push_screen)
        for item in found:
            kind = tr(screen, KIND_LABELS[item.kind])
            label = f"{kind}: {item.text}"
            score = matcher.match(label)
            yield Hit(
                max(score, 0.01),
                matcher.highlight(label),
                partial(_open, open_screen, item),
                text=label,
                help=item.detail or None,
            )


class RekananPalette(CommandPalette):
    """Textual's palette with its two texts in the app's language (F24).

    Textual writes "No matches found" from inside ``_start_no_matches_countdown``; this is
    that method again with the sentence translated (Textual 8.2).
    """

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(tr(self, "Tidak ada yang cocok"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def open_palette(screen: Screen[Any]) -> RekananPalette:
    """The palette to push: placeholder and empty result in the UI language."""
    return RekananPalette(
        id="--command-palette",
        placeholder=tr(screen, "Cari perintah, rekanan, kontrak atau layanan…"),
    )
