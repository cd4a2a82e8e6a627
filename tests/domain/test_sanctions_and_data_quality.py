"""Sanctioned suppliers with contracts, sanctions ending, and records that blind the rules."""

from datetime import date

import pytest
from domain_factories import AS_OF, agency, contract, sanction, service, sla, supplier, uc

from rekanan.domain.alert import AlertKind, Severity
from rekanan.domain.alerts import compute_alerts
from rekanan.models.enums import ContractStatus, SanctionStatus


def _sanction_alerts(*contracts, status=SanctionStatus.PUBLISHED, end=date(2027, 6, 30)):
    data = agency(
        contracts=contracts,
        sanctions=[sanction(1, 1, date(2026, 7, 1), end, status=status, decree_number="SK/1")],
    )
    return [a for a in compute_alerts(data, AS_OF) if a.kind == AlertKind.SANCTIONED_SUPPLIER]


def test_sanctioned_supplier_still_holds_a_contract() -> None:
    (alert,) = _sanction_alerts(contract(1, start_date=date(2026, 1, 1)))
    assert alert.severity == Severity.CRITICAL
    assert alert.title.startswith("Penyedia dalam daftar hitam masih memegang kontrak")
    assert "SK/1" in alert.reasons[0]
    assert alert.contract_number == "602.1/001/KTR/2026"


def test_new_contract_during_the_sanction() -> None:
    alerts = _sanction_alerts(
        contract(1, start_date=date(2026, 8, 1)),
        contract(2, start_date=date(2027, 1, 1), status=ContractStatus.DRAFT),
    )
    assert [a.title.startswith("Kontrak baru") for a in alerts] == [True, True]


@pytest.mark.parametrize("status", [SanctionStatus.POSTPONED, SanctionStatus.CANCELLED])
def test_postponed_or_cancelled_sanctions_do_not_run(status) -> None:
    assert not _sanction_alerts(contract(1), status=status)


def test_finished_contracts_are_fine() -> None:
    assert not _sanction_alerts(contract(1, status=ContractStatus.EXPIRED))


def test_sanction_ending_soon() -> None:
    (alert,) = _sanction_alerts(end=date(2026, 12, 10))
    assert alert.severity == Severity.INFO and alert.days_left == 17
    assert alert.key == "sanctioned_supplier:sanction:1:ending"


def _quality(data):
    return {a.key for a in compute_alerts(data, AS_OF) if a.kind == AlertKind.DATA_INCOMPLETE}


def test_data_quality_checks() -> None:
    data = agency(
        suppliers=[supplier(1), supplier(2, npwp=None), supplier(3, npwp=None, active=False)],
        services=[service(1), service(2)],
        slas=[sla(1, 1), sla(2, 2)],
        contracts=[
            contract(1, end_date=None),
            contract(2, start_date=date(2026, 5, 5), end_date=date(2026, 5, 5)),
            uc(3, service_id=1),
            uc(4, service_id=1, availability_pct=None, response_hours=1),
            contract(5, end_date=None, status=ContractStatus.EXPIRED),
        ],
    )
    assert _quality(data) == {
        "data_incomplete:contract:1:no_end_date",
        "data_incomplete:contract:2:end_equals_start",
        "data_incomplete:contract:3:uc_without_targets",
        "data_incomplete:sla:2:no_uc_mapping",
        "data_incomplete:supplier:2:no_npwp",
    }
