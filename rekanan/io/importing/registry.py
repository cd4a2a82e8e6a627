"""Every import kind by name, and a guess of the kind from a file's header."""

from __future__ import annotations

from rekanan.io.importing import (
    contracts,
    evaluations,
    incidents,
    penalties,
    sanctions,
    services,
    slas,
    spse,
    suppliers,
    warning_letters,
)
from rekanan.io.importing.spec import KindSpec
from rekanan.io.tabular import FileProblem

KINDS: dict[str, KindSpec] = {
    spec.name: spec
    for spec in (
        suppliers.SPEC,
        services.SPEC,
        slas.SPEC,
        contracts.SPEC,
        evaluations.SPEC,
        incidents.SPEC,
        warning_letters.SPEC,
        penalties.SPEC,
        sanctions.SPEC,
        spse.SPEC,
    )
}
"""Kinds in the order a first import should run them (suppliers and services first)."""

TEMPLATE_KINDS = tuple(name for name, spec in KINDS.items() if spec.template)

_ENGLISH = {
    "supplier": "rekanan",
    "suppliers": "rekanan",
    "service": "layanan",
    "services": "layanan",
    "contract": "kontrak",
    "contracts": "kontrak",
    "evaluation": "penilaian",
    "evaluations": "penilaian",
    "incident": "insiden",
    "incidents": "insiden",
    "warning": "sp",
    "warnings": "sp",
    "penalty": "denda",
    "penalties": "denda",
    "sanction": "sanksi",
    "sanctions": "sanksi",
    "spse": "lkpp",
    "ekontrak": "lkpp",
    "e-kontrak": "lkpp",
}


def kind_spec(name: str) -> KindSpec:
    """The kind called ``name`` (Indonesian, or its English word); a sentence if unknown."""
    key = name.strip().lower()
    key = _ENGLISH.get(key, key)
    spec = KINDS.get(key)
    if spec is None:
        raise FileProblem(
            f"Jenis impor '{name}' tidak dikenal; pilih salah satu: {', '.join(KINDS)}."
        )
    return spec


def guess_kind(columns: list[str], name: str = "berkas") -> str:
    """The kind whose required columns a header holds best (SPSE exports recognised first)."""
    present = set(columns)
    if "no_kontrak" in present and ({"kd_tender", "kd_nontender", "nama_paket"} & present):
        return "lkpp"
    best, best_score = None, 0.0
    for spec in KINDS.values():
        if not spec.template:
            continue
        names = set(spec.column_names)
        needed = set(spec.required)
        if not needed <= present:
            continue
        score = len(names & present) / len(names)
        if score > best_score:
            best, best_score = spec.name, score
    if best is None:
        raise FileProblem(
            f"Jenis data {name} tidak dapat ditebak dari judul kolomnya; sebutkan jenisnya, "
            f"misalnya `rekanan import {name} --kind kontrak`."
        )
    return best


def template_kind(name: str) -> KindSpec:
    """The spec of a kind that has a template (``lkpp`` is SPSE's own format)."""
    spec = kind_spec(name)
    if not spec.template:
        raise FileProblem(
            f"Jenis '{spec.name}' tidak punya templat: berkasnya diunduh dari SPSE/LKPP apa "
            f"adanya. Templat tersedia untuk: {', '.join(TEMPLATE_KINDS)}."
        )
    return spec
