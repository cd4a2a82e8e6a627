"""Enum words on screen: members of different enums that share a value keep their own word."""

from __future__ import annotations

from rekanan.models.enums import Criticality, IncidentSeverity, LegalForm, SanctionKind
from rekanan.screens.register_support import choices


def test_a_legal_form_and_a_sanction_kind_both_lainnya_keep_their_words() -> None:
    assert LegalForm.LAINNYA.value == SanctionKind.OTHER.value
    assert dict(choices(LegalForm))["lainnya"] == "Lainnya"
    assert dict(choices(SanctionKind))["lainnya"] == "Sanksi lain"


def test_incident_severities_use_the_criticality_words() -> None:
    assert dict(choices(IncidentSeverity)) == dict(choices(Criticality))
