"""The records of one kind as template rows: for editing and importing back.

``current_rows(session, kind)`` reads the table of a kind and writes each record in the
kind's template columns (suppliers by formatted NPWP and name, contracts by number, services
by code, a UC's services joined with ``;``), so that template -> import -> these rows gives
the same data back, and ``rekanan template KIND --data`` hands out a filled template.
"""

from __future__ import annotations

from collections import defaultdict
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from rekanan.domain.identifiers import format_npwp
from rekanan.io.export.csv_safe import Cell
from rekanan.io.importing.registry import template_kind
from rekanan.models import Contract, ContractService, Service, Supplier

_REFERENCES = {"supplier_id", "contract_id", "service_id"}


def _cell(value: Any) -> Cell:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return value  # type: ignore[no-any-return]


def current_rows(session: Session, kind: str) -> list[dict[str, Cell]]:
    """Every record of ``kind``, in its template columns, ordered by id."""
    spec = template_kind(kind)
    columns = set(spec.column_names)
    model: Any = spec.model
    suppliers = {s.id: (s.name, s.npwp) for s in session.execute(select(Supplier)).scalars()}
    services = {sid: code for sid, code in session.execute(select(Service.id, Service.code))}  # type: ignore[call-overload]
    contracts = {
        cid: number
        for cid, number in session.execute(select(Contract.id, Contract.number))  # type: ignore[call-overload]
    }
    links: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    if "kode_layanan" in columns and spec.model is Contract:
        stmt = select(ContractService).order_by(ContractService.id)  # type: ignore[arg-type]
        for link in session.execute(stmt).scalars():
            links[link.contract_id].append((services.get(link.service_id, ""), link.component))
    rows: list[dict[str, Cell]] = []
    for obj in session.execute(select(model).order_by(model.id)).scalars():
        row: dict[str, Cell] = {}
        for field, column in spec.field_columns.items():
            if column not in columns:
                continue
            value = getattr(obj, field)
            if field == "supplier_id":
                name, npwp = suppliers.get(value, ("", None))
                row[column] = format_npwp(npwp)
                if "nama_rekanan" in columns:
                    row["nama_rekanan"] = name
            elif field == "contract_id":
                row[column] = contracts.get(value, "") if value is not None else ""
            elif field == "service_id":
                row[column] = services.get(value, "")
            elif field == "npwp":
                row[column] = format_npwp(value)
            else:
                row[column] = _cell(value)
        if spec.model is Contract and "kode_layanan" in columns:
            pairs = links.get(obj.id, [])
            row["kode_layanan"] = ";".join(code for code, _ in pairs)
            components = [component or "" for _, component in pairs]
            same = len(set(components)) <= 1
            row["komponen"] = components[0] if components and same else ";".join(components)
        rows.append(row)
    return rows
