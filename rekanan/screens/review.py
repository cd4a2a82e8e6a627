"""Tinjauan kontrak: choose a scope, then go through the queue one contract per page.

Keys on a page: ``p`` renew, ``n`` renegotiate, ``t`` re-tender, ``x`` terminate, ``e``
escalate, ``d`` defer, ``s`` skip (renegotiate, terminate and defer ask for a note first),
``u`` undo the last decision, ``←``/``→`` move without deciding, ``h`` earlier decisions,
``l`` the session's summary, ``w`` write its report, ``Esc`` leave (the place is kept; the
next visit offers to resume). Under the header the page says how the queue is ordered (G23).

The footer of a page holds the decisions, undo, the summary, Esc and ``?`` inside 120
columns (G6): the other keys, ``Ctrl+Q`` and the command palette (``Ctrl+P``) still work and
``?`` lists them all.

Every database call runs in a thread worker (``run_db``); a page is built from the
contract's supplier slice (``rekanan.store.review.page_data``), so moving on stays quick on
a large agency. The queue is built once, from the whole agency, when the session starts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from rekanan.domain import formatting
from rekanan.domain.review import (
    QueueItem,
    ReviewContext,
    ReviewPage,
    ReviewScope,
    ScopeKind,
    build_page,
    build_queue,
    key_dates,
)
from rekanan.domain.review_effects import RenewalPlan, renewal_plan, requires_note
from rekanan.domain.review_snapshot import snapshot
from rekanan.errors import RekananError
from rekanan.i18n import N_
from rekanan.models.enums import (
    ContractStatus,
    ReviewDecisionKind,
    SupplierCategory,
    WarningLevel,
)
from rekanan.screens.register_support import (
    as_of,
    db_of,
    label,
    language,
    run_db,
    settings_of,
    thresholds_of,
    tr,
    user_of,
)
from rekanan.screens.review_dialog import DecisionDialog, DialogResult
from rekanan.screens.review_page import (
    DECISION_STYLES,
    decision_label,
    left_column,
    right_column,
)
from rekanan.screens.review_summary import (
    effect_message,
    match_picked,
    session_summary,
    write_session_report,
)
from rekanan.store.errors import NotFound, StaleEdit, StoreError
from rekanan.store.review import (
    Decision,
    Recorded,
    SessionState,
    Undone,
    contract_numbers,
    load_session,
    move_to,
    page_data,
    record_decision,
    resumable_session,
    start_session,
    undo_last,
)

DECISION_KEYS: dict[str, ReviewDecisionKind] = {
    "renew": ReviewDecisionKind.RENEW,
    "renegotiate": ReviewDecisionKind.RENEGOTIATE,
    "retender": ReviewDecisionKind.RETENDER,
    "terminate": ReviewDecisionKind.TERMINATE,
    "escalate": ReviewDecisionKind.ESCALATE,
    "defer": ReviewDecisionKind.DEFER,
    "skip": ReviewDecisionKind.SKIP,
}
PAGE_ACTIONS = frozenset(
    {
        *(f"decide_{k}" for k in DECISION_KEYS),
        "undo",
        "next",
        "previous",
        "report",
        "history",
        "write_report_here",
    }
)
CHOOSER, PAGE, SUMMARY = "review-chooser", "review-page", "review-summary"
DASHBOARD_DUE = "dashboard-due"
SCREEN_KEYS: tuple[tuple[str, str, str, str], ...] = (
    ("1", "ringkasan", N_("Ringkasan"), "app.dashboard"),
    ("2", "rekanan", N_("Rekanan"), "app.suppliers"),
    ("3", "kontrak", N_("Kontrak"), "app.contracts"),
    ("4", "layanan", N_("Layanan"), "app.services"),
    ("5", "peringatan", N_("Peringatan"), "app.alerts"),
)
"""The app's screen keys, bound again here without a footer entry (same ids, so a
``[keymap]`` moves them too): the footer has room for the decisions instead."""


class PageScroll(VerticalScroll, inherit_bindings=False):
    """A column that only scrolls up and down: ``←``/``→`` are left to the screen, which
    moves between contracts with them, so the help lists them as the keys that do (G6)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        b
        for b in ScrollableContainer.BINDINGS
        if not (isinstance(b, Binding) and b.key in ("left", "right"))
    ]


@dataclass(frozen=True, slots=True)
class Loaded:
    """A page ready to show: the session, where it stands, and the page."""

    session: SessionState
    page: ReviewPage | None


# A started session (or none), its queue, the scope described, and the picked entries not found.
_Started = tuple[SessionState | None, list[QueueItem], str, tuple[str, ...]]


class ReviewScreen(Screen[None]):
    """The review queue, one contract per page, decided with single keys."""

    CSS_PATH = "review.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (130, "-wide")]  # noqa: RUF012
    HELP = N_(
        "Tinjauan kontrak. Pilih cakupan lalu Enter. Di halaman kontrak: p perpanjang, "
        "n negosiasi ulang, t tender ulang, x putus, e eskalasi, d tunda, s lewati; u "
        "membatalkan keputusan terakhir; panah kiri/kanan berpindah tanpa memutuskan; h "
        "riwayat keputusan dengan fakta saat itu; l ringkasan dan laporan; w menulis laporan "
        "PDF dan XLSX; Esc keluar (posisi disimpan). Baris di bawah judul menyebut urutan "
        "antrean."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "decide_renew", N_("Perpanjang"), id="review.renew"),
        Binding("n", "decide_renegotiate", N_("Negosiasi"), id="review.renegotiate"),
        Binding("t", "decide_retender", N_("Tender ulang"), id="review.retender"),
        Binding("x", "decide_terminate", N_("Putus"), id="review.terminate"),
        Binding("e", "decide_escalate", N_("Eskalasi"), id="review.escalate"),
        Binding("d", "decide_defer", N_("Tunda…"), id="review.defer"),
        Binding("s", "decide_skip", N_("Lewati"), id="review.skip"),
        Binding("u,ctrl+z", "undo", N_("Batalkan"), id="review.undo"),
        Binding("l", "report", N_("Laporan"), id="review.report"),
        Binding("w", "write_report", N_("Tulis PDF+XLSX"), id="review.write_report"),
        Binding("escape", "leave", N_("Kembali"), id="review.leave"),
        # Below: kept out of the footer so the decision keys, undo, the summary, Esc and ?
        # fit in 120 columns (G6; ? and the screen's HELP list them).
        # ``w`` on a page writes the report too (the README promises it), without a footer
        # entry: the same id, so a ``[keymap]`` moves both.
        Binding(
            "w",
            "write_report_here",
            N_("Tulis PDF+XLSX"),
            id="review.write_report",
            show=False,
        ),
        # Ctrl+Q still quits (the app's own priority binding runs first); this copy only
        # hides it from a page's footer. Same id, so a ``[keymap]`` moves it too.
        Binding("ctrl+q", "quit_app", N_("Keluar"), id="app.quit", show=False, priority=True),
        Binding("right,right_square_bracket", "next", N_("Berikut"), id="review.next", show=False),
        Binding(
            "left,left_square_bracket",
            "previous",
            N_("Sebelum"),
            id="review.previous",
            show=False,
        ),
        Binding("h", "history", N_("Riwayat"), id="review.history", show=False),
        Binding("r", "reload", N_("Muat ulang"), id="review.reload", show=False),
        *(
            Binding(key, f"app.show('{name}')", text, id=binding_id, show=False)
            for key, name, text, binding_id in SCREEN_KEYS
        ),
    ]

    def __init__(self, *, scope: ReviewScope | None = None) -> None:
        super().__init__()
        self.initial_scope = scope
        self.session: SessionState | None = None
        self.page: ReviewPage | None = None
        self.items: dict[int, QueueItem] = {}
        self.resumable: SessionState | None = None
        self.busy = False
        self.mode = CHOOSER
        self.counts: dict[str, int] = {}
        self._agency: ReviewContext | None = None
        self._form_saved: set[int] = set()  # renew decisions whose contract form was saved
        self._agency_lock = threading.Lock()

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(Text(tr(self, "Tinjauan kontrak")), classes="screen-title")
        # Under the title, not at the bottom: toasts ("Tersimpan.") appear bottom right
        # and would be drawn over it.
        yield Static("", id="review-status")
        with ContentSwitcher(initial=CHOOSER, id="review-switcher"):
            with VerticalScroll(id=CHOOSER):
                yield Label(tr(self, "Pilih cakupan tinjauan lalu tekan Enter:"))
                yield OptionList(id="review-scopes")
                yield Static("", id="review-scope-note")
                with Horizontal(classes="review-field"):
                    yield Label(tr(self, "Hari ke depan"))
                    yield Input("90", id="review-days", restrict=r"\d*", max_length=4)
                with Horizontal(classes="review-field"):
                    yield Label(tr(self, "Kontrak pilihan"))
                    yield Input(
                        id="review-picked",
                        placeholder=tr(self, "nomor atau ID kontrak, pisahkan dengan koma"),
                    )
                with Horizontal(classes="review-field"):
                    yield Label(tr(self, "Peninjau"))
                    yield Input(
                        self._default_reviewer(),
                        id="review-reviewer",
                        placeholder=tr(self, "nama Anda, dicatat pada setiap keputusan"),
                    )
                yield Static(self._reviewer_note(), id="review-reviewer-note")
            with Vertical(id=PAGE):
                yield Static("", id="review-header")
                yield Static("", id="review-order")
                yield Static("", id="review-why")
                with Horizontal(id="review-columns"):
                    with PageScroll(id="review-left", classes="review-column"):
                        yield Static("", id="review-page-left")
                    with PageScroll(id="review-right", classes="review-column"):
                        yield Static("", id="review-page-right")
            with PageScroll(id=SUMMARY):
                yield Static("", id="review-summary-body")
        # The decision keys, undo, the summary, Esc and ? fit in 120 columns on a page (G6):
        # the command palette's entry is hidden there (Ctrl+P still opens it).
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # What the worker threads read, taken once on the UI thread.
        self._db = db_of(self)
        self._day, self._limits, self._lang = as_of(self), thresholds_of(self), language(self)
        self._fill_scopes()
        self.query_one("#review-scopes", OptionList).focus()
        db, reviewer = db_of(self), self._reviewer()
        if self.initial_scope is not None:
            self._start(self.initial_scope)
            return
        run_db(self, lambda: resumable_session(db, reviewer), self._offer_resume, group="review")
        self._count_scopes()

    # -- the agency, read once for the counts and the queue -------------------------------

    def _shared_context(self) -> ReviewContext:
        """The contracts a queue can hold, indexed with the agency's alerts, built once per
        visit (in a worker); evaluations and incidents are read when a scope asks."""
        from rekanan.store.alert_slice import review_index

        with self._agency_lock:
            if self._agency is None:
                index = review_index(self._db, self._limits)
                self._agency = ReviewContext.from_index(index, self._day, self._limits, self._lang)
            return self._agency

    def _count_scopes(self) -> None:
        """How many contracts each scope holds, shown next to it once known."""
        days = self._days()

        def work() -> dict[str, int]:
            from rekanan.store.lists import build_deadline_index, count_contracts_due

            context = self._shared_context()
            codes = [f"due:{days}", "risk", "sla_gaps"] + [
                f"category:{c.value}" for c in SupplierCategory
            ]
            found = {code: len(build_queue(context, ReviewScope.parse(code))) for code in codes}
            found["due"] = found.pop(f"due:{days}")
            with self._db.session() as session:  # the dashboard's own figure
                index = build_deadline_index(session, self._day, self._limits)
                found[DASHBOARD_DUE] = count_contracts_due(session, self._day, days, index)
            return found

        def done(counts: dict[str, int]) -> None:
            self.counts = counts
            self._fill_scopes()
            self._explain_due(days)

        run_db(self, work, done, group="review-counts", failed=lambda _: True)

    def _explain_due(self, days: int) -> None:
        """Say why the first scope may hold fewer contracts than the dashboard's figure."""
        shown, dashboard = self.counts.get("due"), self.counts.get(DASHBOARD_DUE)
        note = ""
        if shown is not None and dashboard is not None and shown != dashboard:
            note = tr(
                self,
                'Dasbor "Perlu diputuskan ≤ {days} hari" menghitung {dashboard} kontrak: semua '
                "tenggat, termasuk tanggal berakhir kontrak tanpa perpanjangan, draf, dan yang "
                "sudah diputuskan atau ditunda. Cakupan pertama hanya memuat {shown} kontrak "
                "yang masih perlu keputusan perpanjangan.",
                days=days,
                dashboard=dashboard,
                shown=shown,
            )
        self.query_one("#review-scope-note", Static).update(Text(note, style="dim"))

    def _days(self) -> int:
        raw = self.query_one("#review-days", Input).value.strip()
        return max(1, int(raw)) if raw.isdigit() else 90

    @on(Input.Changed, "#review-days")
    def _days_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.counts:
            self._count_scopes()

    def _reviewer(self) -> str:
        """The name typed in the chooser, else the configured or computer account name."""
        typed = self.query(Input).filter("#review-reviewer")
        name = typed.first().value.strip() if typed else ""
        return name or self._default_reviewer()

    def _default_reviewer(self) -> str:
        user = user_of(self)
        if user:
            return user
        return str(getattr(db_of(self), "user", "") or "")

    def _reviewer_note(self) -> str:
        """Say where the reviewer's name came from when nobody gave it (F-left: a report
        naming only a computer account tells the head of agency nothing)."""
        if not settings_of(self).user_from_os:
            return ""
        return tr(
            self,
            "Nama peninjau diambil dari akun komputer. Tulis nama Anda di atas agar laporan "
            "tinjauan menyebut siapa yang memutuskan; untuk seterusnya, isi user di berkas "
            "konfigurasi atau pakai --user.",
        )

    def _fill_scopes(self) -> None:
        options = self.query_one("#review-scopes", OptionList)
        keep = options.highlighted
        options.clear_options()
        lang = language(self)
        if self.resumable is not None:
            state = self.resumable
            options.add_option(
                Option(
                    Text(
                        tr(
                            self,
                            "Lanjutkan sesi: {scope} ({done} dari {total} sudah diputuskan)",
                            scope=self._scope_text(state.scope),
                            done=state.total - state.left,
                            total=state.total,
                        ),
                        style="bold",
                    ),
                    id="resume",
                )
            )
        scopes = [
            ("due", ReviewScope(ScopeKind.DUE, days=90).describe(lang).replace("90", "N")),
            ("risk", ReviewScope(ScopeKind.RISK).describe(lang)),
            ("sla_gaps", ReviewScope(ScopeKind.SLA_GAPS).describe(lang)),
        ] + [
            (
                f"category:{category.value}",
                ReviewScope(ScopeKind.CATEGORY, category=category)
                .describe(lang)
                .replace(category.value, label(self, category).lower()),
            )
            for category in SupplierCategory
        ]
        for key, text in scopes:
            prompt = Text(text)
            if key in self.counts:
                count = self.counts[key]
                prompt += Text(
                    "  " + tr(self, "({n} kontrak)", n=count), style="dim" if not count else "bold"
                )
            options.add_option(Option(prompt, id=key))
        options.add_option(Option(tr(self, "Kontrak pilihan (isi nomornya di bawah)"), id="picked"))
        options.highlighted = keep if keep is not None and keep < options.option_count else 0

    def _scope_text(self, code: str) -> str:
        try:
            return ReviewScope.parse(code).describe(language(self))
        except ValueError:
            return code

    def _order_text(self, code: str) -> str:
        """How the session's queue is ordered, in words (G23)."""
        try:
            return ReviewScope.parse(code).order(language(self))
        except ValueError:
            return ""

    def _offer_resume(self, state: SessionState | None) -> None:
        self.resumable = state
        self._fill_scopes()

    # -- choosing a scope --------------------------------------------------------------

    @on(Input.Submitted, "#review-days")
    def _days_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose("due")

    @on(Input.Submitted, "#review-picked")
    def _picked_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose("picked")

    @on(Input.Submitted, "#review-reviewer")
    def _reviewer_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#review-scopes", OptionList).focus()

    @on(OptionList.OptionSelected, "#review-scopes")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id or "")

    def _choose(self, choice: str) -> None:
        if choice == "resume" and self.resumable is not None:
            self._resume(self.resumable.id)
            return
        try:
            scope, picked = self._scope_for(choice)
        except RekananError as error:
            self._status(str(error), error=True)
            return
        self._start(scope, picked)

    def _scope_for(self, choice: str) -> tuple[ReviewScope, tuple[str, ...]]:
        if choice == "due":
            raw = self.query_one("#review-days", Input).value.strip() or "90"
            return ReviewScope(ScopeKind.DUE, days=max(1, int(raw))), ()
        if choice == "picked":
            raw = self.query_one("#review-picked", Input).value
            wanted = tuple(x.strip() for x in raw.replace(";", ",").split(",") if x.strip())
            if not wanted:
                raise RekananError(
                    tr(self, "Isi nomor atau ID kontrak yang ingin ditinjau, pisahkan dengan koma.")
                )
            return ReviewScope(ScopeKind.PICKED), wanted
        return ReviewScope.parse(choice), ()

    def _start(self, scope: ReviewScope, picked: tuple[str, ...] = ()) -> None:
        if self.busy:
            return
        db, reviewer, lang = db_of(self), self._reviewer(), language(self)
        self._status(tr(self, "Menyusun antrean…"))
        self.busy = True

        def work() -> _Started:
            context = self._shared_context()
            chosen = scope
            if picked:
                ids, missing = match_picked(contract_numbers(db), picked)
                if missing:  # said before starting: a typo must not shrink the queue
                    return None, [], "", missing
                context.index.read_contracts(set(ids))  # ended ones are not indexed yet
                chosen = ReviewScope(ScopeKind.PICKED, contract_ids=ids)
            items = build_queue(context, chosen)
            if not items:
                return None, [], chosen.describe(lang), ()
            state = start_session(db, chosen.code(), [i.contract_id for i in items], reviewer)
            return state, items, chosen.describe(lang), ()

        def done(result: _Started) -> None:
            self.busy = False
            state, items, described, missing = result
            if missing:
                self._status(
                    tr(
                        self,
                        "Tidak ditemukan: {numbers}. Periksa nomornya (nomor lengkap, nomor "
                        "pendek seperti 132, atau ID) lalu tekan Enter lagi.",
                        numbers=", ".join(missing),
                    ),
                    error=True,
                )
                return
            if state is None:
                self._status(
                    tr(self, "Tidak ada kontrak dalam cakupan: {scope}.", scope=described),
                    error=True,
                )
                return
            self.items = {i.contract_id: i for i in items}
            self._status("")
            self._load_page(state)

        run_db(self, work, done, group="review", failed=self._failed)

    def _resume(self, session_id: int) -> None:
        db = db_of(self)
        self.busy = True

        def done(state: SessionState) -> None:
            self.busy = False
            self._load_page(state)

        run_db(
            self, lambda: load_session(db, session_id), done, group="review", failed=self._failed
        )

    def _failed(self, error: BaseException) -> bool:
        self.busy = False
        return False

    # -- a page ------------------------------------------------------------------------

    def _load_page(self, state: SessionState, position: int | None = None) -> None:
        """Build the page at ``position`` (the session's own place by default)."""
        db = db_of(self)
        day, limits, lang = as_of(self), thresholds_of(self), language(self)
        where = state.position if position is None else position
        where = max(0, min(where, state.total - 1))
        contract_id = state.queue[where]
        self.busy = True

        def work() -> Loaded:
            moved = move_to(db, state.id, where) if where != state.position else state
            data = page_data(db, contract_id, day)
            context = ReviewContext.build(data, day, limits, lang)
            return Loaded(moved, build_page(context, contract_id))

        def failed(error: BaseException) -> bool:
            self.busy = False
            if isinstance(error, NotFound) and where + 1 < state.total:
                # The contract was deleted since the queue was built: go on to the next.
                self._status(str(error), error=True)
                self._load_page(state, where + 1)
                return True
            return False

        run_db(self, work, self._show_page, group="review", failed=failed)

    def _show_page(self, loaded: Loaded) -> None:
        self.busy = False
        self.session = loaded.session
        self.page = loaded.page
        self._switch(PAGE)
        self._render_header()
        if loaded.page is not None:
            self.query_one("#review-page-left", Static).update(left_column(self, loaded.page))
            self.query_one("#review-page-right", Static).update(right_column(self, loaded.page))
            self.query_one("#review-left", VerticalScroll).scroll_home(animate=False)
            self.query_one("#review-right", VerticalScroll).scroll_home(animate=False)

    def _render_header(self) -> None:
        state = self.session
        if state is None:
            return
        here = state.position + 1
        contract_id = state.queue[state.position]
        decided = next((r for r in reversed(state.decided) if r.contract_id == contract_id), None)
        header = Text.assemble(
            (tr(self, "{here} dari {total}", here=here, total=state.total), "bold reverse"),
            "  ",
            tr(self, "{left} belum diputuskan", left=state.left),
            "  ·  ",
            (self._scope_text(state.scope), "dim"),
        )
        if decided is not None:
            header += Text.assemble(
                "  ·  ",
                (
                    tr(
                        self,
                        "sudah diputuskan: {decision}",
                        decision=decision_label(self, decided.decision),
                    ),
                    DECISION_STYLES.get(decided.decision, ""),
                ),
            )
        self.query_one("#review-header", Static).update(header)
        self.query_one("#review-order", Static).update(Text(self._order_text(state.scope)))
        item = self.items.get(contract_id)
        why = Text()
        if self.page is not None:
            kind = self.page.suggestion.decision
            why += Text.assemble(
                tr(self, "Saran: "),
                (decision_label(self, kind), DECISION_STYLES.get(kind, "bold")),
            )
        if item is not None and item.why:
            why += Text(" · " + " · ".join(item.why), style="italic")
        self.query_one("#review-why", Static).update(why)

    def _switch(self, mode: str) -> None:
        if mode == self.mode:
            return  # refreshing the bindings rebuilds the footer: only when the view changes
        self.mode = mode
        self.query_one("#review-switcher", ContentSwitcher).current = mode
        self.query_one(Footer).show_command_palette = mode != PAGE
        self.refresh_bindings()
        if mode == PAGE:
            self.query_one("#review-right", VerticalScroll).focus()
        elif mode == SUMMARY:
            self.query_one(f"#{SUMMARY}", VerticalScroll).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in PAGE_ACTIONS:
            if self.mode == CHOOSER:
                return False
            if self.mode == SUMMARY and (
                action.startswith("decide_") or action == "write_report_here"
            ):
                return False
        if action == "quit_app":
            return self.mode == PAGE  # elsewhere the app's own entry shows in the footer
        return not (action == "write_report" and self.mode != SUMMARY)

    # -- moving ------------------------------------------------------------------------

    def action_next(self) -> None:
        self._move(+1)

    def action_previous(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        state = self.session
        if state is None or self.busy:
            return
        if self.mode == SUMMARY:
            self._load_page(state)  # read again: the page may predate its decision (F38)
            return
        target = state.position + step
        if 0 <= target < state.total:
            self._load_page(state, target)
        elif target >= state.total:
            self.action_report()

    def action_history(self) -> None:
        """Earlier decisions on this contract, with what was seen each time."""
        from rekanan.screens.review_history import ReviewHistoryScreen

        if self.page is not None and self.mode == PAGE:
            self.app.push_screen(ReviewHistoryScreen(self.page.contract.number, self.page.previous))

    def action_reload(self) -> None:
        """Read again from the database (someone else may have changed it).

        Bound here also so that ``r`` (the app's key for this screen) never stacks a
        second review on top of this one.
        """
        if self.busy:
            return
        if self.mode == PAGE and self.session is not None:
            self._load_page(self.session)
        elif self.mode == CHOOSER:
            db, reviewer = db_of(self), self._reviewer()
            run_db(
                self, lambda: resumable_session(db, reviewer), self._offer_resume, group="review"
            )

    def action_quit_app(self) -> None:
        """Quit, as the app's Ctrl+Q does (that binding normally runs before this one)."""
        self.app.exit()

    def action_leave(self) -> None:
        """Leave the review; the session keeps its place for the next visit."""
        if self.mode == SUMMARY and self.session is not None and not self.session.done:
            self._load_page(self.session)
            return
        self.dismiss(None)

    # -- deciding ----------------------------------------------------------------------

    def action_decide_renew(self) -> None:
        self._decide(ReviewDecisionKind.RENEW)

    def action_decide_renegotiate(self) -> None:
        self._decide(ReviewDecisionKind.RENEGOTIATE)

    def action_decide_retender(self) -> None:
        self._decide(ReviewDecisionKind.RETENDER)

    def action_decide_terminate(self) -> None:
        self._decide(ReviewDecisionKind.TERMINATE)

    def action_decide_escalate(self) -> None:
        self._decide(ReviewDecisionKind.ESCALATE)

    def action_decide_defer(self) -> None:
        self._decide(ReviewDecisionKind.DEFER)

    def action_decide_skip(self) -> None:
        self._decide(ReviewDecisionKind.SKIP)

    def _decide(self, kind: ReviewDecisionKind) -> None:
        page = self.page
        if page is None or self.session is None or self.busy or self.mode != PAGE:
            return
        if kind == ReviewDecisionKind.RENEW:
            plan = renewal_plan(page.contract, page.dates)
            if not plan.extends:
                self._open_contract_form(plan, page)  # recorded once the form is saved
                return
        if requires_note(kind):
            fault = any(x.level == WarningLevel.SP3 for x in page.letters)
            dialog = DecisionDialog(
                kind,
                page.contract.number,
                as_of(self),
                fault_default=fault,
                deadlines=deadlines_of(page),
            )

            def answered(result: DialogResult | None) -> None:
                if result is not None:
                    self._record(kind, result)

            self.app.push_screen(dialog, answered)
            return
        self._record(kind, DialogResult(""))

    def _record(
        self,
        kind: ReviewDecisionKind,
        answer: DialogResult,
        saved_form: Callable[[], dict[str, Any]] | None = None,
    ) -> None:
        """Record the decision in a worker; ``saved_form`` reads what the contract form
        saved (a renewal by addendum), so the record holds the end before and after."""
        page, state = self.page, self.session
        if page is None or state is None:
            return
        decision = Decision(
            contract_id=page.contract.id,
            decision=kind,
            notes=answer.notes,
            defer_until=answer.when if kind == ReviewDecisionKind.DEFER else None,
            termination_date=answer.when if kind == ReviewDecisionKind.TERMINATE else None,
            terminated_for_fault=answer.fault,
            snapshot=snapshot(page, language(self)),
            alert_keys=page.alert_keys,
            contract_version=page.contract.version,
        )
        db, reviewer = db_of(self), self._reviewer()
        day, limits = as_of(self), thresholds_of(self)
        self.busy = True

        def work() -> Recorded:
            made = decision
            if saved_form is not None:
                made = replace(decision, saved_form=saved_form(), contract_version=None)
            return record_decision(
                db,
                made,
                as_of=day,
                thresholds=limits,
                session_id=state.id,
                reviewer=reviewer,
            )

        run_db(self, work, self._recorded, group="review-write", failed=self._failed)

    def _recorded(self, recorded: Recorded) -> None:
        self.busy = False
        lang = language(self)
        message = tr(
            self,
            "{decision} dicatat untuk {number}.",
            decision=decision_label(self, recorded.decision),
            number=self.page.contract.number if self.page else "",
        )
        effect = effect_message(recorded, lang)
        self._status(f"{message} {effect}".strip())
        if "form" in recorded.effect:
            self._form_saved.add(recorded.decision_id)
        state = recorded.session
        if state is None:
            return
        self.session = state
        if state.done:
            self.action_report()
            return
        self._load_page(state)

    def _open_contract_form(self, plan: RenewalPlan, page: ReviewPage) -> None:
        """The contract form for a renewal the rules cannot apply by themselves (F32).

        Nothing is recorded yet: saving the form (Ctrl+S) writes the addendum in one
        audited write and only then records *Perpanjang*, with the end before and after;
        Esc leaves the contract and the record as they were and stays on the page. The form
        starts on the end date, with the status "renewed" (a renewal after a re-tender or
        a notice puts the contract back in force, F36).
        """
        from rekanan.screens.forms import RecordForm

        number, lang = page.contract.number, language(self)
        start: dict[str, Any] = {"status": ContractStatus.RENEWED}
        if plan.message_key == "renew.form_express" and plan.new_end is not None:
            start["end_date"] = plan.new_end
            start["renewals_used"] = page.contract.renewals_used + 1
            note = tr(
                self,
                "Perpanjangan eksplisit: periksa tanggal berakhir baru ({day}) lalu simpan "
                "dengan Ctrl+S. Esc membatalkan: kontrak tidak berubah.",
                day=formatting.medium_date(plan.new_end, lang),
            )
        else:
            note = tr(
                self,
                "Perpanjangan dengan adendum: isi tanggal berakhir baru lalu simpan dengan "
                "Ctrl+S. Esc membatalkan: kontrak tidak berubah.",
            )
        contract, db = page.contract, db_of(self)

        def read_saved() -> dict[str, Any]:
            after = saved_contract(db, contract.id)
            return {
                "before": {
                    "end_date": contract.end_date.isoformat() if contract.end_date else None,
                    "status": contract.status.value,
                    "renewals_used": contract.renewals_used,
                },
                "after": after,
                "version": after.pop("version"),
            }

        def closed(saved: int | None) -> None:
            if saved is None:
                self._status(
                    tr(
                        self,
                        "Perpanjangan {number} tidak disimpan: kontrak tidak berubah dan belum "
                        "ada keputusan yang dicatat.",
                        number=number,
                    ),
                    error=True,
                )
                return
            self._record(ReviewDecisionKind.RENEW, DialogResult(""), read_saved)

        self.app.push_screen(
            RecordForm("contract", contract.id, start, note=note, focus="end_date"), closed
        )

    def action_undo(self) -> None:
        state = self.session
        if state is None or self.busy:
            return
        db = db_of(self)
        self.busy = True

        def done(undone: Undone) -> None:
            self.busy = False
            if undone.decision_id in self._form_saved:
                # The addendum was saved through the contract form, not by the decision.
                said = tr(
                    self,
                    "Keputusan {decision} dibatalkan. Perubahan kontrak yang disimpan di "
                    "formulir tetap; ubah kontraknya (tombol 3) bila perlu.",
                    decision=decision_label(self, undone.decision),
                )
            else:
                said = tr(
                    self,
                    "Keputusan {decision} dibatalkan; akibatnya dikembalikan.",
                    decision=decision_label(self, undone.decision),
                )
            self._status(said)
            if undone.session is not None:
                self._load_page(undone.session)

        def failed(error: BaseException) -> bool:
            self.busy = False
            if isinstance(error, StoreError) and not isinstance(error, StaleEdit):
                self._status(tr(self, str(error)), error=True)  # nothing to undo: one line
                return True
            return False

        run_db(self, lambda: undo_last(db, state.id), done, group="review-write", failed=failed)

    # -- summary and report --------------------------------------------------------------

    def action_report(self) -> None:
        state = self.session
        if state is None or self.busy:
            return
        db = db_of(self)
        self.busy = True

        def done(fresh: SessionState) -> None:
            self.busy = False
            self.session = fresh
            self.query_one("#review-summary-body", Static).update(self._summary(fresh))
            self._switch(SUMMARY)

        run_db(self, lambda: load_session(db, state.id), done, group="review", failed=self._failed)

    def _summary(self, state: SessionState) -> Group:
        return session_summary(self, state, {i: x.number for i, x in self.items.items()})

    def action_write_report_here(self) -> None:
        """``w`` on a contract page: the report of the session so far, as on the summary."""
        self.action_write_report()

    def action_write_report(self) -> None:
        state = self.session
        if state is None or self.busy:
            return
        db, settings = db_of(self), settings_of(self)
        day, lang = as_of(self), language(self)
        scope = self._scope_text(state.scope)
        self.busy = True

        def work() -> tuple[Path, Path]:
            return write_session_report(db, settings, state, day, lang, scope)

        def done(paths: tuple[Path, Path]) -> None:
            self.busy = False
            self._status(tr(self, "Laporan ditulis: {pdf} dan {xlsx}", pdf=paths[0], xlsx=paths[1]))

        run_db(self, work, done, group="review-write", failed=self._failed)

    # -- status ------------------------------------------------------------------------

    def _status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#review-status", Static)
        status.update(Text(message, style="bold red" if error else "bold"))
        status.display = bool(message)


def saved_contract(db: Any, contract_id: int) -> dict[str, Any]:
    """The renewal fields of a contract as its form just saved them, with its version."""
    from rekanan.models import Contract

    with db.session() as session:
        row = session.get(Contract, contract_id)
        if row is None:
            raise NotFound(f"Kontrak dengan ID {contract_id} tidak ada lagi; muat ulang antrean.")
        return {
            "end_date": row.end_date.isoformat() if row.end_date else None,
            "status": ContractStatus(row.status).value,
            "renewals_used": row.renewals_used,
            "version": row.version,
        }


def deadlines_of(page: ReviewPage) -> list[tuple[str, date]]:
    """The dates whose alerts a deferral would hide: the decision and notice deadlines that
    bind the contract (the alerts' rules) and its end, unless it renews by itself."""
    dates = page.dates
    found = key_dates(page.contract, dates) if dates.end and dates.end >= page.as_of else []
    if dates.end is not None and not dates.renews_tacitly:
        found.append(("end", dates.end))
    return found
