"""Fixtures of the export tests: the hand-made agency and its scorecards."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from export_factories import AS_OF, PERIOD, sample_agency

from rekanan.domain.periods import parse_period
from rekanan.domain.thresholds import Thresholds
from rekanan.io.export.scorecard_data import ScorecardExport, build_exports


@pytest.fixture(scope="module")
def items_id() -> list[ScorecardExport]:
    return list(
        build_exports(sample_agency(), [1, 2, 3], parse_period(PERIOD), AS_OF, Thresholds())
    )


@pytest.fixture(scope="module")
def items_en() -> list[ScorecardExport]:
    return list(
        build_exports(sample_agency(), [1, 2, 3], parse_period(PERIOD), AS_OF, Thresholds(), "en")
    )
