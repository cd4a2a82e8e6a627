"""What a scorecard document shows, gathered once: the rules' scorecard plus its context.

The rules compute the scorecard (``rekanan.domain.scorecard``) and the blacklist risk
(``rekanan.domain.risk``); the contract end dates come from ``rekanan.domain.contract_dates``.
This module only collects them, with the contracts in force and the incidents of the
period, into one frozen record per supplier that the PDF, XLSX and CSV writers read. It
takes an ``AgencyIndex`` so that a batch indexes the agency once for every supplier.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rekanan.domain.contract_dates import LIVE_STATUSES, contract_dates
from rekanan.domain.index import AgencyIndex
from rekanan.domain.periods import Period
from rekanan.domain.records import AgencyData, ContractRecord, IncidentRecord, SanctionRecord
from rekanan.domain.risk import RiskAssessment, supplier_risk
from rekanan.domain.sanctions import sanction_running
from rekanan.domain.scorecard import Scorecard, supplier_scorecard
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import WarningLevel

_LETTER_RANK = {WarningLevel.SP1: 1, WarningLevel.SP2: 2, WarningLevel.SP3: 3}


@dataclass(frozen=True, slots=True)
class ContractInForce:
    """A live contract with its current end date as the rules compute it."""

    contract: ContractRecord
    end: date | None


@dataclass(frozen=True, slots=True)
class ScorecardExport:
    """One supplier's scorecard for one period, with everything the documents print."""

    card: Scorecard
    risk: RiskAssessment
    contracts_in_force: tuple[ContractInForce, ...]
    incidents: tuple[IncidentRecord, ...]
    service_names: dict[int, str]
    contract_numbers: dict[int, str]
    language: str
    sanctions_running: tuple[SanctionRecord, ...] = ()
    """Published sanctions covering the as-of day: the document must say the supplier is
    blacklisted, not only show an early-warning score (finding G1)."""

    @property
    def value_in_force(self) -> Decimal:
        """Total value of the contracts in force."""
        return sum((c.contract.value for c in self.contracts_in_force), Decimal(0))

    @property
    def highest_letter(self) -> WarningLevel | None:
        """The highest warning letter issued in the period."""
        levels = [letter.level for letter in self.card.letters]
        return max(levels, key=lambda lv: _LETTER_RANK.get(lv, 0)) if levels else None

    def services_of(self, contract: ContractRecord) -> str:
        """The services a UC backs, as ``CODE Name`` joined by commas."""
        names = [self.service_names.get(link.service_id, "") for link in contract.services]
        return ", ".join(n for n in names if n)


def index_of(data: AgencyData | AgencyIndex) -> AgencyIndex:
    """The index of ``data`` (built once; pass it around in batches)."""
    return data if isinstance(data, AgencyIndex) else AgencyIndex.build(data)


def build_export(
    index: AgencyIndex,
    supplier_id: int,
    period: Period,
    as_of: date,
    thresholds: Thresholds,
    language: str = "id",
) -> ScorecardExport:
    """The scorecard of one supplier with its risk, contracts in force and incidents."""
    card = supplier_scorecard(index, supplier_id, period, as_of, thresholds, language)
    risk = supplier_risk(index, supplier_id, as_of, thresholds)
    contracts = index.contracts_by_supplier.get(supplier_id, [])
    in_force = []
    for contract in contracts:
        if contract.status not in LIVE_STATUSES or contract.start_date > as_of:
            continue
        # A live contract past its end (late work in a grace extension, or a status not yet
        # updated) still binds the supplier, as the supplier register counts it: listed.
        dates = contract_dates(contract, card.supplier, as_of, thresholds, index.calendar)
        in_force.append(ContractInForce(contract, dates.end))
    in_force.sort(key=lambda c: (c.end or date.max, c.contract.number))
    by_contract = index.incidents_for({c.id for c in contracts})
    incidents = sorted(
        (
            incident
            for contract in contracts
            for incident in by_contract.get(contract.id, ())
            if period.contains(incident.started_at.date()) and incident.started_at.date() <= as_of
        ),
        key=lambda i: i.started_at,
    )
    service_ids = {link.service_id for c in contracts for link in c.services}
    service_ids |= {i.service_id for i in incidents}
    names = {
        sid: f"{index.services[sid].code} {index.services[sid].name}"
        for sid in service_ids
        if sid in index.services
    }
    return ScorecardExport(
        card=card,
        risk=risk,
        contracts_in_force=tuple(in_force),
        incidents=tuple(incidents),
        service_names=names,
        contract_numbers={c.id: c.number for c in contracts},
        language=language,
        sanctions_running=tuple(
            s
            for s in index.sanctions_by_supplier.get(supplier_id, ())
            if sanction_running(s, as_of)
        ),
    )


def build_exports(
    data: AgencyData | AgencyIndex,
    supplier_ids: Iterable[int],
    period: Period,
    as_of: date,
    thresholds: Thresholds | None = None,
    language: str = "id",
) -> Iterator[ScorecardExport]:
    """Scorecards of many suppliers from one index, lazily (for progress reporting)."""
    index = index_of(data)
    limits = thresholds or Thresholds()
    for supplier_id in supplier_ids:
        yield build_export(index, supplier_id, period, as_of, limits, language)
