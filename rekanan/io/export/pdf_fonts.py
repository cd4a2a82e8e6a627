"""Embedded DejaVu Sans for the PDFs, parsed once per process and reused by every document.

Why this module exists: ``FPDF.add_font`` parses the whole TrueType file (6 000 glyphs) and
every ``output()`` subsets it again, which costs about 60 ms per document: a minute for
1 000 scorecards. Instead the shipped fonts are reduced once to the characters Indonesian
documents use (Latin, Latin-1, Latin Extended-A, punctuation, a few symbols), parsed once
into prototype ``TTFFont`` objects, and each new document gets a cheap copy with its own
subset state and a fresh lazily-read font file. That takes a document to about 15 ms.

A text with a character outside the reduced set (a name in another script) makes the
document use the full font files instead, so nothing is ever printed as a missing glyph.

This leans on fpdf2 internals (``TTFFont``, ``SubsetMap``); should they change, the fast
path falls back to ``add_font`` and only speed is lost (``tests/io/export`` checks both).
"""

from __future__ import annotations

import copy
import io
import logging
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from fpdf import FPDF

FONT_DIR = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x17F),
    (0x2010, 0x2030),
    (0x2032, 0x2033),
    (0x20AC, 0x20AC),
    (0x2116, 0x2116),
    (0x2122, 0x2122),
    (0x2190, 0x2193),
    (0x2212, 0x2212),
    (0x2264, 0x2265),
    (0x25A0, 0x25CF),
)
_LOG = logging.getLogger(__name__)


@cache
def reduced_codepoints() -> frozenset[int]:
    """The characters the reduced fonts carry."""
    return frozenset(c for lo, hi in _RANGES for c in range(lo, hi + 1))


def covers(texts: Iterable[str]) -> bool:
    """True when every character of ``texts`` is in the reduced fonts (newlines allowed)."""
    allowed = reduced_codepoints()
    return all(ord(ch) in allowed or ch in "\n\r" for text in texts for ch in text)


@cache
def _reduced_bytes(style: str) -> bytes:
    """The shipped font cut down to ``reduced_codepoints`` (done once per process)."""
    from fontTools import subset as ftsubset  # type: ignore[import-untyped]
    from fontTools import ttLib  # type: ignore[import-untyped]

    font = ttLib.TTFont(FONT_DIR / _FILES[style], recalcTimestamp=False)
    options = ftsubset.Options(
        notdef_outline=True,
        recommended_glyphs=True,
        layout_features=[],
        name_IDs=["*"],
        glyph_names=True,
    )
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "FFTM", "hdmx", "MATH", "kern"]
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=sorted(reduced_codepoints()))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@cache
def _prototypes() -> dict[str, Any] | None:
    """Parsed ``TTFFont`` objects of the reduced fonts, or None when fpdf2 moved on."""
    try:
        from fpdf.fonts import TTFFont

        holder = FPDF()
        return {
            style: TTFFont(holder, _font_file(style), _fontkey(style), style) for style in _FILES
        }
    except Exception as error:  # pragma: no cover - only when fpdf2 internals change
        _LOG.warning("Fast font path unavailable (%s); using add_font.", error)
        return None


def _font_file(style: str) -> Any:
    """The reduced font as a file object (fpdf2 hands it to fontTools, which reads one)."""
    return io.BytesIO(_reduced_bytes(style))


def _fontkey(style: str) -> str:
    return f"{FAMILY.lower()}{style}"


@cache
def _shared_ttfont(style: str) -> Any:
    """The reduced font, parsed once and shared read-only by every document.

    fpdf2 subsets the embedded font again for each ``output()`` (a third of a scorecard's
    time). The reduced font is already small (about 60 kB, 30 kB compressed), so documents
    embed it whole: ``_ReducedSubsetter`` skips the subsetting for this font object and
    ``save`` hands out the bytes made once. Every other font is subset as usual.
    """
    from fontTools import ttLib

    font = ttLib.TTFont(io.BytesIO(_reduced_bytes(style)), recalcTimestamp=False)
    font.ensureDecompiled()
    data = _reduced_bytes(style)

    def save(file: Any, reorderTables: bool | None = True) -> None:
        file.write(data)

    font.save = save
    font.rekanan_reduced = True
    _patch_fpdf_subsetting()
    return font


@cache
def _patch_fpdf_subsetting() -> None:
    """Make fpdf2's output step leave the shared reduced fonts whole (see ``_shared_ttfont``)."""
    import types

    from fontTools import subset as ftsubset
    from fpdf import output

    class _ReducedSubsetter(ftsubset.Subsetter):  # type: ignore[misc]
        def subset(self, font: Any) -> None:
            if getattr(font, "rekanan_reduced", False):
                return
            super().subset(font)

    shim = types.ModuleType("rekanan_fonttools_subset")
    shim.__dict__.update(ftsubset.__dict__)
    shim.Subsetter = _ReducedSubsetter  # type: ignore[attr-defined]
    output.ftsubset = shim  # type: ignore[attr-defined]


def _install_fast(pdf: FPDF, prototypes: dict[str, Any]) -> bool:
    try:
        from fpdf.fonts import SubsetMap

        for style, prototype in prototypes.items():
            font = copy.copy(prototype)
            font.i = len(pdf.fonts) + 1
            font.ttfont = _shared_ttfont(style)
            font.missing_glyphs = []
            font.biggest_size_pt = 0
            font._hbfont = None
            font.subset = SubsetMap(font)
            pdf.fonts[_fontkey(style)] = font
        return True
    except Exception as error:  # pragma: no cover - only when fpdf2 internals change
        _LOG.warning("Fast font path failed (%s); using add_font.", error)
        for style in prototypes:
            pdf.fonts.pop(_fontkey(style), None)
        return False


def install_fonts(pdf: FPDF, texts: Iterable[str] = (), *, fast: bool = True) -> None:
    """Make family ``DejaVu`` (regular and ``B``) available in ``pdf``.

    ``texts`` are the strings the document will print: when one of them needs a glyph
    outside the reduced set, the full fonts are embedded instead.
    """
    prototypes = _prototypes() if fast and covers(texts) else None
    if prototypes is not None and _install_fast(pdf, prototypes):
        return
    for style, name in _FILES.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / name))
