"""Asking before a contract goes to a supplier under a running blacklist sanction.

Perpres 16/2018 Pasal 78 (DOMAIN.md 3.4): a blacklisted supplier must not be awarded new
contracts while its sanction runs. The alert says so afterwards; the contract form asks
before saving a new contract, a change of supplier, or a draft made active, so that the
person saving knows, and saves only if they mean it (a court may have suspended the
sanction, or the contract predates it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session
from textual.dom import DOMNode

from rekanan.domain.formatting import medium_date
from rekanan.domain.text import enum_label
from rekanan.errors import RekananError
from rekanan.models.enums import ContractStatus
from rekanan.screens.register_support import language, tr
from rekanan.store.slices import running_sanctions

AWARDING = frozenset({ContractStatus.DRAFT, ContractStatus.ACTIVE, ContractStatus.RENEWED})
"""Statuses in which a contract is being given to, or held by, the supplier."""


class AwardQuestion(RekananError):
    """Raised by a save that needs a yes first; carries the question and its detail."""

    def __init__(self, question: str, detail: str) -> None:
        super().__init__(question)
        self.question = question
        self.detail = detail


def _code(value: object) -> str:
    return str(getattr(value, "value", value) or "")


def needs_asking(
    record_id: int | None,
    values: Mapping[str, Any],
    initial: Mapping[str, Any],
    supplier_id: int,
) -> bool:
    """A new contract, another supplier, or a status that now awards the contract."""
    status = _code(values.get("status"))
    if status not in {s.value for s in AWARDING}:
        return False
    if record_id is None:
        return True
    return _code(initial.get("status")) != status or initial.get("supplier_id") != supplier_id


def award_question(
    session: Session, supplier_id: int, supplier_name: str, day: date, node: DOMNode
) -> AwardQuestion | None:
    """The question to ask when ``supplier_id`` is under a running sanction on ``day``."""
    running = running_sanctions(session, day, supplier_id)
    if not running:
        return None
    sanction = max(running, key=lambda s: s.end_date or date.max)
    lang = language(node)
    until = medium_date(sanction.end_date, lang) if sanction.end_date else tr(node, "tanpa batas")
    question = tr(
        node,
        "{supplier} dalam sanksi {kind} sampai {until}. Tetap simpan kontrak ini?",
        supplier=supplier_name,
        kind=enum_label("sanction_kind", sanction.kind, lang),
        until=until,
    )
    detail = tr(
        node,
        "SK {decree}. Perpres 16/2018 Pasal 78: penyedia dalam daftar hitam tidak boleh "
        "mendapat kontrak baru selama sanksi berlaku. Simpan hanya bila ada dasarnya "
        "(misalnya sanksi ditunda putusan pengadilan, atau kontrak ditandatangani sebelum "
        "sanksi); peringatan 'Kontrak baru untuk penyedia dalam daftar hitam' akan tetap "
        "muncul.",
        decree=sanction.decree_number or "-",
    )
    return AwardQuestion(question, detail)
