"""The end of a review session: its summary on screen, its report files, and helpers.

The summary counts the session's decisions by kind and lists them with their notes; the
report (``rekanan.io.export.review_report``) is written as PDF and XLSX into the data
folder's ``laporan`` folder for the head of agency's signature.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.dom import DOMNode

from rekanan.config import default_data_dir
from rekanan.domain import formatting
from rekanan.domain.records import ReviewDecisionRecord
from rekanan.domain.review_text import rt
from rekanan.models.enums import ReviewDecisionKind
from rekanan.screens.register_support import language, tr
from rekanan.screens.review_page import DECISION_STYLES, decision_label
from rekanan.store.review import Recorded, SessionState

_SKIP = ReviewDecisionKind.SKIP


def session_summary(node: DOMNode, state: SessionState, numbers: dict[int, str]) -> Group:
    """Decisions by kind, then each decision with its contract and note; how to go on."""
    lang = language(node)
    counts: dict[ReviewDecisionKind, int] = {}
    values: dict[ReviewDecisionKind, dict[int, Decimal]] = {}
    for record in state.decided:
        counts[record.decision] = counts.get(record.decision, 0) + 1
        values.setdefault(record.decision, {})[record.contract_id] = _shown_value(record)
    table = Table(box=None, padding=(0, 2), header_style="bold")
    table.add_column(tr(node, "Keputusan"))
    table.add_column(tr(node, "Jumlah"), justify="right")
    table.add_column(tr(node, "Nilai kontrak"), justify="right")
    for kind in ReviewDecisionKind:
        if kind in counts:
            table.add_row(
                Text(decision_label(node, kind), style=DECISION_STYLES.get(kind, "")),
                str(counts[kind]),
                formatting.rupiah(sum(values[kind].values(), Decimal(0)), lang),
            )
    lines = Table(box=None, padding=(0, 1))
    lines.add_column(no_wrap=True)
    lines.add_column(no_wrap=True)
    lines.add_column(overflow="fold")
    for record in state.decided:
        item = numbers.get(record.contract_id)
        lines.add_row(
            Text(
                decision_label(node, record.decision),
                style=DECISION_STYLES.get(record.decision, ""),
            ),
            item or _shown_number(record),
            record.notes,
        )
    head = Text.assemble(
        (tr(node, "Ringkasan sesi"), "bold underline"),
        "\n",
        tr(
            node,
            "{decided} diputuskan, {skipped} dilewati dari {total} kontrak; {left} tersisa. "
            "Dimulai {start}.",
            decided=len({r.contract_id for r in state.decided if r.decision != _SKIP}),
            skipped=len(
                {r.contract_id for r in state.decided if r.decision == _SKIP}
                - {r.contract_id for r in state.decided if r.decision != _SKIP}
            ),
            total=state.total,
            left=state.left,
            start=formatting.medium_date(state.started_at.date(), lang),
        ),
    )
    hint = Text(
        tr(
            node,
            "w menulis laporan PDF dan XLSX untuk Kepala Dinas; ← kembali ke halaman; "
            "Esc keluar. Dari baris perintah: rekanan review report --since TANGGAL.",
        ),
        style="dim",
    )
    return Group(head, Text(""), table, Text(""), lines, Text(""), hint)


def effect_message(recorded: Recorded, language: str) -> str:
    """What the decision did, in one sentence (empty when it only went on the record)."""
    key = recorded.effect.get("message_key")
    if key:
        proposed = recorded.effect.get("proposed_end")
        new = formatting.medium_date(date.fromisoformat(proposed), language) if proposed else "-"
        return rt(language, key, new=new, max="-", months="-", old="-", used="-")
    form = recorded.effect.get("form")
    if form and recorded.decision == ReviewDecisionKind.RENEW:
        return rt(
            language,
            "renew.addendum",
            old=_day_text(form.get("before", {}).get("end_date"), language),
            new=_day_text(form.get("after", {}).get("end_date"), language),
        )
    contract = recorded.effect.get("contract")
    if contract and recorded.decision == ReviewDecisionKind.RENEW:
        after, before = contract["after"], contract["before"]
        return rt(
            language,
            "renew.extended",
            months=contract.get("months") or "",
            old=formatting.medium_date(
                date.fromisoformat(contract.get("term_end") or before["end_date"]), language
            ),
            new=formatting.medium_date(date.fromisoformat(after["end_date"]), language),
            used=after.get("renewals_used", ""),
        )
    return ""


def _day_text(text: str | None, language: str) -> str:
    return formatting.medium_date(date.fromisoformat(text), language) if text else "-"


def _shown_value(record: ReviewDecisionRecord) -> Decimal:
    """The contract value the reviewer saw (from the snapshot), else zero."""
    try:
        return Decimal(str(json.loads(record.snapshot_json or "{}")["contract"]["value"]))
    except (ValueError, KeyError, TypeError, ArithmeticError):
        return Decimal(0)


def _shown_number(record: ReviewDecisionRecord) -> str:
    """The contract number the reviewer saw (from the snapshot), else the id."""
    try:
        shown = json.loads(record.snapshot_json or "{}").get("contract", {}).get("number")
    except (ValueError, AttributeError):
        shown = None
    return str(shown) if shown else f"#{record.contract_id}"


def match_picked(
    contracts: Sequence[Any], wanted: tuple[str, ...]
) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The contract ids for typed entries, and the entries that matched no contract.

    An entry is a full number, a short number staff say aloud (the ``132`` of
    ``000.3.3/132/KTR/Diskominfo/2026``, when only one contract has it), or an id;
    saying which entries were not found keeps a typo from silently shrinking the queue.
    """
    by_number = {c.number.strip().lower(): c.id for c in contracts}
    by_part: dict[str, set[int]] = {}
    for contract in contracts:
        for part in contract.number.strip().lower().split("/"):
            if part.strip():
                by_part.setdefault(part.strip(), set()).add(contract.id)
    ids = {c.id for c in contracts}
    found: list[int] = []
    missing: list[str] = []
    for text in wanted:
        key = text.strip().lower()
        short = by_part.get(key, set())
        if key in by_number:
            found.append(by_number[key])
        elif len(short) == 1:
            found.append(next(iter(short)))
        elif key.isdigit() and int(key) in ids:
            found.append(int(key))
        else:
            missing.append(text.strip())
    return tuple(dict.fromkeys(found)), tuple(missing)


def write_session_report(
    db: Any, settings: Any, state: SessionState, day: date, lang: str, scope: str
) -> tuple[Path, Path]:
    """The session's report as PDF and XLSX in the data folder's ``laporan`` folder."""
    from rekanan.io.export.review_report import load_report, write_review_pdf, write_review_xlsx
    from rekanan.io.export.scorecard_pdf import PdfContext, Signer

    since = min((r.decided_on for r in state.decided), default=day)
    accounts = frozenset({settings.user}) if getattr(settings, "user_from_os", False) else None
    report = load_report(
        db, since, day, lang, session_id=state.id, scope=scope, os_accounts=accounts or frozenset()
    )
    folder = default_data_dir() / "laporan"
    stem = f"tinjauan-{day.isoformat()}-sesi-{state.id}"
    now = datetime.now().astimezone()
    context = PdfContext(
        settings.agency, Signer.from_agency(settings.agency), lang, now, settings.thresholds
    )
    pdf = write_review_pdf(report, context, folder / f"{stem}.pdf")
    xlsx = write_review_xlsx(report, settings.agency, folder / f"{stem}.xlsx", now)
    return pdf, xlsx
