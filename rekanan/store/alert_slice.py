"""The rows the alert rules read, indexed, and the agency's alerts computed from them.

Why not ``load_agency``: it reads every row of every table, and at national scale most of
them are evaluations and incidents (a million rows, ten seconds) and contracts that ended
long ago, none of which an alert looks at. The rules read:

* every contract that binds the agency or is being signed (live or draft: renewal, data
  quality, sanctions, penalties), every underpinning contract (coverage looks back at the
  UCs that ended), every contract with a warning letter, penalty, grace extension or
  review decision, and every contract terminated for fault (blacklist risk);
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

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from rekanan.domain.alert import Alert
from rekanan.domain.alerts import compute_alerts, risk_reads_all_history
from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.contract_dates import LIVE_STATUSES
from rekanan.domain.index import AgencyIndex
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
from rekanan.domain.thresholds import Thresholds
from rekanan.models import (
    SLA,
    AlertSnooze,
    Contract,
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
from rekanan.store.loaders import contract_records, holidays, records, service_links, table_of

CHUNK = 5_000
"""Ids per ``IN (...)`` list: well under SQLite's limit of bound parameters."""


class SessionHistory:
    """Evaluations and incidents read from an open session when a rule asks for them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def evaluations(self, supplier_ids: Collection[int] | None) -> Sequence[EvaluationRecord]:
        """Evaluations of these suppliers (all with None), ordered by id."""
        column = table_of(Evaluation).c.supplier_id
        found: Sequence[EvaluationRecord] = self._read(
            EvaluationRecord, Evaluation, column, supplier_ids
        )
        return found

    def incidents(self, contract_ids: Collection[int] | None) -> Sequence[IncidentRecord]:
        """Incidents blamed on these contracts (all with None), ordered by id."""
        column = table_of(Incident).c.contract_id
        found: Sequence[IncidentRecord] = self._read(IncidentRecord, Incident, column, contract_ids)
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

    def _read(self, cls: type[Any], model: Any, column: Any, ids: Collection[int] | None) -> Any:
        if ids is None:
            return records(self.session, cls, model)
        wanted = sorted(ids)
        found: list[Any] = []
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            found.extend(records(self.session, cls, model, column.in_(chunk)))
        if len(wanted) > CHUNK:
            found.sort(key=lambda row: row.id)
        return tuple(found)


def alert_index(
    session: Session,
    thresholds: Thresholds | None = None,
    calendar: WorkingCalendar | None = None,
) -> AgencyIndex:
    """An index over the rows the alert rules read; it reads history from ``session``.

    Keep the session open while the alerts are computed.
    """
    limits = thresholds or Thresholds()
    data = AgencyData(
        suppliers=records(session, SupplierRecord, Supplier),
        services=records(session, ServiceRecord, Service),
        slas=records(session, SLARecord, SLA),
        contracts=contract_records(session, service_links(session), *_contracts_read(limits)),
        graces=records(session, GraceRecord, GraceExtension),
        warning_letters=records(session, WarningLetterRecord, WarningLetter),
        penalties=records(session, PenaltyRecord, Penalty),
        sanctions=records(session, SanctionRecord, Sanction),
        reviews=records(session, ReviewDecisionRecord, ReviewDecision),
        snoozes=records(session, SnoozeRecord, AlertSnooze),
        agency_holidays=holidays(session),
    )
    return AgencyIndex.build(data, calendar, SessionHistory(session))


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
    index = alert_index(source, thresholds)
    return compute_alerts(index, as_of, thresholds, language, include_snoozed=include_snoozed)


def _contracts_read(thresholds: Thresholds) -> tuple[Any, ...]:
    """The ``WHERE`` of the contracts some rule reads (none: every contract)."""
    if risk_reads_all_history(thresholds):
        return ()
    c = table_of(Contract)
    letters = select(table_of(WarningLetter).c.contract_id)
    penalties = select(table_of(Penalty).c.contract_id)
    graces = select(table_of(GraceExtension).c.contract_id)
    reviews = select(table_of(ReviewDecision).c.contract_id)
    statuses = sorted(LIVE_STATUSES | {ContractStatus.DRAFT})
    return (
        or_(
            c.c.status.in_(statuses),
            c.c.is_underpinning.is_(True),
            c.c.terminated_for_fault.is_(True),
            c.c.id.in_(letters),
            c.c.id.in_(penalties),
            c.c.id.in_(graces),
            c.c.id.in_(reviews),
        ),
    )
