"""``rekanan alerts`` and ``rekanan scorecard``: the rules from the command line (and cron).

``alerts`` prints every alert as of a day, as a table grouped by severity that fits 80
columns, as JSON or as CSV; with ``--fail-on`` it exits 1 when an alert of that severity
(or worse) is shown, so a cron job can mail it. ``scorecard_text`` lays out a scorecard
as text for ``rekanan scorecard`` (registered, with its file formats, in
``rekanan.cli.export_commands``).

Both read the database once (``load_agency``) and leave everything else to
``rekanan.domain``. The command's own labels are in ``_LABELS`` below, in both languages.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
import textwrap
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from babel.numbers import format_decimal

from rekanan.cli.common import (
    add_subcommand,
    parse_days,
    parse_iso_date,
    require_database,
)
from rekanan.config import Settings
from rekanan.domain.alert import (
    SEVERITY_ORDER,
    Alert,
    AlertKind,
    Listed,
    Severity,
    filter_alerts,
)
from rekanan.domain.formatting import locale_for, medium_date, percent, rupiah
from rekanan.domain.identifiers import format_npwp

if TYPE_CHECKING:
    from rekanan.domain.scorecard import Scorecard
    from rekanan.store.alert_register import StoredAlert

WIDTH = 80

_LABELS: dict[str, tuple[str, str]] = {
    # the app's severity words (rekanan/screens/alerts.py), as headings
    "critical": ("KRITIS", "CRITICAL"),
    "warning": ("WASPADA", "WARNING"),
    "info": ("INFO", "INFO"),
    "due": ("Jatuh tempo", "Due"),
    "left": ("Sisa", "Left"),
    "subject": ("Perihal", "Subject"),
    "today": ("hari ini", "today"),
    "days": ("{n} hr", "{n} d"),
    "none": (
        "Tidak ada peringatan per {day}.",
        "No alerts as of {day}.",
    ),
    "summary": (
        "{critical} kritis, {warning} waspada, {info} info per {day}.",
        "{critical} critical, {warning} warning, {info} info as of {day}.",
    ),
    "snoozed": ("ditunda s.d. {day}", "snoozed until {day}"),
    "rule": ("Aturan", "Rule"),
    "card_title": ("Kartu kinerja penyedia", "Supplier scorecard"),
    "period": (
        "Periode {label} ({start} s.d. {end}), per {as_of}",
        "Period {label} ({start} to {end}), as of {as_of}",
    ),
    "sikap": ("Nilai SIKaP", "SIKaP score"),
    "aspect.quality": ("Kualitas dan Kuantitas", "Quality and quantity"),
    "aspect.cost": ("Biaya", "Cost"),
    "aspect.timeliness": ("Waktu", "Timeliness"),
    "aspect.service": ("Layanan", "Service"),
    "final": ("Nilai akhir N", "Final value N"),
    "not_evaluated": ("belum dinilai dalam periode ini", "not evaluated in this period"),
    "per_contract": ("Per kontrak", "Per contract"),
    "supplier_level": ("(penilaian penyedia)", "(supplier evaluation)"),
    "fault": ("diputus karena kesalahan penyedia", "terminated for the supplier's fault"),
    "suggested": ("Waktu menurut keterlambatan: {score}", "Timeliness by lateness: {score}"),
    "kpis": ("Indikator objektif (kontrak pendukung)", "Objective KPIs (underpinning contracts)"),
    "no_ucs": ("tidak ada UC yang berjalan dalam periode ini", "no UC ran in this period"),
    "availability": ("Ketersediaan tercapai", "Availability achieved"),
    "incidents": ("Insiden", "Incidents"),
    "breaches": ("Pelanggaran target", "Target breaches"),
    "sla_met": ("Insiden dalam target SLA", "Incidents within SLA targets"),
    "mttr": ("Rata-rata waktu penyelesaian", "Mean time to resolve"),
    "hours": ("{n} jam", "{n} h"),
    "uc_line": (
        "{number}: {achieved} (target {target}), {incidents} insiden, {breaches} pelanggaran",
        "{number}: {achieved} (target {target}), {incidents} incidents, {breaches} breaches",
    ),
    "enforcement": ("Denda dan surat peringatan", "Penalties and warning letters"),
    "penalties": (
        "Denda dalam periode: {count}, jumlah {total}",
        "Penalties in the period: {count}, {total} in total",
    ),
    "letter": ("{level} {day}, kontrak {number}", "{level} {day}, contract {number}"),
    "no_letters": (
        "Tidak ada surat peringatan dalam periode.",
        "No warning letters in the period.",
    ),
    "band": ("Pita", "Band"),
    "band.red": ("MERAH", "RED"),
    "band.amber": ("KUNING", "AMBER"),
    "band.green": ("HIJAU", "GREEN"),
    "trend": ("Tren", "Trend"),
    "trend.up": ("naik dari {previous}", "up from {previous}"),
    "trend.down": ("turun dari {previous}", "down from {previous}"),
    "trend.flat": ("tetap ({previous})", "flat ({previous})"),
    "trend.none": ("belum dapat dibandingkan", "cannot be compared yet"),
    "history": ("Enam periode terakhir", "Last six periods"),
}


def _l(language: str, key: str, **params: object) -> str:
    pair = _LABELS[key]
    text = pair[1] if language == "en" else pair[0]
    return text.format(**params) if params else text


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``alerts`` to the command line (``scorecard`` lives in ``export_commands``)."""
    alerts = add_subcommand(
        subparsers,
        "alerts",
        "List the alerts as of a day: renewals, notice deadlines, coverage, SLA/UC gaps, "
        "penalties, blacklist risk, sanctions and incomplete data.",
    )
    alerts.add_argument(
        "--as-of",
        type=parse_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day to judge (default: today)",
    )
    alerts.add_argument(
        "--within",
        type=parse_days,
        default=None,
        metavar="DAYS",
        help="only alerts due within DAYS days (overdue and undated ones always show)",
    )
    alerts.add_argument(
        "--severity",
        choices=[s.value for s in Severity],
        default=None,
        help="only alerts of this severity or worse",
    )
    alerts.add_argument(
        "--kind",
        action="append",
        choices=[k.value for k in AlertKind],
        default=None,
        help="only alerts of this kind (repeat for several)",
    )
    alerts.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="output format"
    )
    alerts.add_argument(
        "--fail-on",
        choices=("critical", "warning"),
        default=None,
        help="exit 1 when an alert of this severity or worse is listed (for cron)",
    )
    alerts.add_argument(
        "--reasons", action="store_true", help="text format: print the reasons and the rule"
    )
    alerts.add_argument(
        "--include-snoozed", action="store_true", help="also list snoozed alerts, marked"
    )
    alerts.add_argument(
        "--recompute",
        action="store_true",
        help="compute every alert again rather than trust the stored ones "
        "(after changing the database outside rekanan)",
    )
    alerts.set_defaults(func=run_alerts)


def agency_alerts(
    settings: Settings, as_of: date, include_snoozed: bool, *, recompute: bool = False
) -> list[Alert]:
    """Every alert of the configured database, from the alert register.

    The register answers from the alerts it stored for the day, patched for what changed
    since: the same alerts as ``compute_alerts(load_agency(database), ...)``, in a fraction
    of a second on a national agency once the day has been computed (``--read-only``
    computes them every time, through the alert slice).
    """
    return [row.alert for row in alert_rows(settings, as_of, include_snoozed, recompute=recompute)]


def alert_rows(
    settings: Settings, as_of: date, include_snoozed: bool, *, recompute: bool = False
) -> list[StoredAlert]:
    """``agency_alerts`` as the register's rows, each decoded only where it is needed."""
    url = require_database(settings)
    from rekanan.store.alert_register import register_rows
    from rekanan.store.database import open_database

    database = open_database(url, user=settings.audit_user, read_only=settings.read_only)
    try:
        return register_rows(
            database,
            as_of,
            settings.thresholds,
            settings.language,
            include_snoozed=include_snoozed,
            recompute=recompute,
        )
    finally:
        database.close()


# ---------------------------------------------------------------------------- alerts


def json_array(lines: Sequence[str]) -> str:
    """JSON values already encoded, one per line, as one JSON array: it reads well with
    ``grep`` and diffs and is still one JSON document."""
    if not lines:
        return "[]\n"
    body = ",\n".join(lines)
    return f"[\n{body}\n]\n"


def run_alerts(args: argparse.Namespace, settings: Settings) -> int:
    """Compute, filter and print the alerts; exit 1 with ``--fail-on`` when one matches."""
    as_of: date = args.as_of or date.today()
    language = settings.language
    rows = alert_rows(settings, as_of, args.include_snoozed, recompute=args.recompute)
    shown = filter_alerts(
        rows,
        within_days=args.within,
        severity=Severity(args.severity) if args.severity else None,
        kinds=[AlertKind(k) for k in args.kind] if args.kind else None,
    )
    if args.format == "json":
        sys.stdout.write(json_array([row.payload for row in shown]))
    elif args.format == "csv":
        sys.stdout.write(alerts_csv([row.alert for row in shown]))
    else:
        sys.stdout.write(
            alerts_text(shown, as_of, language, reasons=args.reasons, width=output_width())
        )
    if args.fail_on:
        limit = SEVERITY_ORDER[Severity(args.fail_on)]
        if any(SEVERITY_ORDER[a.severity] <= limit and not a.snoozed for a in shown):
            return 1
    return 0


CSV_COLUMNS = (
    "kind",
    "severity",
    "title",
    "due",
    "days_left",
    "supplier_name",
    "supplier_npwp",
    "contract_number",
    "service_code",
    "service_name",
    "reasons",
    "rule",
    "key",
    "snoozed_until",
    "snooze_reason",
)


def alerts_csv(alerts: Sequence[Alert]) -> str:
    """The alerts as CSV with a header row; reasons joined by `` | ``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in alerts:
        writer.writerow(
            (
                a.kind.value,
                a.severity.value,
                a.title,
                a.due.isoformat() if a.due else "",
                "" if a.days_left is None else a.days_left,
                a.supplier_name,
                a.supplier_npwp,
                a.contract_number,
                a.service_code,
                a.service_name,
                " | ".join(a.reasons),
                a.rule,
                a.key,
                a.snoozed_until.isoformat() if a.snoozed_until else "",
                a.snooze_reason,
            )
        )
    return out.getvalue()


def _wrap_parts(parts: Iterable[str], width: int, indent: str) -> list[str]:
    """Parts joined by `` · ``, broken into lines between parts, never inside a supplier
    name or a contract number unless one alone is wider than the line."""
    lines: list[str] = []
    line = ""
    room = width - len(indent)
    for part in (p if _tidy(p) else " ".join(p.split()) for p in parts):
        candidate = f"{line} · {part}" if line else part
        if len(candidate) <= room or not line:
            line = candidate
        else:
            lines.append(line)
            line = part
    if line:
        lines.append(line)
    wrapped: list[str] = []
    for each in lines:
        if len(each) <= room:
            wrapped.append(indent + each)
        else:
            wrapped.extend(_wrap(each, width, indent, indent))
    return wrapped


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """Words filled into lines of ``width``, the first indented by ``first``, the others by
    ``rest``; breaks only between words (``e-Kinerja`` stays whole).

    ``textwrap.wrap`` costs half a second for the 23 000 alerts of a national agency; a
    word longer than a line still goes to it, to be cut.
    """
    if len(first) + len(text) <= width and _tidy(text):
        return [first + text]
    lines: list[str] = []
    line, filled = first, False
    for word in text.split():
        candidate = f"{line} {word}" if filled else line + word
        if len(candidate) <= width:
            line, filled = candidate, True
            continue
        if not filled:  # one word wider than the line: textwrap cuts it
            return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest)
        lines.append(line)
        line = rest + word
        if len(line) > width:
            return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest)
    if filled:
        lines.append(line)
    return lines


def _tidy(text: str) -> bool:
    """True when ``text`` is words with single spaces between them (nothing to fill)."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _left(days: int | None, language: str) -> str:
    if days is None:
        return ""
    if days == 0:
        return _l(language, "today")
    return _l(language, "days", n=days)


def output_width() -> int:
    """The terminal's width when printing to one (80 to 200), else 80 (files, cron mail)."""
    if not sys.stdout.isatty():
        return WIDTH
    return max(WIDTH, min(200, shutil.get_terminal_size((WIDTH, 24)).columns))


def alerts_text(
    alerts: Sequence[Listed],
    as_of: date,
    language: str,
    *,
    reasons: bool = False,
    width: int = WIDTH,
) -> str:
    """The alerts as a table grouped by severity, ``width`` columns wide.

    Titles and the supplier · contract · service line wrap rather than being cut: a
    contract number without its year (``.../KTR/Diskominfo/20…``) names no contract.
    """
    day = medium_date(as_of, language)
    if not alerts:
        return _l(language, "none", day=day) + "\n"
    lines: list[str] = []
    counts = {s: 0 for s in Severity}
    for a in alerts:
        counts[a.severity] += 1
    indent = " " * 23  # 2 + 11 (date) + 1 + 8 (days left) + 1, then the title
    for severity in Severity:
        group = [a for a in alerts if a.severity == severity]
        if not group:
            continue
        if lines:
            lines.append("")
        heading = f"{_l(language, severity.value)} ({len(group)})"
        lines.append(heading)
        lines.append(
            f"  {_l(language, 'due'):<11} {_l(language, 'left'):>8} {_l(language, 'subject')}"
        )
        lines.append("  " + "-" * (width - 2))
        heads: dict[tuple[date | None, int | None], str] = {}
        for a in group:
            head = heads.get((a.due, a.days_left))
            if head is None:
                due = medium_date(a.due, language) if a.due else "-"
                head = f"  {due:<11} {_left(a.days_left, language):>8} "
                heads[(a.due, a.days_left)] = head
            title = _wrap(a.title, width, head, indent)
            who = [a.supplier_name, a.contract_number, a.service_code]
            if a.snoozed_until:
                who.append(_l(language, "snoozed", day=medium_date(a.snoozed_until, language)))
            detail_lines = _wrap_parts((w for w in who if w), width, indent)
            if reasons and a is not group[0]:
                lines.append("")
            lines.extend(title)
            lines.extend(detail_lines)
            if reasons:
                for reason in a.reasons:
                    lines.extend(_wrap(reason, width, indent + "- ", " " * 25))
                lines.extend(_wrap(f"{_l(language, 'rule')}: {a.rule}", width, indent, " " * 25))
    lines.append("")
    lines.append(
        _l(
            language,
            "summary",
            critical=counts[Severity.CRITICAL],
            warning=counts[Severity.WARNING],
            info=counts[Severity.INFO],
            day=day,
        )
    )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- scorecard


def _n(value: Decimal | None, language: str, digits: int = 2) -> str:
    """A score with a fixed number of decimals (``2,00``), or ``-``."""
    if value is None:
        return "-"
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=locale_for(language))


def scorecard_text(
    card: Scorecard, language: str, contract_numbers: dict[int, str] | None = None
) -> str:
    """A supplier scorecard as plain text, 80 columns wide.

    ``contract_numbers`` names the contracts of warning letters (ids otherwise).
    """
    from rekanan.domain.scorecard import ASPECTS

    out: list[str] = []
    supplier = card.supplier
    npwp = format_npwp(supplier.npwp)
    title = f"{_l(language, 'card_title')}: {supplier.name}" + (f" ({npwp})" if npwp else "")
    out.extend(textwrap.wrap(title, WIDTH))
    out.append(
        _l(
            language,
            "period",
            label=card.period.label,
            start=medium_date(card.period.start, language),
            end=medium_date(card.period.end, language),
            as_of=medium_date(card.as_of, language),
        )
    )
    out.append("")
    out.append(_l(language, "sikap"))
    if card.aspects is None or card.value is None:
        out.append("  " + _l(language, "not_evaluated"))
    else:
        for aspect in ASPECTS:
            weight = percent(card.weights.get(aspect, Decimal(0)) * 100, language, 0)
            label = f"{_l(language, 'aspect.' + aspect)} ({weight})"
            out.append(f"  {label:<40} {_n(card.aspects[aspect], language):>6}")
        out.append(f"  {_l(language, 'final'):<40} {_n(card.value, language):>6}  {card.category}")
        out.append("  " + _l(language, "per_contract") + ":")
        for score in card.contracts:
            name = score.number if score.contract_id is not None else _l(language, "supplier_level")
            notes = []
            if score.terminated_for_fault:
                notes.append(_l(language, "fault"))
            if score.suggested_timeliness is not None:
                notes.append(_l(language, "suggested", score=score.suggested_timeliness))
            line = f"    {_cut(name, 34):<34} {_n(score.value, language):>6}  {score.category}"
            out.append(line)
            if notes:
                out.append("      " + _cut("; ".join(notes), WIDTH - 6))
    out.append("")
    out.append(_l(language, "kpis"))
    kpis = card.kpis
    if not kpis.levels:
        out.append("  " + _l(language, "no_ucs"))
    else:
        rows = [
            ("availability", percent(kpis.availability_pct, language, 3)),
            ("incidents", str(kpis.incidents)),
            ("breaches", str(kpis.breaches)),
            ("sla_met", percent(kpis.sla_met_pct, language, 1)),
            (
                "mttr",
                "-"
                if kpis.mttr_hours is None
                else _l(language, "hours", n=_n(kpis.mttr_hours, language)),
            ),
        ]
        for key, value in rows:
            out.append(f"  {_l(language, key):<40} {value}")
        for contract, level in kpis.levels:
            out.append(
                "    "
                + _cut(
                    _l(
                        language,
                        "uc_line",
                        number=contract.number,
                        achieved=percent(level.availability_pct, language, 3),
                        target=percent(level.targets.availability_pct, language, 3),
                        incidents=level.incidents,
                        breaches=level.breaches,
                    ),
                    WIDTH - 4,
                )
            )
    out.append("")
    out.append(_l(language, "enforcement"))
    out.append(
        "  "
        + _l(
            language,
            "penalties",
            count=len(card.penalties),
            total=rupiah(card.penalty_total, language),
        )
    )
    numbers = {c.contract_id: c.number for c in card.contracts if c.contract_id is not None}
    numbers.update(contract_numbers or {})
    if card.letters:
        for letter in card.letters:
            out.append(
                "  "
                + _l(
                    language,
                    "letter",
                    level=str(letter.level),
                    day=medium_date(letter.issued_on, language),
                    number=numbers.get(letter.contract_id, f"#{letter.contract_id}"),
                )
            )
    else:
        out.append("  " + _l(language, "no_letters"))
    out.append("")
    out.append(f"{_l(language, 'band')}: {_l(language, 'band.' + card.band.value)}")
    for reason in card.band_reasons:
        out.extend(textwrap.wrap(reason, WIDTH, initial_indent="  - ", subsequent_indent="    "))
    out.append("")
    if card.trend is None or card.previous_value is None:
        trend = _l(language, "trend.none")
    else:
        trend = _l(
            language, "trend." + card.trend.value, previous=_n(card.previous_value, language)
        )
    out.append(f"{_l(language, 'trend')}: {trend}")
    out.append(_l(language, "history") + ":")
    for item in card.history:
        value = _n(item.value, language)
        category = item.category or ""
        band = _l(language, "band." + item.band.value)
        out.append(f"  {item.period.label:<24} {value:>6}  {category:<12} {band}")
    return "\n".join(out) + "\n"
