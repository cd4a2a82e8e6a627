"""Review sessions and decisions on the record, with their effects, and undo.

Each decision is one writer transaction: the ``ReviewDecision`` row (reviewer, timestamp,
the snapshot of the facts shown), its effect on the contract or the alerts, and the
session's place. The effect is kept in ``effect_json`` (values before and after, the new
row version, the snoozes made), so ``undo_last`` can put everything back, refusing with a
sentence when someone has changed the contract since.

Effects (issue 5 section 4; the rules are ``rekanan.domain.review``):

* **renew**: a tacit contract with renewals left runs one more term (end date, renewals
  used, status ``diperpanjang``); an express renewal, a contract with no renewal clause or
  at its maximum needs the contract form: the screen opens it first and records the
  decision once it is saved (``Decision.saved_form``: the end before and after, kept in
  ``effect_json["form"]``; undo leaves the saved addendum);
* **re-tender**: the contract ends at the end of its current term (status
  ``masa_pemberitahuan``); ``rekanan.domain.retender`` raises the coverage alert for its
  services until a successor is registered;
* **terminate**: the termination record (date, reason = the note, whether it is the
  supplier's fault, which feeds blacklist risk and the scorecard from that date); status
  ``diputus`` when effective today, else ``masa_pemberitahuan`` ending on that date;
* **defer**: the contract's alerts shown on the page are snoozed until the date;
* renegotiate, escalate and skip are recorded as they are.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.contract_dates import contract_dates
from rekanan.domain.records import (
    AgencyData,
    ContractRecord,
    ReviewDecisionRecord,
    SupplierRecord,
)
from rekanan.domain.review_effects import renewal_plan, requires_note, retender_plan
from rekanan.domain.thresholds import Thresholds
from rekanan.models.contract import Contract
from rekanan.models.enums import ContractStatus, ReviewDecisionKind
from rekanan.models.review import AlertSnooze, ReviewDecision, ReviewSession
from rekanan.models.supplier import Supplier
from rekanan.store.database import Database
from rekanan.store.errors import NotFound, StaleEdit, StoreError, ValidationFailed
from rekanan.store.lists import working_calendar
from rekanan.store.slices import to_record
from rekanan.store.writes import Writer

_CONTRACT_FIELDS = (
    "status",
    "end_date",
    "renewals_used",
    "termination_date",
    "termination_reason",
    "terminated_for_fault",
)
_DATE_FIELDS = frozenset({"end_date", "termination_date"})

_NOTE_SENTENCES = {
    ReviewDecisionKind.TERMINATE: "Pemutusan kontrak perlu catatan alasan; isi catatannya.",
    ReviewDecisionKind.RENEGOTIATE: (
        "Negosiasi ulang perlu catatan tentang apa yang diubah; isi catatannya."
    ),
    ReviewDecisionKind.DEFER: "Penundaan perlu catatan alasan; isi catatannya.",
}


# -------------------------------------------------------------------------- sessions


@dataclass(frozen=True, slots=True)
class SessionState:
    """A review session as plain data: its queue, where the reviewer is, what is decided."""

    id: int
    scope: str
    reviewer: str
    queue: tuple[int, ...]
    position: int
    started_at: datetime
    finished_at: datetime | None
    decided: tuple[ReviewDecisionRecord, ...] = ()

    @property
    def total(self) -> int:
        return len(self.queue)

    @property
    def decided_ids(self) -> frozenset[int]:
        """Contracts that have a decision in this session."""
        return frozenset(r.contract_id for r in self.decided)

    @property
    def left(self) -> int:
        """Contracts of the queue without a decision yet."""
        return len([c for c in self.queue if c not in self.decided_ids])

    @property
    def done(self) -> bool:
        return self.left == 0


def _state(session: Session, row: ReviewSession) -> SessionState:
    decided = session.execute(
        select(ReviewDecision)
        .where(ReviewDecision.session_id == row.id)
        .order_by(col(ReviewDecision.decided_at), col(ReviewDecision.id))
    ).scalars()
    return SessionState(
        id=int(row.id or 0),
        scope=row.scope,
        reviewer=row.reviewer,
        queue=tuple(int(i) for i in json.loads(row.queue_json or "[]")),
        position=row.position,
        started_at=row.started_at,
        finished_at=row.finished_at,
        decided=tuple(to_record(ReviewDecisionRecord, r) for r in decided),
    )


def start_session(
    db: Database, scope: str, queue: list[int] | tuple[int, ...], reviewer: str | None = None
) -> SessionState:
    """Open a new session for ``queue`` (contract ids, most urgent first)."""
    if not queue:
        raise ValidationFailed(
            None, "Antrean tinjauan kosong; pilih cakupan lain atau perbesar jumlah harinya."
        )
    with db.writer() as w:
        row = ReviewSession(
            scope=scope[:200],
            reviewer=(reviewer or w.user)[:200],
            queue_json=json.dumps([int(i) for i in queue]),
            position=0,
        )
        w.create(row)
        return _state(w.session, row)


def load_session(db: Database, session_id: int) -> SessionState:
    """The session with its decisions; ``NotFound`` when it has gone."""
    with db.session() as s:
        row = s.get(ReviewSession, session_id)
        if row is None:
            raise NotFound(f"Sesi tinjauan {session_id} tidak ada lagi; mulai sesi baru.")
        return _state(s, row)


def resumable_session(db: Database, reviewer: str) -> SessionState | None:
    """The reviewer's latest unfinished session with contracts left, to resume."""
    with db.session() as s:
        rows = s.execute(
            select(ReviewSession)
            .where(ReviewSession.reviewer == reviewer, col(ReviewSession.finished_at).is_(None))
            .order_by(col(ReviewSession.started_at).desc(), col(ReviewSession.id).desc())
            .limit(5)
        ).scalars()
        for row in rows:
            state = _state(s, row)
            if not state.done:
                return state
    return None


def move_to(db: Database, session_id: int, position: int) -> SessionState:
    """Keep the reviewer's place (the page shown), so leaving and coming back resumes."""
    with db.writer() as w:
        row = _session_row(w, session_id)
        bounded = max(0, min(position, max(0, len(json.loads(row.queue_json)) - 1)))
        if bounded != row.position:
            w.update(ReviewSession, session_id, {"position": bounded})
        return _state(w.session, _session_row(w, session_id))


def finish_session(db: Database, session_id: int, at: datetime | None = None) -> SessionState:
    """Mark the session finished (it is no longer offered for resuming)."""
    from rekanan.models.base import utcnow

    with db.writer() as w:
        w.update(ReviewSession, session_id, {"finished_at": at or utcnow()})
        return _state(w.session, _session_row(w, session_id))


def _session_row(w: Writer, session_id: int) -> ReviewSession:
    row = w.session.get(ReviewSession, session_id, populate_existing=True)
    if row is None:
        raise NotFound(f"Sesi tinjauan {session_id} tidak ada lagi; mulai sesi baru.")
    return row


# ------------------------------------------------------------------------- decisions


@dataclass(frozen=True, slots=True)
class Decision:
    """What the reviewer decided about one contract, with what the page showed."""

    contract_id: int
    decision: ReviewDecisionKind
    notes: str = ""
    defer_until: date | None = None
    termination_date: date | None = None
    terminated_for_fault: bool = False
    snapshot: Mapping[str, Any] = field(default_factory=dict)
    alert_keys: tuple[str, ...] = ()
    contract_version: int | None = None
    saved_form: Mapping[str, Any] | None = None
    """For *renew* by addendum: the contract form was saved (before/after/version); the
    decision is recorded only then, with what the form changed (F32)."""


@dataclass(frozen=True, slots=True)
class Recorded:
    """A decision on the record and what it did."""

    decision_id: int
    contract_id: int
    decision: ReviewDecisionKind
    effect: dict[str, Any]
    open_form: bool
    session: SessionState | None


def check_decision(decision: Decision, as_of: date) -> None:
    """Refuse an incomplete decision with a sentence saying what to fill in."""
    if requires_note(decision.decision) and not decision.notes.strip():
        raise ValidationFailed("notes", _NOTE_SENTENCES[decision.decision])
    if decision.decision == ReviewDecisionKind.DEFER:
        if decision.defer_until is None:
            raise ValidationFailed("defer_until", "Isi tanggal sampai kapan ditunda.")
        if decision.defer_until <= as_of:
            raise ValidationFailed(
                "defer_until", "Tanggal penundaan harus setelah hari ini; pilih tanggal nanti."
            )
    if decision.decision == ReviewDecisionKind.TERMINATE and decision.termination_date is None:
        raise ValidationFailed("termination_date", "Isi tanggal pemutusan kontrak.")


def record_decision(
    db: Database,
    decision: Decision,
    *,
    as_of: date,
    thresholds: Thresholds | None = None,
    session_id: int | None = None,
    reviewer: str | None = None,
) -> Recorded:
    """Record ``decision`` with its effect, in one transaction, and move the session on."""
    check_decision(decision, as_of)
    limits = thresholds or Thresholds()
    with db.writer() as w:
        row = w.session.get(Contract, decision.contract_id, populate_existing=True)
        if row is None:
            raise NotFound(
                f"Kontrak dengan ID {decision.contract_id} tidak ada lagi; muat ulang antrean."
            )
        if decision.contract_version is not None and row.version != decision.contract_version:
            raise StaleEdit("contract", decision.contract_id, None, None)
        who = (reviewer or w.user)[:200]
        effect = _apply_effect(w, row, decision, as_of, limits, who)
        created = ReviewDecision(
            contract_id=decision.contract_id,
            session_id=session_id,
            decided_on=as_of,
            decision=decision.decision,
            reviewer=who,
            notes=decision.notes.strip(),
            defer_until=decision.defer_until
            if decision.decision == ReviewDecisionKind.DEFER
            else None,
            snapshot_json=json.dumps(dict(decision.snapshot), ensure_ascii=False, default=str),
            effect_json=json.dumps(effect, ensure_ascii=False),
        )
        decision_id = w.create(created)
        state = None
        if session_id is not None:
            state = _advance(w, session_id, decision.contract_id)
        return Recorded(
            decision_id,
            decision.contract_id,
            decision.decision,
            effect,
            bool(effect.get("open_form")),
            state,
        )


def _calendar(session: Session) -> WorkingCalendar:
    return working_calendar(session)


def _apply_effect(
    w: Writer,
    row: Contract,
    decision: Decision,
    as_of: date,
    thresholds: Thresholds,
    reviewer: str,
) -> dict[str, Any]:
    kind = decision.decision
    if kind == ReviewDecisionKind.DEFER:
        assert decision.defer_until is not None
        ids = [
            w.create(
                AlertSnooze(
                    alert_key=key[:300],
                    until=decision.defer_until,
                    reason=decision.notes.strip(),
                    snoozed_by=reviewer,
                )
            )
            for key in dict.fromkeys(decision.alert_keys)
        ]
        return {"snoozes": ids}
    if kind == ReviewDecisionKind.RENEW and decision.saved_form is not None:
        return {"form": dict(decision.saved_form)}  # written by the form; undo leaves it
    if kind not in (
        ReviewDecisionKind.RENEW,
        ReviewDecisionKind.RETENDER,
        ReviewDecisionKind.TERMINATE,
    ):
        return {}
    record = to_record(ContractRecord, row)
    supplier_row = w.session.get(Supplier, row.supplier_id)
    supplier = to_record(SupplierRecord, supplier_row) if supplier_row is not None else None
    dates = contract_dates(record, supplier, as_of, thresholds, _calendar(w.session))
    changes: dict[str, Any]
    months: int | None = None
    if kind == ReviewDecisionKind.RENEW:
        plan = renewal_plan(record, dates)
        if not plan.extends:
            return {
                "open_form": True,
                "message_key": plan.message_key,
                "proposed_end": plan.new_end.isoformat() if plan.new_end else None,
            }
        changes = {
            "end_date": plan.new_end,
            "renewals_used": plan.renewals_used,
            "status": ContractStatus.RENEWED,
        }
        months = plan.months
    elif kind == ReviewDecisionKind.RETENDER:
        ends = retender_plan(record, dates)
        changes = {"end_date": ends.end, "renewals_used": ends.renewals_used}
        if row.status in (ContractStatus.ACTIVE, ContractStatus.RENEWED):
            changes["status"] = ContractStatus.IN_NOTICE
    else:
        changes = _termination(row, decision, as_of)
    before = {name: _dump(getattr(row, name)) for name in changes}
    version = w.update(Contract, int(row.id or 0), changes, expected_version=row.version)
    return {
        "contract": {
            "id": row.id,
            "before": before,
            "after": {name: _dump(value) for name, value in changes.items()},
            "version": version,
            "term_end": _dump(dates.end),
            "months": months,
        }
    }


def _termination(row: Contract, decision: Decision, as_of: date) -> dict[str, Any]:
    """The termination record. Effective today or earlier: the contract is terminated.
    Effective later (the written notice of DOMAIN.md 3.3): it runs in notice and ends on
    that date, so its services are flagged for a successor meanwhile."""
    when = decision.termination_date
    assert when is not None
    changes: dict[str, Any] = {
        "termination_date": when,
        "termination_reason": decision.notes.strip(),
        "terminated_for_fault": decision.terminated_for_fault,
    }
    if when <= as_of:
        changes["status"] = ContractStatus.TERMINATED
        return changes
    changes["status"] = ContractStatus.IN_NOTICE
    if row.end_date is None or row.end_date > when:
        changes["end_date"] = when
    return changes


def _dump(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, ContractStatus):
        return value.value
    return value


def _load(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _DATE_FIELDS:
        return date.fromisoformat(value)
    if name == "status":
        return ContractStatus(value)
    return value


def _advance(w: Writer, session_id: int, contract_id: int) -> SessionState:
    """Move the session to the next contract without a decision (or stay at the end)."""
    row = _session_row(w, session_id)
    state = _state(w.session, row)
    queue = state.queue
    here = queue.index(contract_id) if contract_id in queue else row.position
    decided = state.decided_ids
    following = [i for i in range(here + 1, len(queue)) if queue[i] not in decided]
    earlier = [i for i in range(0, here) if queue[i] not in decided]
    target = (following or earlier or [min(here, max(0, len(queue) - 1))])[0]
    if target != row.position:
        w.update(ReviewSession, session_id, {"position": target})
    return _state(w.session, _session_row(w, session_id))


# ------------------------------------------------------------------------------ undo


@dataclass(frozen=True, slots=True)
class Undone:
    """The decision taken back, and the session now back on its contract."""

    decision_id: int
    contract_id: int
    decision: ReviewDecisionKind
    session: SessionState | None


def undo_last(db: Database, session_id: int | None = None, reviewer: str | None = None) -> Undone:
    """Take back the latest decision of the session (or of the reviewer outside sessions),
    reverting its effect. Refused with a sentence when the contract changed since."""
    with db.writer() as w:
        query = select(ReviewDecision)
        if session_id is not None:
            query = query.where(ReviewDecision.session_id == session_id)
        else:
            query = query.where(
                col(ReviewDecision.session_id).is_(None),
                ReviewDecision.reviewer == (reviewer or w.user),
            )
        last = (
            w.session.execute(
                query.order_by(col(ReviewDecision.decided_at).desc(), col(ReviewDecision.id).desc())
            )
            .scalars()
            .first()
        )
        if last is None:
            raise StoreError("Belum ada keputusan yang dapat dibatalkan.")
        effect = json.loads(last.effect_json or "{}")
        contract = effect.get("contract")
        if contract:
            before = {name: _load(name, value) for name, value in contract["before"].items()}
            try:
                w.update(
                    Contract, int(contract["id"]), before, expected_version=contract["version"]
                )
            except StaleEdit as error:
                raise StaleEdit(
                    error.entity,
                    error.id,
                    error.changed_by,
                    error.changed_at,
                    "Keputusan ini tidak dapat dibatalkan karena kontraknya sudah diubah "
                    f"oleh {error.changed_by or 'pengguna lain'} setelah keputusan dicatat. "
                    "Periksa kontraknya dan ubah langsung di formulir kontrak.",
                ) from error
        for snooze_id in effect.get("snoozes", ()):
            if w.session.get(AlertSnooze, snooze_id) is not None:
                w.delete(AlertSnooze, int(snooze_id))
        decision_id, contract_id, kind = int(last.id or 0), last.contract_id, last.decision
        w.delete(ReviewDecision, decision_id)
        state = None
        if session_id is not None:
            row = _session_row(w, session_id)
            queue = [int(i) for i in json.loads(row.queue_json or "[]")]
            if contract_id in queue and queue.index(contract_id) != row.position:
                w.update(ReviewSession, session_id, {"position": queue.index(contract_id)})
            state = _state(w.session, _session_row(w, session_id))
        return Undone(decision_id, contract_id, kind, state)


# --------------------------------------------------------------------------- reading


def decisions_between(
    db: Database, since: date, until: date | None = None, session_id: int | None = None
) -> list[ReviewDecisionRecord]:
    """Decisions recorded from ``since`` (to ``until``), oldest first, for the report."""
    with db.session() as s:
        query = select(ReviewDecision).where(col(ReviewDecision.decided_on) >= since)
        if until is not None:
            query = query.where(col(ReviewDecision.decided_on) <= until)
        if session_id is not None:
            query = query.where(ReviewDecision.session_id == session_id)
        rows = s.execute(
            query.order_by(col(ReviewDecision.decided_at), col(ReviewDecision.id))
        ).scalars()
        return [to_record(ReviewDecisionRecord, r) for r in rows]


class ContractNumber(NamedTuple):
    """A contract's id and number, for matching what a reviewer types."""

    id: int
    number: str


def contract_numbers(db: Database) -> list[ContractNumber]:
    """Every contract's id and number (a hand-picked queue may name any of them)."""
    with db.session() as s:
        rows = s.execute(select(Contract.id, Contract.number).order_by(col(Contract.id)))
        return [ContractNumber(int(i), str(n)) for i, n in rows]


def contract_version(db: Database, contract_id: int) -> int | None:
    """The current version of a contract (what the page was built from)."""
    with db.session() as s:
        row = s.get(Contract, contract_id)
        return int(row.version) if row is not None else None


def page_data(db: Database, contract_id: int, as_of: date) -> AgencyData:
    """What one review page needs (``review_slice``): the contract's supplier and around it."""
    from rekanan.store.review_slice import review_slice

    with db.session() as s:
        data = review_slice(s, contract_id, as_of)
    if data is None:
        raise NotFound(f"Kontrak dengan ID {contract_id} tidak ada lagi; muat ulang antrean.")
    return data
