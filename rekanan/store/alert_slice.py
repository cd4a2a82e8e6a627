"""The rows the alert rules read, indexed, and the agency's alerts computed from them.

Why not ``load_agency``: it reads every row of every table, and at national scale most of
them are evaluations and incidents (a million rows, ten seconds) and contracts that ended
long ago, none of which an alert looks at. The rules read:

* the contracts that bind the agency or are being signed (live or draft) that some rule can
  still raise something for: those near or past their dates (``beyond_every_horizon``
  asked in SQL), with a termination date, with missing or equal dates, of a sanctioned
  supplier, and every live or draft underpinning contract (coverage, alignment);
* of the UCs that ended, the last of each service dependency (coverage names it) and those
  that ended this month or later (the breach streak runs up to this month);
* every contract with a warning letter, penalty, grace extension or review decision, and
  every contract terminated for fault (blacklist risk);
* every supplier, service, SLA, letter, penalty, grace, sanction, review, snooze and day off;
* evaluations and incidents only of the few suppliers and UCs the blacklist-risk rule
  still weighs after its cheap grounds, read when it asks (``AgencyIndex`` ``History``),
  with the ended contracts those evaluations name (an alert names the contract of its
  biggest reason).

The alerts are the same as ``compute_alerts(load_agency(db), ...)`` (a test checks it on
the demo agency). With risk points so high that evaluations and breaches alone reach the
warning level, every supplier is a candidate, and every contract is read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from rekanan.domain.alert import Alert
from rekanan.domain.alerts import compute_alerts, risk_reads_all_history
from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.contract_dates import LIVE_STATUSES
from rekanan.domain.index import AgencyIndex, History
from rekanan.domain.records import (
    AgencyData,
    ContractRecord,
    EvaluationRecord,
    GraceRecord,
    IncidentRecord,
    PenaltyRecord,
    ReviewDecisionRecord,
    SanctionRecord,
    ServiceRecord,
    SLARecord,
    SnoozeRecord,
    SupplierRecord,
    WarningLetterRecord,
)
from rekanan.domain.renewal import date_reach
from rekanan.domain.thresholds import Thresholds
from rekanan.models import (
    SLA,
    AlertSnooze,
    Contract,
    ContractService,
    Evaluation,
    GraceExtension,
    Incident,
    Penalty,
    ReviewDecision,
    Sanction,
    Service,
    Supplier,
    WarningLetter,
)
from rekanan.models.enums import ContractStatus
from rekanan.store.database import Database
from rekanan.store.lists import day_number, to_day_number
from rekanan.store.loaders import contract_records, holidays, records, service_links, table_of

CHUNK = 5_000
"""Ids per ``IN (...)`` list: well under SQLite's limit of bound parameters."""


class SessionHistory:
    """Evaluations and incidents read from an open session when a rule asks for them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def evaluations(
        self,
        supplier_ids: Collection[int] | None,
        *,
        as_of: date | None = None,
        latest: int | None = None,
    ) -> Sequence[EvaluationRecord]:
        """Evaluations of these suppliers (all with None), ordered by id; ``as_of`` and
        ``latest`` read only those evaluated by then, the latest N per supplier."""
        e = table_of(Evaluation).c
        by_day: list[ColumnElement[bool]] = [] if as_of is None else [e.evaluated_on <= as_of]

        def where(chunk: list[int] | None) -> list[ColumnElement[bool]]:
            if latest is None:
                return by_day
            rank = func.row_number().over(
                partition_by=e.supplier_id,
                order_by=(e.period_end.desc(), e.evaluated_on.desc(), e.id.desc()),
            )
            ranked = select(e.id, rank.label("rank")).where(*by_day)
            if chunk is not None:
                ranked = ranked.where(e.supplier_id.in_(chunk))
            chosen = ranked.subquery()
            return [e.id.in_(select(chosen.c.id).where(chosen.c.rank <= latest))]

        found: Sequence[EvaluationRecord] = self._read(
            EvaluationRecord, Evaluation, e.supplier_id, supplier_ids, where
        )
        return found

    def incidents(
        self, contract_ids: Collection[int] | None, *, since: datetime | None = None
    ) -> Sequence[IncidentRecord]:
        """Incidents blamed on these contracts (all with None), ordered by id; with
        ``since`` only those still open then or resolved after it."""
        i = table_of(Incident).c
        still_open = [] if since is None else [or_(i.resolved_at.is_(None), i.resolved_at >= since)]
        found: Sequence[IncidentRecord] = self._read(
            IncidentRecord, Incident, i.contract_id, contract_ids, lambda chunk: still_open
        )
        return found

    def contracts(self, contract_ids: Collection[int]) -> Sequence[ContractRecord]:
        """These contracts with their service links, ordered by id."""
        wanted = sorted(contract_ids)
        found: list[ContractRecord] = []
        column = table_of(Contract).c.id
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            links = service_links(self.session, chunk)
            found.extend(contract_records(self.session, links, column.in_(chunk)))
        return tuple(found)

    def _read(
        self,
        cls: type[Any],
        model: Any,
        column: Any,
        ids: Collection[int] | None,
        where: Callable[[list[int] | None], Sequence[ColumnElement[bool]]],
    ) -> Any:
        """Rows whose ``column`` is one of ``ids`` (all with None) and that match
        ``where(chunk)``, read ``CHUNK`` ids at a time, ordered by id."""
        if ids is None:
            return records(self.session, cls, model, *where(None))
        wanted = sorted(ids)
        found: list[Any] = []
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            found.extend(records(self.session, cls, model, column.in_(chunk), *where(chunk)))
        if len(wanted) > CHUNK:
            found.sort(key=lambda row: row.id)
        return tuple(found)


class DatabaseHistory:
    """History read through a short session of its own per read.

    For an index that outlives the session that built it: the review screen keeps one
    for the whole visit and asks it from several worker threads.
    """

    def __init__(self, database: Database) -> None:
        self.database = database

    def evaluations(
        self,
        supplier_ids: Collection[int] | None,
        *,
        as_of: date | None = None,
        latest: int | None = None,
    ) -> Sequence[EvaluationRecord]:
        """As ``SessionHistory.evaluations``."""
        with self.database.session() as session:
            history = SessionHistory(session)
            return history.evaluations(supplier_ids, as_of=as_of, latest=latest)

    def incidents(
        self, contract_ids: Collection[int] | None, *, since: datetime | None = None
    ) -> Sequence[IncidentRecord]:
        """As ``SessionHistory.incidents``."""
        with self.database.session() as session:
            return SessionHistory(session).incidents(contract_ids, since=since)

    def contracts(self, contract_ids: Collection[int]) -> Sequence[ContractRecord]:
        """As ``SessionHistory.contracts``."""
        with self.database.session() as session:
            return SessionHistory(session).contracts(contract_ids)


def review_index(database: Database, thresholds: Thresholds | None = None) -> AgencyIndex:
    """Every contract a review queue can hold (live, draft, UCs, with letters or reviews),
    indexed, its history read on demand; other contracts are added with
    ``AgencyIndex.read_contracts``. Safe to keep and share between threads."""
    with database.session() as session:
        return alert_index(session, thresholds, history=DatabaseHistory(database))


def alert_index(
    session: Session,
    thresholds: Thresholds | None = None,
    calendar: WorkingCalendar | None = None,
    as_of: date | None = None,
    history: History | None = None,
    *,
    snoozes: bool = True,
) -> AgencyIndex:
    """An index over the rows the alert rules read; it reads history from ``session``
    (keep it open while the alerts are computed) unless given another ``history``.

    With ``as_of`` it holds only the contracts the rules can raise something for on that
    day; without, every contract any day could need. Without ``snoozes`` it leaves the
    snoozes out (the alert register applies them as it reads).
    """
    limits = thresholds or Thresholds()
    data = AgencyData(
        suppliers=records(session, SupplierRecord, Supplier),
        services=records(session, ServiceRecord, Service),
        slas=records(session, SLARecord, SLA),
        contracts=contract_records(
            session, service_links(session), *_contracts_read(limits, as_of)
        ),
        graces=records(session, GraceRecord, GraceExtension),
        warning_letters=records(session, WarningLetterRecord, WarningLetter),
        penalties=records(session, PenaltyRecord, Penalty),
        sanctions=records(session, SanctionRecord, Sanction),
        reviews=records(session, ReviewDecisionRecord, ReviewDecision),
        snoozes=records(session, SnoozeRecord, AlertSnooze) if snoozes else (),
        agency_holidays=holidays(session),
    )
    return AgencyIndex.build(data, calendar, history or SessionHistory(session))


def agency_alerts(
    source: Database | Session,
    as_of: date,
    thresholds: Thresholds | None = None,
    language: str = "id",
    *,
    include_snoozed: bool = False,
) -> list[Alert]:
    """Every alert as of ``as_of``, as ``compute_alerts(load_agency(source), ...)`` gives."""
    if isinstance(source, Database):
        with source.session() as session:
            return agency_alerts(
                session, as_of, thresholds, language, include_snoozed=include_snoozed
            )
    index = alert_index(source, thresholds, as_of=as_of)
    return compute_alerts(index, as_of, thresholds, language, include_snoozed=include_snoozed)


def _contracts_read(thresholds: Thresholds, as_of: date | None) -> tuple[Any, ...]:
    """The ``WHERE`` of the contracts some rule reads (none: every contract)."""
    if risk_reads_all_history(thresholds):
        return ()
    c = table_of(Contract).c
    registered = c.status.in_(_REGISTERED)
    wanted: list[ColumnElement[bool]]
    if as_of is None:
        wanted = [registered, c.is_underpinning.is_(True)]
    else:
        wanted = [and_(registered, _may_raise(thresholds, as_of)), _ended_ucs_read(as_of)]
    return (
        or_(
            *wanted,
            c.terminated_for_fault.is_(True),
            c.id.in_(select(table_of(WarningLetter).c.contract_id)),
            c.id.in_(select(table_of(Penalty).c.contract_id)),
            c.id.in_(select(table_of(GraceExtension).c.contract_id)),
            c.id.in_(select(table_of(ReviewDecision).c.contract_id)),
        ),
    )


_REGISTERED = sorted(LIVE_STATUSES | {ContractStatus.DRAFT})


def _may_raise(thresholds: Thresholds, as_of: date) -> ColumnElement[bool]:
    """Of the live and draft contracts: those a rule can raise something for on ``as_of``.

    Renewal alerts: not ``beyond_every_horizon`` (the same sum, in day numbers). Data
    quality: no end date, or the end on the start. Coverage and alignment: every UC.
    Sanctions: every contract of a supplier with a sanction.
    """
    c = table_of(Contract).c
    reach, max_lead = date_reach(thresholds)
    lead = func.coalesce(c.procurement_lead_days, max_lead)
    near = day_number(c.end_date) - c.notice_days - lead <= to_day_number(as_of) + reach
    return or_(
        c.end_date.is_(None),
        c.end_date == c.start_date,
        c.termination_date.is_not(None),
        c.is_underpinning.is_(True),
        near,
        c.supplier_id.in_(select(table_of(Sanction).c.supplier_id)),
    )


def _ended_ucs_read(as_of: date) -> ColumnElement[bool]:
    """Of the UCs no longer live: the last of each service dependency, and recent ones.

    Coverage names the UC of a dependency that ended last before its gap (which is on or
    after ``as_of``): among those ended before ``as_of`` only the latest of each service and
    component can be it (ties all kept). The breach streak looks at UCs still running this
    month. UCs without an end date are kept: they count as open.
    """
    c = table_of(Contract).c
    link = table_of(ContractService).c
    ended = and_(c.is_underpinning.is_(True), c.status.not_in(_REGISTERED))
    dependency = (link.service_id, func.coalesce(link.component, ""))
    ranked = (
        select(
            link.contract_id,
            c.end_date,
            func.max(c.end_date).over(partition_by=dependency).label("last_end"),
        )
        .join_from(table_of(ContractService), table_of(Contract), link.contract_id == c.id)
        .where(ended, c.end_date < as_of)
        .subquery()
    )
    lasts = select(ranked.c.contract_id).where(ranked.c.end_date == ranked.c.last_end)
    this_month = as_of.replace(day=1)
    return and_(
        ended,
        or_(c.end_date.is_(None), c.end_date >= this_month, c.id.in_(lasts)),
    )
