"""The words of the audit trail in Indonesian and English (finding G20).

Indonesian field labels are the store's own (``rekanan.store.validation.FIELD_LABELS``, the
words the forms and the error sentences use); this module adds their English and the names
of the alert kinds a snooze points at. Stored codes are worded by
``rekanan.domain.enum_words``, the table the screens use too.
"""

from __future__ import annotations

from rekanan.store.errors import ENTITY_LABELS
from rekanan.store.validation import FIELD_LABELS

FIELD_LABELS_EN: dict[str, str] = {
    "name": "Name",
    "npwp": "NPWP",
    "nib": "NIB",
    "legal_form": "Legal form",
    "category": "Category",
    "address": "Address",
    "contact_person": "Contact person",
    "email": "Email",
    "phone": "Phone",
    "active": "Active",
    "notes": "Notes",
    "supplier_id": "Supplier",
    "contract_id": "Contract",
    "service_id": "Service",
    "session_id": "Review session",
    "kind": "Kind",
    "decree_number": "Decree number",
    "start_date": "Start date",
    "end_date": "End date",
    "status": "Status",
    "source": "Source",
    "source_id": "Source code",
    "reason": "Reason",
    "code": "Code",
    "owner_unit": "Owner unit",
    "criticality": "Criticality",
    "service_hours": "Service hours",
    "description": "Description",
    "customer": "Customer",
    "availability_pct": "Availability (%)",
    "response_hours": "Response time (hours)",
    "resolution_hours": "Resolution time (hours)",
    "valid_from": "Valid from",
    "valid_until": "Valid until",
    "number": "Contract number",
    "title": "Title",
    "is_underpinning": "Underpinning contract",
    "value": "Contract value",
    "notice_days": "Notice period (days)",
    "renewal_kind": "Renewal kind",
    "renewal_period_months": "Renewal period (months)",
    "max_renewals": "Maximum renewals",
    "renewals_used": "Renewals used",
    "procurement_lead_days": "Procurement lead time (days)",
    "performance_bond": "Performance bond",
    "penalty_rate_per_mille": "Penalty per day (per mille)",
    "penalty_cap_pct": "Penalty cap (%)",
    "ppk": "PPK",
    "satker": "Work unit",
    "contract_type": "Contract type",
    "completed_on": "Completed on",
    "termination_date": "Termination date",
    "termination_reason": "Termination reason",
    "terminated_for_fault": "Terminated for the supplier's fault",
    "addendum_version": "Addendum version",
    "component": "Component",
    "granted_on": "Granted on",
    "days": "Days",
    "period_start": "Period start",
    "period_end": "Period end",
    "quality": "Quality and quantity score",
    "cost": "Cost score",
    "timeliness": "Timeliness score",
    "service": "Service score",
    "evaluator": "Evaluator",
    "evaluated_on": "Evaluated on",
    "started_at": "Started at",
    "responded_at": "Responded at",
    "resolved_at": "Resolved at",
    "severity": "Severity",
    "causes_downtime": "Causes downtime",
    "level": "Letter level",
    "issued_on": "Letter date",
    "letter_number": "Letter number",
    "imposed_on": "Penalty date",
    "days_late": "Days late",
    "base_amount": "Penalty base",
    "amount": "Penalty amount",
    "decided_on": "Decision date",
    "decided_at": "Decided at",
    "decision": "Decision",
    "reviewer": "Reviewer",
    "defer_until": "Deferred until",
    "alert_key": "Alert",
    "until": "Snoozed until",
    "snoozed_by": "Snoozed by",
    "day": "Date",
    "scope": "Scope",
    "position": "Position",
    "finished_at": "Finished at",
}
"""The English of ``FIELD_LABELS`` (a test checks that every label has one)."""

ENTITY_LABELS_EN: dict[str, str] = {
    "supplier": "supplier",
    "sanction": "sanction",
    "service": "service",
    "sla": "SLA",
    "contract": "contract",
    "contract_service": "service supported by a contract",
    "grace_extension": "grace extension",
    "evaluation": "performance evaluation",
    "incident": "incident",
    "warning_letter": "warning letter",
    "penalty": "penalty",
    "review_session": "review session",
    "review_decision": "review decision",
    "alert_snooze": "alert snooze",
    "agency_holiday": "agency holiday",
    "audit_log": "audit trail",
}

ALERT_KINDS: dict[str, tuple[str, str]] = {
    "renewal_decision": ("Keputusan perpanjangan", "Renewal decision"),
    "notice_deadline": ("Batas pemberitahuan", "Notice deadline"),
    "contract_expiring": ("Kontrak berakhir", "Contract ending"),
    "coverage_gap": ("Layanan tidak terdukung", "Service uncovered"),
    "sla_unbacked": ("SLA tanpa UC berlaku", "SLA without a UC in force"),
    "sla_target_gap": ("UC di bawah target SLA", "UC below the SLA targets"),
    "penalty_cap": ("Batas denda", "Penalty cap"),
    "grace_period": ("Masa pemberian kesempatan", "Grace period"),
    "blacklist_risk": ("Risiko daftar hitam", "Blacklist risk"),
    "sanctioned_supplier": ("Rekanan kena sanksi", "Sanctioned supplier"),
    "data_incomplete": ("Data belum lengkap", "Incomplete data"),
}
"""The alert kinds as the alert list names them (the export catalogue has the same words)."""

WORDS: dict[str, tuple[str, str]] = {
    "create": ("dibuat", "created"),
    "update": ("diubah", "changed"),
    "delete": ("dihapus", "deleted"),
    "empty": ("(kosong)", "(empty)"),
    "yes": ("Ya", "Yes"),
    "no": ("Tidak", "No"),
    "id": ("ID {id}", "ID {id}"),
    "ref.supplier": ("rekanan {v}", "supplier {v}"),
    "ref.contract": ("kontrak {v}", "contract {v}"),
    "ref.service": ("layanan {v}", "service {v}"),
    "ref.sla": ("SLA {v}", "SLA {v}"),
    "ref.sanction": ("sanksi {v}", "sanction {v}"),
    "ref.review_session": ("sesi tinjauan {v}", "review session {v}"),
    "part.started_at": ("mulai {v}", "started {v}"),
    "part.until": ("sampai {v}", "until {v}"),
    "part.defer_until": ("ditunda sampai {v}", "deferred until {v}"),
    "part.reason": ("alasan: {v}", "reason: {v}"),
    "part.days": ("{v} hari", "{v} days"),
    "part.granted_on": ("diberikan {v}", "granted {v}"),
    "part.start_date": ("mulai {v}", "from {v}"),
    "part.period_end": ("periode s.d. {v}", "period to {v}"),
    "part.issued_on": ("tanggal {v}", "dated {v}"),
    "part.imposed_on": ("tanggal {v}", "dated {v}"),
    "part.customer": ("pelanggan {v}", "customer {v}"),
    "part.component": ("komponen {v}", "component {v}"),
}


def word(key: str, language: str, **values: object) -> str:
    """One of ``WORDS`` in ``language`` (``id`` unless ``en``)."""
    pair = WORDS[key]
    text = pair[1] if language == "en" else pair[0]
    return text.format(**values) if values else text


def field_label(field: str, language: str) -> str:
    """A column as a person calls it, in the language (``Tanggal berakhir``/``End date``)."""
    if language == "en":
        found = FIELD_LABELS_EN.get(field)
        if found:
            return found
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def entity_word(table: str, language: str) -> str:
    """A kind of record in the language, lower case (``kontrak``/``contract``)."""
    if language == "en":
        return ENTITY_LABELS_EN.get(table, table.replace("_", " "))
    return ENTITY_LABELS.get(table, table)


def alert_kind_word(kind: str, language: str) -> str:
    """``renewal_decision`` -> ``Keputusan perpanjangan``."""
    pair = ALERT_KINDS.get(kind)
    if pair is None:
        return kind.replace("_", " ")
    return pair[1] if language == "en" else pair[0]
