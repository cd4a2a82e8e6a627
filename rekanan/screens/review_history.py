"""Earlier decisions on a contract with what the reviewer saw then (the stored snapshot).

Opened with ``h`` on a review page. Up/down picks a decision; the right side shows its
snapshot: the dates, renewals, scorecard, risk, penalties, letters, gaps, alerts and the
suggestion as they were on the day, whatever has changed since. Esc closes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from rekanan.domain import formatting
from rekanan.domain.records import ReviewDecisionRecord
from rekanan.i18n import N_
from rekanan.models.enums import ReviewDecisionKind
from rekanan.screens.register_support import language, tr
from rekanan.screens.review_page import DECISION_STYLES, decision_label


def _day(node: DOMNode, text: object) -> str:
    if not isinstance(text, str) or not text:
        return "-"
    try:
        return formatting.medium_date(date.fromisoformat(text), language(node))
    except ValueError:
        return text


def _money(node: DOMNode, text: object) -> str:
    try:
        return formatting.rupiah(Decimal(str(text)), language(node))
    except (InvalidOperation, ValueError):
        return "-"


def _rows(rows: Iterable[tuple[str, str | Text]]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    for key, value in rows:
        table.add_row(key, value)
    return table


def _list(title: str, lines: Iterable[str]) -> RenderableType:
    items = [f"• {line}" for line in lines]
    if not items:
        return Text("")
    return Group(Text(title, style="bold"), Text("\n".join(items)))


def snapshot_view(node: DOMNode, record: ReviewDecisionRecord) -> RenderableType:
    """The decision and the facts stored with it, for a person."""
    try:
        shot: dict[str, Any] = json.loads(record.snapshot_json or "{}")
    except ValueError:
        shot = {}
    head = Text.assemble(
        (decision_label(node, record.decision), DECISION_STYLES.get(record.decision, "bold")),
        f"  {formatting.medium_date(record.decided_on, language(node))}",
        f"  {record.reviewer}" if record.reviewer else "",
    )
    parts: list[RenderableType] = [head]
    if record.defer_until is not None:
        parts.append(
            Text(
                tr(
                    node,
                    "Ditunda sampai {day}",
                    day=formatting.medium_date(record.defer_until, language(node)),
                )
            )
        )
    if record.notes:
        parts.append(Text(record.notes, style="italic"))
    if not shot:
        parts.append(Text(tr(node, "Tidak ada fakta yang tersimpan."), style="dim"))
        return Group(*parts)
    contract = shot.get("contract") or {}
    supplier = shot.get("supplier") or {}
    dates = shot.get("dates") or {}
    card = shot.get("scorecard") or {}
    risk = shot.get("risk") or {}
    penalty = shot.get("penalty") or {}
    suggestion = shot.get("suggestion") or {}
    parts.append(Text(tr(node, "Yang terlihat per {day}:", day=_day(node, shot.get("as_of")))))
    parts.append(
        _rows(
            [
                (
                    tr(node, "Nomor kontrak"),
                    f"{contract.get('number', '-')} {contract.get('title', '')}",
                ),
                (tr(node, "Nama rekanan"), str(supplier.get("name", "-"))),
                (tr(node, "Nilai"), _money(node, contract.get("value"))),
                (tr(node, "Berakhir"), _day(node, dates.get("current_end"))),
                (tr(node, "Batas pemberitahuan"), _day(node, dates.get("notice_deadline"))),
                (tr(node, "Tanggal keputusan"), _day(node, dates.get("decision_date"))),
                (
                    tr(node, "Perpanjangan"),
                    tr(
                        node,
                        "{used} terpakai, {left} tersisa (maks. {max})",
                        used=contract.get("renewals_used", "-"),
                        left="-"
                        if contract.get("renewals_left") is None
                        else contract.get("renewals_left"),
                        max=contract.get("max_renewals", "-"),
                    ),
                ),
                (
                    tr(node, "Kartu kinerja"),
                    f"{card.get('period', '-')}: N {card.get('value') or '-'} "
                    f"{card.get('category') or ''} ({card.get('band', '-')})",
                ),
                (tr(node, "Skor risiko: ").strip(), f"{risk.get('score', '-')}/100"),
                (
                    tr(node, "Denda"),
                    f"{_money(node, penalty.get('total'))} / {_money(node, penalty.get('cap'))}",
                ),
                (tr(node, "Pemberian kesempatan"), str(penalty.get("grace_days", "-"))),
            ]
        )
    )
    parts.append(
        _list(
            tr(node, "Surat peringatan"),
            (
                f"{x.get('level')} {_day(node, x.get('issued_on'))} {x.get('number', '')}"
                for x in shot.get("warning_letters", ())
            ),
        )
    )
    parts.append(
        _list(
            tr(node, "Celah penyelarasan SLA/UC"),
            (g.get("title", "") for g in shot.get("gaps", ())),
        )
    )
    parts.append(
        _list(tr(node, "Peringatan"), (a.get("title", "") for a in shot.get("alerts", ())))
    )
    kind = suggestion.get("decision")
    if kind:
        try:
            word = decision_label(node, ReviewDecisionKind(kind))
        except ValueError:
            word = str(kind)
        parts.append(
            _list(
                tr(node, "Saran aturan saat itu: {decision}", decision=word),
                suggestion.get("reasons", ()),
            )
        )
    return Group(*parts)


class ReviewHistoryScreen(ModalScreen[None]):
    """The contract's earlier decisions, each with its snapshot."""

    DEFAULT_CSS = """
    ReviewHistoryScreen { align: center middle; background: $background 60%; }
    #history-box {
        width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1;
    }
    #history-title { text-style: bold; height: 1; }
    #history-list { width: 38; height: 1fr; }
    #history-detail { width: 1fr; height: 1fr; padding: 0 1; }
    """
    HELP = N_(
        "Keputusan sebelumnya atas kontrak ini dengan fakta yang terlihat saat itu. "
        "Panah atas/bawah memilih, Esc menutup."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h", "close", N_("Tutup"), id="review.history.close"),
    ]

    def __init__(self, number: str, records: tuple[ReviewDecisionRecord, ...]) -> None:
        super().__init__()
        self.number = number
        self.records = records

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box"):
            yield Static(
                Text(tr(self, "Riwayat keputusan {number}", number=self.number)),
                id="history-title",
            )
            with Horizontal():
                yield OptionList(
                    *[
                        Option(
                            f"{formatting.medium_date(r.decided_on, language(self))}  "
                            f"{decision_label(self, r.decision)}",
                            id=str(i),
                        )
                        for i, r in enumerate(self.records)
                    ],
                    id="history-list",
                )
                with VerticalScroll(id="history-detail"):
                    yield Static("", id="history-body")

    def on_mount(self) -> None:
        options = self.query_one("#history-list", OptionList)
        options.focus()
        if self.records:
            options.highlighted = 0
            self._show(0)
        else:
            self.query_one("#history-body", Static).update(
                Text(tr(self, "Belum pernah ditinjau."), style="dim")
            )

    @on(OptionList.OptionHighlighted, "#history-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(int(event.option.id or 0))

    def _show(self, index: int) -> None:
        self.query_one("#history-body", Static).update(snapshot_view(self, self.records[index]))

    def action_close(self) -> None:
        self.dismiss(None)
