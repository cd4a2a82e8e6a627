"""A small hand-made agency for the export tests: three suppliers with something to show."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from rekanan.config import Agency
from rekanan.domain.records import (
    AgencyData,
    ContractRecord,
    EvaluationRecord,
    IncidentRecord,
    PenaltyRecord,
    ServiceLink,
    ServiceRecord,
    SLARecord,
    SupplierRecord,
    WarningLetterRecord,
)
from rekanan.models.enums import LegalForm, ServiceHours, SupplierCategory, WarningLevel

AS_OF = date(2026, 10, 15)
PERIOD = "2026-Q3"
GENERATED = datetime(2026, 10, 15, 9, 30)

AGENCY = Agency(
    name="Dinas Komunikasi dan Informatika",
    government="Pemerintah Kabupaten Sukamaju",
    letterhead=(
        "Jl. Merdeka No. 17, Sukamaju 45111",
        "Telepon (0231) 555 0101 · Pos-el diskominfo@sukamajukab.go.id",
    ),
    place="Sukamaju",
    signer_name="Drs. Bambang Sutrisno, M.Si.",
    signer_title="Kepala Dinas Komunikasi dan Informatika",
    signer_id="19700101 199503 1 001",
)

NET, WEB, EVIL = 1, 2, 3


def _evaluations(supplier_id: int, scores: dict[str, tuple[int, int, int, int]]) -> list:
    quarters = {
        "2025-Q2": (date(2025, 4, 1), date(2025, 6, 30)),
        "2025-Q3": (date(2025, 7, 1), date(2025, 9, 30)),
        "2025-Q4": (date(2025, 10, 1), date(2025, 12, 31)),
        "2026-Q1": (date(2026, 1, 1), date(2026, 3, 31)),
        "2026-Q2": (date(2026, 4, 1), date(2026, 6, 30)),
        "2026-Q3": (date(2026, 7, 1), date(2026, 9, 30)),
    }
    rows = []
    for n, (name, (q, c, t, s)) in enumerate(scores.items()):
        start, end = quarters[name]
        rows.append(
            EvaluationRecord(
                id=supplier_id * 100 + n,
                supplier_id=supplier_id,
                period_start=start,
                period_end=end,
                quality=q,
                cost=c,
                timeliness=t,
                service=s,
                evaluated_on=end,
            )
        )
    return rows


def sample_agency() -> AgencyData:
    """Three suppliers: a network operator (UC with incidents), a software house with a
    penalty and warning letters, and one whose name would be a spreadsheet formula."""
    suppliers = (
        SupplierRecord(
            id=NET,
            name="PT Jaringan Nusantara Andalas",
            npwp="0012345678901000",
            legal_form=LegalForm.PT,
            category=SupplierCategory.STRATEGIC,
        ),
        SupplierRecord(
            id=WEB,
            name="CV Kreasi Digital Sukamaju",
            npwp="0987654321012000",
            legal_form=LegalForm.CV,
            category=SupplierCategory.OPERATIONAL,
        ),
        SupplierRecord(
            id=EVIL,
            name='=HYPERLINK("http://x.example","klik")',
            npwp=None,
            legal_form=LegalForm.PERORANGAN,
            category=SupplierCategory.COMMODITY,
        ),
    )
    services = (
        ServiceRecord(id=1, code="NET", name="Intranet Pemda", service_hours=ServiceHours.ALWAYS),
        ServiceRecord(id=2, code="WEB", name="Portal Resmi Kabupaten"),
    )
    slas = (
        SLARecord(
            id=1,
            service_id=1,
            customer="Seluruh OPD",
            valid_from=date(2026, 1, 1),
            valid_until=date(2026, 12, 31),
            availability_pct=Decimal("99.5"),
            resolution_hours=Decimal("4"),
            service_hours=ServiceHours.ALWAYS,
        ),
    )
    contracts = (
        ContractRecord(
            id=11,
            number="602.1/011/KTR/DISKOMINFO/2026",
            title="Sewa jaringan intranet dan internet pemerintah daerah",
            supplier_id=NET,
            start_date=date(2026, 1, 1),
            end_date=date(2026, 12, 31),
            is_underpinning=True,
            value=Decimal("1250000000"),
            availability_pct=Decimal("99.5"),
            resolution_hours=Decimal("4"),
            service_hours=ServiceHours.ALWAYS,
            services=(ServiceLink(1),),
        ),
        ContractRecord(
            id=12,
            number="602.1/012/KTR/DISKOMINFO/2026",
            title="Colocation server di pusat data",
            supplier_id=NET,
            start_date=date(2026, 2, 1),
            end_date=date(2027, 1, 31),
            value=Decimal("310500000"),
        ),
        ContractRecord(
            id=21,
            number="027/021/SPK/DISKOMINFO/2026",
            title="Pengembangan portal resmi kabupaten",
            supplier_id=WEB,
            start_date=date(2026, 3, 1),
            end_date=date(2026, 11, 30),
            value=Decimal("185000000"),
        ),
        ContractRecord(
            id=31,
            number="027/031/SPK/DISKOMINFO/2026",
            title="Jasa desain grafis",
            supplier_id=EVIL,
            start_date=date(2026, 1, 1),
            end_date=date(2026, 12, 31),
            value=Decimal("45000000"),
        ),
    )
    incidents = (
        IncidentRecord(
            id=1,
            service_id=1,
            contract_id=11,
            started_at=datetime(2026, 8, 3, 8, 0),
            resolved_at=datetime(2026, 8, 3, 10, 30),
            description="Link utama putus",
        ),
        IncidentRecord(
            id=2,
            service_id=1,
            contract_id=11,
            started_at=datetime(2026, 9, 10, 13, 0),
            resolved_at=datetime(2026, 9, 10, 21, 0),
            description="-Gangguan perangkat di POP",
        ),
    )
    letters = (
        WarningLetterRecord(
            id=1,
            contract_id=21,
            level=WarningLevel.SP1,
            issued_on=date(2026, 8, 5),
            letter_number="800/101/SP1/2026",
            reason="Progres di bawah rencana",
        ),
        WarningLetterRecord(
            id=2,
            contract_id=21,
            level=WarningLevel.SP2,
            issued_on=date(2026, 9, 2),
            letter_number="800/131/SP2/2026",
            reason="Progres tetap terlambat",
        ),
    )
    penalties = (
        PenaltyRecord(
            id=1,
            contract_id=21,
            imposed_on=date(2026, 9, 20),
            days_late=12,
            base_amount=Decimal("185000000"),
            amount=Decimal("2220000"),
            notes="+denda tahap 1",
        ),
    )
    evaluations = [
        *_evaluations(
            NET,
            {
                "2025-Q2": (2, 2, 2, 2),
                "2025-Q3": (2, 3, 2, 2),
                "2025-Q4": (3, 3, 2, 3),
                "2026-Q1": (3, 2, 3, 3),
                "2026-Q2": (3, 3, 3, 3),
                "2026-Q3": (3, 2, 3, 2),
            },
        ),
        *_evaluations(WEB, {"2026-Q2": (2, 2, 2, 2), "2026-Q3": (1, 2, 1, 2)}),
        *_evaluations(EVIL, {"2026-Q3": (2, 2, 2, 2)}),
    ]
    return AgencyData(
        suppliers=suppliers,
        services=services,
        slas=slas,
        contracts=contracts,
        incidents=incidents,
        warning_letters=letters,
        penalties=penalties,
        evaluations=tuple(evaluations),
    )
