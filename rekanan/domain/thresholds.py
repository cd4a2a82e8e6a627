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
