"""Every number the rules use, with the defaults DOMAIN.md gives. The config file overrides them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rekanan.models.enums import SupplierCategory


def _default_lead_days() -> dict[SupplierCategory, int]:
    """A new tender takes months; strategic suppliers need the longest run-up."""
    return {
        SupplierCategory.STRATEGIC: 120,
        SupplierCategory.TACTICAL: 90,
        SupplierCategory.OPERATIONAL: 60,
        SupplierCategory.COMMODITY: 30,
    }


def _default_weights() -> dict[str, Decimal]:
    """SIKaP aspect weights: Kualitas dan Kuantitas 30 %, Biaya 20 %, Waktu 30 %, Layanan 20 %."""
    return {
        "quality": Decimal("0.30"),
        "cost": Decimal("0.20"),
        "timeliness": Decimal("0.30"),
        "service": Decimal("0.20"),
    }


def _default_categories() -> tuple[tuple[Decimal, str], ...]:
    """SIKaP categories by lower bound of the final value N (DOMAIN.md 3.5), highest first."""
    return (
        (Decimal("3"), "Sangat Baik"),
        (Decimal("2"), "Baik"),
        (Decimal("1"), "Cukup"),
        (Decimal("0"), "Buruk"),
    )


def _default_risk_points() -> dict[str, int]:
    """Points of each blacklist-risk ground (rekanan.domain.risk); the sum is capped at 100."""
    return {
        "SP1": 15,
        "SP2": 30,
        "SP3": 45,
        "penalty_some": 5,
        "penalty_near_cap": 15,
        "penalty_at_cap": 25,
        "grace_some": 5,
        "grace_near_max": 10,
        "grace_at_max": 20,
        "termination_for_fault": 60,
        "evaluations_1": 5,
        "evaluations_2": 10,
        "evaluations_3": 20,
        "breach_streak_short": 5,
        "breach_streak": 15,
    }


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Configurable numbers of the rules (``[thresholds]`` in the config file)."""

    alert_horizons_days: tuple[int, ...] = (90, 60, 30, 7)
    lead_days_by_category: dict[SupplierCategory, int] = field(default_factory=_default_lead_days)
    handling_margin_hours: Decimal = Decimal("1")
    penalty_rate_per_mille: Decimal = Decimal("1")
    penalty_cap_pct: Decimal = Decimal("5")
    penalty_warning_share: Decimal = Decimal("0.8")
    grace_days_max: int = 50
    grace_warning_days: int = 10
    bond_threshold: Decimal = Decimal("200000000")
    bond_pct: Decimal = Decimal("5")
    aspect_weights: dict[str, Decimal] = field(default_factory=_default_weights)
    blacklist_risk_warning: int = 40
    blacklist_risk_critical: int = 70
    sanction_ending_days: int = 30
    breach_streak_periods: int = 3
    coverage_horizon_days: int = 120
    # Added by the rules (issue 3); defaults only, not read from the config file yet.
    sikap_categories: tuple[tuple[Decimal, str], ...] = field(default_factory=_default_categories)
    timeliness_late_days: int = 50
    scorecard_amber_sla_pct: Decimal = Decimal("95")
    scorecard_red_sla_pct: Decimal = Decimal("90")
    letter_in_force_days: int = 365
    termination_memory_days: int = 730
    risk_points: dict[str, int] = field(default_factory=_default_risk_points)
