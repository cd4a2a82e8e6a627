"""A sentence for every row of an import report, whatever happened to it.

The README promises that every row says what was done with it. Rejected, skipped and
updated rows carry their own sentence, and a row that made a supplier says so; the rest
(a new contract of a supplier already known or made by an earlier row, a row that
changed nothing) would stand empty, so ``complete`` words them from the outcome:
``Kontrak baru untuk rekanan 'PT. MARGA BHUANA JAYA' (dibuat di baris 2).``
"""

from __future__ import annotations

from rekanan.io.importing.report import ImportReport, Outcome, RowResult

NOUNS: dict[str, str] = {
    "rekanan": "rekanan",
    "layanan": "layanan",
    "sla": "SLA",
    "kontrak": "kontrak",
    "lkpp": "kontrak",
    "penilaian": "penilaian kinerja",
    "insiden": "insiden",
    "sp": "surat peringatan",
    "denda": "denda",
    "sanksi": "sanksi",
}
"""What one row of each kind is, in a sentence."""


def sentence(result: RowResult, kind: str) -> str:
    """The sentence of a row that has none, from its outcome (empty when it has one)."""
    if result.explanation:
        return ""
    noun = NOUNS.get(kind, "data")
    whose = f" untuk {result.supplier}" if result.supplier else ""
    if result.outcome is Outcome.NEW:
        return _capital(f"{noun} baru{whose}.")
    if result.outcome is Outcome.UNCHANGED:
        return _capital(f"{noun} ini sudah tersimpan sama persis; tidak ada yang diubah.")
    if result.outcome is Outcome.UPDATED:
        return _capital(f"{noun} ini diperbarui.")
    if result.outcome is Outcome.SKIPPED:
        return "Baris ini dilewati."
    return "Baris ini ditolak."


def complete(report: ImportReport) -> None:
    """Give every row of ``report`` that says nothing a sentence."""
    for result in report.rows:
        said = sentence(result, report.kind)
        if said:
            result.message = said


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
