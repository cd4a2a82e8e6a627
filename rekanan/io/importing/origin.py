"""Whose rows a file holds: the KLPD and satker found in it, against the agency's own.

An SPSE export is published per KLPD (a kabupaten, a kota, a ministry), not per agency:
the real one in ``shared/data/lkpp`` holds 52 contracts of seven satker of Kab. Bandung.
Imported into a Dinkominfo of another kabupaten, they would flood its dashboard with
other people's contracts. So the report names the KLPD and satker it found, with their
row counts, and says in one sentence when the rows to import are not the agency's own
(from the ``[agency]`` config: ``government`` is the KLPD, ``name`` the satker), and how
to pick: ``--satker NAME`` (repeatable), or the Satker field of the import screen.

Names are compared the way people write them: case, punctuation, ``Kab.`` for
``Kabupaten``, ``Pemerintah`` in front, the kabupaten written after the satker's name, and
``Diskominfo`` for ``Dinas Komunikasi dan Informatika``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rekanan.config import Agency

_WORDS = re.compile(r"[0-9a-z]+")
_REGION_WORDS = {
    "kab": "kabupaten",
    "kabupaten": "kabupaten",
    "pemkab": "kabupaten",
    "kota": "kota",
    "pemkot": "kota",
    "prov": "provinsi",
    "propinsi": "provinsi",
    "provinsi": "provinsi",
    "pemprov": "provinsi",
}
_REGION_TYPES = frozenset({"kabupaten", "kota", "provinsi"})
_SKIPPED_WORDS = frozenset({"pemerintah", "pemerintahan", "pemda"})
_ABBREVIATIONS = {
    "diskominfo": ("dinas", "komunikasi", "dan", "informatika"),
    "dinkominfo": ("dinas", "komunikasi", "dan", "informatika"),
    "diskominfotik": ("dinas", "komunikasi", "informatika", "dan", "statistik"),
    "diskominfostandi": ("dinas", "komunikasi", "informatika", "statistik", "dan", "persandian"),
    "kominfo": ("komunikasi", "dan", "informatika"),
    "dpupr": ("dinas", "pekerjaan", "umum", "dan", "penataan", "ruang"),
    "dputr": ("dinas", "pekerjaan", "umum", "dan", "tata", "ruang"),
}
_LINKS = frozenset({"dan"})

KLPD_COLUMNS = ("nama_klpd",)
SATKER_COLUMNS = ("nama_satker", "satker")


# --------------------------------------------------------------------------- names


def _words(text: str) -> list[str]:
    words: list[str] = []
    for word in _WORDS.findall((text or "").lower().replace("&", " dan ")):
        words.extend(_ABBREVIATIONS.get(word, (word,)))
    return words


def region_key(text: str) -> tuple[str, ...]:
    """A KLPD or government as words: ``Kab. Bandung`` and ``Pemerintah Kabupaten Bandung``
    both read ``('kabupaten', 'bandung')``."""
    words = [_REGION_WORDS.get(w, w) for w in _words(text)]
    return tuple(w for w in words if w not in _SKIPPED_WORDS)


def same_region(a: str, b: str) -> bool:
    """Whether two spellings name one KLPD; ``Sukamaju`` is ``Kabupaten Sukamaju`` too.

    ``Kota Bandung`` and ``Kabupaten Bandung`` are two governments: the type counts when
    both names carry one.
    """
    ka, kb = region_key(a), region_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    bare_a = tuple(w for w in ka if w not in _REGION_TYPES)
    bare_b = tuple(w for w in kb if w not in _REGION_TYPES)
    one_untyped = set(ka).isdisjoint(_REGION_TYPES) or set(kb).isdisjoint(_REGION_TYPES)
    return one_untyped and bare_a == bare_b and bool(bare_a)


def satker_key(text: str) -> tuple[str, ...]:
    """A satker's name as words, without the kabupaten written after it.

    ``Dinas Komunikasi dan Informatika Kabupaten Sukamaju``, ``DISKOMINFO`` and ``Dinas
    Komunikasi & Informatika`` all read ``('dinas', 'komunikasi', 'dan', 'informatika')``.
    """
    return _split_region(text)[0]


def _split_region(satker: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A satker's name as words, and the kabupaten or kota written after it (may be empty)."""
    words = [_REGION_WORDS.get(w, w) for w in _words(satker)]
    for index in range(len(words) - 2, 0, -1):
        if words[index] in _REGION_TYPES:
            return tuple(words[:index]), tuple(words[index:])
    return tuple(words), ()


def same_satker(a: str, b: str) -> bool:
    """Whether two names are one satker: the words of one hold the other's (``dan`` aside).

    ``Dinas Komunikasi dan Informatika`` is ``Dinas Komunikasi, Informatika dan Statistik``
    written shorter; a name of one word (``Dinas``) is too short to decide.
    """
    wa = set(satker_key(a)) - _LINKS
    wb = set(satker_key(b)) - _LINKS
    if min(len(wa), len(wb)) < 2:
        return bool(wa) and wa == wb
    return wa <= wb or wb <= wa


@lru_cache(maxsize=4096)  # an export repeats a few satker names over thousands of rows
def satker_chosen(wanted: str, satker: str, klpd: str = "") -> bool:
    """Whether a row of ``satker`` (of ``klpd``) is one a person picked with ``wanted``.

    ``wanted`` may be part of the name (``komunikasi``), an abbreviation (``Diskominfo``)
    or the whole name with its kabupaten (``Dinas Kominfo Kab. Sukamaju``).
    """
    want = " ".join(region_key(wanted))
    if not want:
        return False
    name = " ".join(region_key(satker))
    whole = f"{name} {' '.join(region_key(klpd))}".strip()
    if f" {want}" in f" {name}" or f" {want}" in f" {whole}":
        return True
    words = set(want.split()) - _LINKS
    return bool(words) and words <= set(whole.split())


# --------------------------------------------------------------------------- the census


@dataclass(frozen=True, slots=True)
class OriginGroup:
    """The rows of one satker of one KLPD."""

    klpd: str
    satker: str
    rows: int
    taken: int
    """Rows the import takes (not skipped by a satker filter, not rejected)."""
    own: bool | None
    """Whether this is the agency's own satker (None: no agency to compare with)."""


@dataclass(frozen=True, slots=True)
class Origins:
    """The KLPD and satker a file holds, and how they compare with the agency's own."""

    groups: tuple[OriginGroup, ...]
    agency: str
    """The agency as the warning names it (``Dinas ..., Pemerintah Kabupaten Sukamaju``)."""
    filtered: bool
    row_label: str = "baris"

    @property
    def taken(self) -> int:
        return sum(g.taken for g in self.groups)

    @property
    def foreign(self) -> int:
        """Rows to import that are not the agency's."""
        return sum(g.taken for g in self.groups if g.own is False)

    @property
    def own_names(self) -> list[str]:
        return list(dict.fromkeys(g.satker for g in self.groups if g.own and g.satker))

    def census_lines(self, language: str = "id", shown: int = 8) -> list[str]:
        """``KLPD Kab. Bandung: DINAS PEKERJAAN UMUM DAN TATA RUANG 38, ...`` per KLPD."""
        en = language == "en"
        by_klpd: dict[str, list[OriginGroup]] = {}
        for group in self.groups:
            by_klpd.setdefault(group.klpd, []).append(group)
        lines = []
        for klpd, groups in by_klpd.items():
            parts = [f"{g.satker or '-'} {g.rows}" for g in groups[:shown]]
            if len(groups) > shown:
                rest = sum(g.rows for g in groups[shown:])
                more = len(groups) - shown
                parts.append(f"{more} other satker {rest}" if en else f"{more} satker lain {rest}")
            count = len(groups)
            head = "Satker in the file" if en else "Satker dalam berkas"
            where = f" (KLPD {klpd})" if klpd else ""
            lines.append(f"{head}{where}, {count}: " + ", ".join(parts) + ".")
        return lines

    def warning(self, language: str = "id", *, app: bool = False, done: bool = False) -> str | None:
        """One sentence when rows to import are not the agency's, saying how to choose.

        ``app`` names the Satker field instead of ``--satker``; ``done`` words it for rows
        already written (a real run), which are to be checked rather than chosen.
        """
        foreign, taken = self.foreign, self.taken
        if not foreign or not self.agency:
            return None
        en = language == "en"
        unit = _unit(self.row_label, en, taken)
        own = self.own_names
        if done:
            how = (
                "check those contracts (each records its satker)"
                if en
                else "periksa kontrak-kontrak itu (satkernya tercatat di tiap kontrak)"
            )
        elif self.filtered:
            how = (
                "check the satker chosen" + (" in the Satker field" if app else " (--satker)")
                if en
                else "periksa satker yang dipilih" + (" di isian Satker" if app else " (--satker)")
            )
        elif own:
            pick = " ".join(f'--satker "{name}"' for name in own)
            if en:
                how = f'type "{"; ".join(own)}" in the Satker field' if app else f"add {pick}"
                how = "to import only the agency's own rows, " + how
            else:
                how = f'isi Satker dengan "{"; ".join(own)}"' if app else f"tambahkan {pick}"
                how = "untuk mengimpor baris instansi sendiri saja, " + how
        elif en:
            how = "do not import this file unless these contracts are meant to be here, or " + (
                "pick the satker in the Satker field" if app else "pick them with --satker NAME"
            )
        else:
            how = "jangan impor berkas ini kecuali kontrak itu memang dikelola di sini, atau " + (
                "pilih satkernya di isian Satker" if app else "pilih dengan --satker NAMA"
            )
        if en:
            verb = "imported" if done else "to import"
            if foreign == taken:
                share = f"none of the {taken} {unit} {verb} belong"
            else:
                share = f"{foreign} of the {taken} {unit} {verb} do not belong"
            return f"Warning: {share} to this agency ({self.agency}); {how}."
        verb = "diimpor" if done else "akan diimpor"
        if foreign == taken:
            share = f"tidak satu pun dari {taken} {unit} yang {verb} milik"
        else:
            share = f"{foreign} dari {taken} {unit} yang {verb} bukan milik"
        return f"Perhatian: {share} instansi ini ({self.agency}); {how}."


def _unit(label: str, en: bool, count: int) -> str:
    if not en:
        return label
    word = {"baris": "row", "rekaman": "record"}.get(label, "row")
    return word if count == 1 else word + "s"


def agency_label(agency: Agency) -> str:
    """The agency as a warning names it; the placeholder government is left out."""
    parts = [agency.name.strip()]
    if _has_government(agency):
        parts.append(agency.government.strip())
    return ", ".join(p for p in parts if p)


def _has_government(agency: Agency) -> bool:
    """Whether the config names a government (not the placeholder of a fresh install)."""
    return bool(agency.government.strip()) and agency.government != Agency().government


def is_own(agency: Agency, klpd: str, satker: str) -> bool:
    """Whether a row of ``satker`` of ``klpd`` belongs to ``agency``.

    A KLPD is compared only when both sides name one; a satker written with its kabupaten
    (``... Kabupaten Sukamaju``) must name the agency's kabupaten too.
    """
    if _has_government(agency) and klpd and not same_region(klpd, agency.government):
        return False
    if not satker:
        return True
    if not same_satker(satker, agency.name):
        return False
    tail = " ".join(_split_region(satker)[1])
    return not (tail and _has_government(agency) and not same_region(tail, agency.government))


def cell_of(cells: Mapping[str, object], columns: Sequence[str]) -> str | None:
    """The first of ``columns`` the row has, as one line (None when it has none)."""
    for column in columns:
        if column in cells:
            value = cells[column]
            return " ".join(str(value).split()) if value is not None else ""
    return None


class Census:
    """Counts rows per (KLPD, satker) while planning; ``origins`` sums them up."""

    def __init__(self) -> None:
        self.rows: Counter[tuple[str, str]] = Counter()
        self.of_row: dict[int, tuple[str, str]] = {}
        self.seen = False

    def add(self, number: int, cells: Mapping[str, object]) -> None:
        """Count row ``number`` under the KLPD and satker its cells name."""
        klpd = cell_of(cells, KLPD_COLUMNS)
        satker = cell_of(cells, SATKER_COLUMNS)
        if klpd is None and satker is None:
            return
        self.seen = True
        key = (klpd or "", satker or "")
        self.rows[key] += 1
        self.of_row[number] = key

    def origins(
        self,
        agency: Agency | None,
        filtered: bool,
        taken_rows: Iterable[int],
        row_label: str = "baris",
    ) -> Origins | None:
        """The census, most rows first; None when no row names a KLPD or satker.

        ``taken_rows`` are the rows the import takes (not skipped, not rejected): the
        warning counts those.
        """
        if not self.seen or not any(k or s for k, s in self.rows):
            return None
        taken = Counter(self.of_row[n] for n in taken_rows if n in self.of_row)
        ordered = sorted(self.rows.items(), key=lambda item: (-item[1], item[0]))
        groups = tuple(
            OriginGroup(
                klpd,
                satker,
                rows,
                taken[(klpd, satker)],
                None if agency is None else is_own(agency, klpd, satker),
            )
            for (klpd, satker), rows in ordered
        )
        label = agency_label(agency) if agency is not None else ""
        return Origins(groups, label, filtered, row_label)


def chosen(wanted: Iterable[str], satker: str | None, klpd: str | None) -> bool:
    """Whether a row is one of the satker picked (any of ``wanted``)."""
    return satker is not None and any(satker_chosen(w, satker, klpd or "") for w in wanted)
