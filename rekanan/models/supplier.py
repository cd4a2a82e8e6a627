"""Suppliers (rekanan) and the sanctions imposed on them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint
from sqlmodel import Field

from rekanan.models.base import EnumText, Versioned
from rekanan.models.enums import (
    LegalForm,
    SanctionKind,
    SanctionSource,
    SanctionStatus,
    SupplierCategory,
)


class Supplier(Versioned, table=True):
    """A company or an individual the agency buys from.

    ``npwp`` holds the canonical 16-digit form (see ``rekanan.domain.identifiers``), so every
    spelling of one NPWP lands on the same row. ``name_key`` is the name folded for matching
    suppliers that arrive without an NPWP.
    """

    __tablename__ = "supplier"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(min_length=1, max_length=300)
    name_key: str = Field(default="", max_length=300, index=True)
    npwp: str | None = Field(default=None, max_length=16, unique=True)
    nib: str | None = Field(default=None, max_length=13)
    legal_form: LegalForm = Field(default=LegalForm.PT, sa_type=EnumText(LegalForm, 20))
    category: SupplierCategory = Field(
        default=SupplierCategory.OPERATIONAL, sa_type=EnumText(SupplierCategory, 20)
    )
    address: str = Field(default="", max_length=500)
    contact_person: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=50)
    active: bool = True
    notes: str = Field(default="")


class Sanction(Versioned, table=True):
    """A sanction on a supplier, most often a blacklist decree (Perpres 16/2018 Pasal 78)."""

    __tablename__ = "sanction"
    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR end_date >= start_date",
            name="sanction_end_after_start",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    supplier_id: int = Field(foreign_key="supplier.id", index=True, ondelete="RESTRICT")
    kind: SanctionKind = Field(
        default=SanctionKind.BLACKLIST_1Y, sa_type=EnumText(SanctionKind, 30)
    )
    decree_number: str = Field(default="", max_length=200)
    start_date: date
    end_date: date | None = None
    status: SanctionStatus = Field(
        default=SanctionStatus.PUBLISHED, sa_type=EnumText(SanctionStatus, 20)
    )
    source: SanctionSource = Field(
        default=SanctionSource.LOCAL, sa_type=EnumText(SanctionSource, 20)
    )
    reason: str = Field(default="")
