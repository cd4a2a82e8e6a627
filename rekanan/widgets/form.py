"""Form fields that check what is typed on the spot and say what is wrong in a sentence.

Each field is described by a ``FieldSpec``; ``FormView`` lays them out as label, input and
a line under the input for the sentence (an error in red, a warning in amber, a hint in
grey). A field is checked when the person leaves it and, once it showed an error, on every
keystroke until it is right. Nothing typed is ever cleared: an error from the store
(``ValidationFailed`` naming a field) is shown next to that field with the text intact.

Parsing accepts how Indonesian staff write: ``1.250.000,00`` or ``1250000`` for money,
``99,5`` for percentages, ``07/03/2026`` or ``2026-03-07`` for dates, any NPWP spelling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import (
    Checkbox,
    Input,
    Label,
    RadioButton,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from rekanan.domain.formatting import number
from rekanan.domain.identifiers import IdentifierError, check_npwp, format_npwp, normalise_nib

Translate = Callable[[str], str]


class FieldError(ValueError):
    """What is wrong with a field's text, as a sentence (Indonesian; translated when shown)."""

    def __init__(self, sentence: str, **values: object) -> None:
        super().__init__(sentence)
        self.sentence = sentence
        self.values = values

    def render(self, t: Translate) -> str:
        """The sentence in the UI language with its values filled in."""
        return t(self.sentence).format(**self.values)


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed value and, optionally, a warning that does not block saving."""

    value: Any
    warning: str | None = None


KINDS = (
    "text",
    "area",
    "int",
    "decimal",
    "money",
    "percent",
    "date",
    "datetime",
    "choice",
    "bool",
    "npwp",
    "nib",
    "ref",
    "multi",
)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a form: name (the model column), label, kind and limits."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    hint: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_length: int | None = None
    placeholder: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


# ------------------------------------------------------------------------------ parsing

_DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})$"),
)


def parse_date(text: str) -> date:
    """``07/03/2026``, ``7-3-26`` or ``2026-03-07``; a sentence when it is not a date."""
    cleaned = text.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(cleaned)
        if match:
            year = int(match["y"])
            if year < 100:
                year += 2000
            try:
                return date(year, int(match["m"]), int(match["d"]))
            except ValueError as error:
                raise FieldError(
                    "Tanggal {text} tidak ada di kalender; periksa hari dan bulannya.",
                    text=cleaned,
                ) from error
    raise FieldError(
        "Tulis tanggal sebagai HH/BB/TTTT, misalnya 07/03/2026.",
    )


def parse_datetime(text: str) -> datetime:
    """``07/03/2026 14:30`` or ``2026-03-07 14:30``."""
    cleaned = text.strip().replace("T", " ")
    day_text, _, time_text = cleaned.partition(" ")
    day = parse_date(day_text)
    if not time_text.strip():
        return datetime.combine(day, datetime.min.time())
    match = re.match(r"^(\d{1,2})[:.](\d{2})$", time_text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise FieldError("Tulis waktu sebagai HH/BB/TTTT JJ:MM, misalnya 07/03/2026 14:30.")
    return datetime.combine(day, datetime.min.time()).replace(
        hour=int(match[1]), minute=int(match[2])
    )


def parse_decimal(text: str, *, grouping: bool = True) -> Decimal:
    """A number written the Indonesian way (``1.250.000,50``) or the English way.

    With ``grouping`` (money, counts) one separator followed by exactly three digits groups
    thousands (``1.250`` is 1250); without it (percentages, hours) it marks decimals.
    """
    cleaned = re.sub(r"(?i)^rp\.?", "", text.strip()).replace(" ", "").replace("%", "")
    if not cleaned:
        raise FieldError("Isi dengan angka.")
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("+-")
    if not re.fullmatch(r"[\d.,]+", cleaned):
        raise FieldError(
            "{text} bukan angka; tulis misalnya 1.250.000 atau 99,5.", text=text.strip()
        )
    dots, commas = cleaned.count("."), cleaned.count(",")
    if dots and commas:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
    elif commas:
        single = commas == 1 and (not grouping or len(cleaned.split(",")[1]) != 3)
        decimal_mark = "," if single else ""
    elif dots:
        single = dots == 1 and (not grouping or len(cleaned.split(".")[1]) != 3)
        decimal_mark = "." if single else ""
    else:
        decimal_mark = ""
    if decimal_mark:
        whole, _, fraction = cleaned.rpartition(decimal_mark)
    else:
        whole, fraction = cleaned, ""
    whole = whole.replace(".", "").replace(",", "")
    if not whole and not fraction:
        raise FieldError("Isi dengan angka.")
    try:
        value = Decimal(f"{whole or 0}.{fraction or 0}")
    except InvalidOperation as error:
        raise FieldError("{text} bukan angka.", text=text.strip()) from error
    return -value if negative else value


def parse_int(text: str) -> int:
    """A whole number (thousand separators allowed)."""
    value = parse_decimal(text)
    if value != value.to_integral_value():
        raise FieldError("Isi dengan bilangan bulat, tanpa koma.")
    return int(value)


def _check_range(spec: FieldSpec, value: Decimal | int) -> None:
    if spec.minimum is not None and value < spec.minimum:
        raise FieldError("Nilai paling kecil {minimum}.", minimum=_plain_number(spec.minimum))
    if spec.maximum is not None and value > spec.maximum:
        raise FieldError("Nilai paling besar {maximum}.", maximum=_plain_number(spec.maximum))


def _plain_number(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.normalize() else str(value)


def parse_field(spec: FieldSpec, raw: Any) -> Parsed:
    """Turn what the person entered into the value the store takes, or raise FieldError.

    A ``ref`` field (a supplier, contract or service named by text) parses to its text;
    the form's screen resolves it to an id in the database. A ``multi`` field parses to the
    tuple of chosen values.
    """
    if spec.kind == "bool":
        return Parsed(bool(raw))
    if spec.kind == "multi":
        chosen = tuple(raw or ())
        if spec.required and not chosen:
            raise FieldError("Pilih paling sedikit satu.")
        return Parsed(chosen)
    if spec.kind == "choice":
        if raw in (None, Select.NULL, ""):
            if spec.required:
                raise FieldError("Pilih salah satu.")
            return Parsed(None)
        return Parsed(raw)
    text = "" if raw is None else str(raw)
    if not text.strip():
        if spec.required:
            raise FieldError("Wajib diisi.")
        return Parsed("" if spec.kind in ("text", "area") else None)
    if spec.kind == "ref":
        return Parsed(text.strip())
    if spec.kind in ("text", "area"):
        value = text.strip() if spec.kind == "text" else text
        if spec.max_length is not None and len(value) > spec.max_length:
            raise FieldError(
                "Terlalu panjang: {length} huruf, paling banyak {limit}.",
                length=len(value),
                limit=spec.max_length,
            )
        return Parsed(value)
    if spec.kind == "int":
        whole = parse_int(text)
        _check_range(spec, whole)
        return Parsed(whole)
    if spec.kind in ("decimal", "money", "percent"):
        amount = parse_decimal(text, grouping=spec.kind == "money")
        if spec.kind == "percent" and not (Decimal(0) <= amount <= Decimal(100)):
            raise FieldError("Persentase harus antara 0 dan 100.")
        if spec.kind == "money" and amount < 0:
            raise FieldError("Nilai uang tidak boleh negatif.")
        _check_range(spec, amount)
        return Parsed(amount)
    if spec.kind == "date":
        return Parsed(parse_date(text))
    if spec.kind == "datetime":
        return Parsed(parse_datetime(text))
    if spec.kind == "npwp":
        try:
            checked = check_npwp(text)
        except IdentifierError as error:
            raise FieldError(
                "NPWP {text} berisi {count} angka; tulis 15 angka (99.999.999.9-999.999) "
                "atau 16 angka.",
                text=text.strip(),
                count=len(re.sub(r"\D", "", text)),
            ) from error
        if checked is None:
            return Parsed(None)
        warning = "Angka pemeriksa NPWP tidak cocok; periksa lagi." if checked.warning else None
        return Parsed(checked.canonical, warning)
    if spec.kind == "nib":
        try:
            return Parsed(normalise_nib(text))
        except IdentifierError as error:
            raise FieldError("NIB berisi 13 angka.") from error
    raise ValueError(f"Unknown field kind {spec.kind!r}")


def format_value(spec: FieldSpec, value: Any, language: str = "id") -> Any:
    """The text an input shows for a stored value (the inverse of ``parse_field``)."""
    if spec.kind == "bool":
        return bool(value)
    if spec.kind == "multi":
        return tuple(value or ())
    if spec.kind == "choice":
        if value is None:
            return Select.NULL
        return value.value if isinstance(value, StrEnum) else value
    if value is None:
        return ""
    if spec.kind == "date" and isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if spec.kind == "datetime" and isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if spec.kind in ("money", "decimal", "percent") and isinstance(value, Decimal):
        digits = 2 if spec.kind == "money" else 3
        return number(value, language, digits)
    if spec.kind == "npwp":
        return format_npwp(value)
    return str(value)


# ------------------------------------------------------------------------------ widgets


class YesNoBox(Checkbox):
    """A checkbox that says its state in words, ``▐X▌ Ya`` or ``▐ ▌ Tidak``.

    Textual's checkbox draws the same ``X`` on and off (only the colour changes), and its
    label would repeat the field's label above it: a person could not tell whether
    Space had just ticked or unticked it (F30).
    """

    def __init__(self, yes: str, no: str, *, value: bool, id: str | None = None) -> None:
        self.words = (no, yes)
        super().__init__(yes if value else no, value=value, id=id)
        self.BUTTON_INNER = "X" if value else " "

    def watch_value(self) -> None:
        super().watch_value()
        self.BUTTON_INNER = "X" if self.value else " "
        self.label = self.words[int(self.value)]


class ChoiceButton(RadioButton):
    """A radio button whose dot shows only when chosen (Textual draws it on every button
    and tells them apart by colour alone)."""

    def __init__(self, label: str, value: bool = False, *, id: str | None = None) -> None:
        super().__init__(label, value, id=id)
        self.BUTTON_INNER = "●" if value else " "

    def watch_value(self) -> None:
        super().watch_value()
        self.BUTTON_INNER = "●" if self.value else " "


class FieldRow(Vertical):
    """Label, input and the sentence line of one field."""

    DEFAULT_CSS = """
    FieldRow { height: auto; margin: 0 0 1 0; }
    FieldRow > Label { color: $text-muted; }
    FieldRow > .field-message { height: auto; }
    FieldRow > .field-message.-error { color: $error; }
    FieldRow > .field-message.-warning { color: $warning; }
    FieldRow > .field-message.-hint { color: $text-muted; }
    FieldRow > Input.-invalid { border: tall $error; }
    FieldRow > TextArea { height: 5; }
    FieldRow > SelectionList { height: auto; max-height: 12; }
    """

    def __init__(self, spec: FieldSpec, control: Widget, label: str) -> None:
        super().__init__(id=f"row-{spec.name}", classes="field-row")
        self.spec = spec
        self.control = control
        self._label = label
        self.showing_error = False

    def compose(self) -> ComposeResult:
        marker = " *" if self.spec.required else ""
        yield Label(Text(self._label + marker))
        yield self.control
        yield Static("", classes="field-message")

    def show(self, sentence: str | None, level: str = "error") -> None:
        """Put a sentence under the field (None clears it, leaving the hint)."""
        message = self.query_one(".field-message", Static)
        message.remove_class("-error", "-warning", "-hint")
        self.showing_error = level == "error" and bool(sentence)
        self.control.set_class(self.showing_error, "-invalid")
        if sentence:
            message.add_class(f"-{level}")
            message.update(Text(sentence))
        else:
            hint = self.spec.hint
            message.add_class("-hint")
            message.update(Text(self._hint_text) if hint else "")

    @property
    def _hint_text(self) -> str:
        t = getattr(self.app, "t", None)
        return str(t(self.spec.hint)) if callable(t) else self.spec.hint


class FormView(VerticalScroll, can_focus=False):
    """The fields of one record; ``read()`` returns the values or shows what is wrong.

    The container itself takes no focus: Tab goes from field to field only.
    """

    DEFAULT_CSS = """
    FormView { height: 1fr; padding: 0 1; }
    """

    class Edited(Message):
        """A field changed (screens enable Save, mark the form dirty)."""

    def __init__(
        self,
        specs: Sequence[FieldSpec],
        values: Mapping[str, Any] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.specs = list(specs)
        self.initial = dict(values or {})
        self.dirty = False

    def _t(self, text: str) -> str:
        t = getattr(self.app, "t", None)
        return str(t(text)) if callable(t) else text

    @property
    def language(self) -> str:
        """The app's language, for formatting numbers in inputs."""
        return str(getattr(self.app, "language", "id") or "id")

    def compose(self) -> ComposeResult:
        for spec in self.specs:
            yield FieldRow(spec, self._control(spec), self._t(spec.label))

    def on_mount(self) -> None:
        for row in self.query(FieldRow):
            row.show(None)

    def _control(self, spec: FieldSpec) -> Widget:
        value = format_value(spec, self.initial.get(spec.name), self.language)
        control_id = f"field-{spec.name}"
        if spec.kind == "bool":
            return YesNoBox(self._t("Ya"), self._t("Tidak"), value=bool(value), id=control_id)
        if spec.kind == "choice":
            options = [(Text(self._t(label)), key) for key, label in spec.choices]
            return Select(
                options,
                value=value if value in {k for k, _ in spec.choices} else Select.NULL,
                allow_blank=not spec.required or value is Select.NULL,
                prompt=self._t("Pilih…"),
                id=control_id,
            )
        if spec.kind == "area":
            return TextArea(str(value), id=control_id, soft_wrap=True, show_line_numbers=False)
        if spec.kind == "multi":
            chosen = set(value)
            return SelectionList[Any](
                *[(Text(self._t(lbl)), key, key in chosen) for key, lbl in spec.choices],
                id=control_id,
            )
        placeholder = (
            self._t(spec.placeholder) if spec.placeholder else _PLACEHOLDERS.get(spec.kind, "")
        )
        return Input(str(value), placeholder=self._t(placeholder), id=control_id)

    # -- reading -----------------------------------------------------------------------

    def row(self, name: str) -> FieldRow:
        """The row of one field."""
        return self.query_one(f"#row-{name}", FieldRow)

    def raw(self, name: str) -> Any:
        """What the person entered in a field, untouched."""
        control = self.row(name).control
        if isinstance(control, Input):
            return control.value
        if isinstance(control, TextArea):
            return control.text
        if isinstance(control, Checkbox):
            return control.value
        if isinstance(control, Select):
            return control.value
        if isinstance(control, SelectionList):
            return tuple(control.selected)
        return None

    def set_raw(self, name: str, value: Any) -> None:
        """Put a value into a field's control (as text for inputs)."""
        control = self.row(name).control
        spec = self.row(name).spec
        shown = format_value(spec, value, self.language)
        if isinstance(control, Input):
            control.value = str(shown)
        elif isinstance(control, TextArea):
            control.text = str(shown)
        elif isinstance(control, Checkbox):
            control.value = bool(shown)
        elif isinstance(control, Select):
            control.value = shown
        elif isinstance(control, SelectionList):
            control.deselect_all()
            for key in shown:
                control.select(key)

    def check(self, name: str) -> Parsed | None:
        """Check one field now and show the sentence; None when it is wrong."""
        row = self.row(name)
        try:
            parsed = parse_field(row.spec, self.raw(name))
        except FieldError as error:
            row.show(error.render(self._t), "error")
            return None
        if parsed.warning:
            row.show(self._t(parsed.warning), "warning")
        else:
            row.show(None)
        return parsed

    def read(self) -> dict[str, Any] | None:
        """Every field's value, or None after showing each wrong field's sentence.

        The first wrong field gets the focus so the person lands where to fix it.
        """
        values: dict[str, Any] = {}
        first_bad: FieldRow | None = None
        for spec in self.specs:
            parsed = self.check(spec.name)
            if parsed is None:
                first_bad = first_bad or self.row(spec.name)
            else:
                values[spec.name] = parsed.value
        if first_bad is not None:
            first_bad.control.focus()
            return None
        return values

    def show_error(self, name: str | None, sentence: str) -> bool:
        """Show a store's sentence next to field ``name``; False when no such field."""
        if not name:
            return False
        try:
            row = self.row(name)
        except Exception:
            return False
        row.show(sentence, "error")
        row.control.focus()
        return True

    def changed_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Only the fields whose value differs from what the form was opened with."""
        return {
            name: value
            for name, value in values.items()
            if _normal(self.initial.get(name)) != _normal(value)
        }

    # -- events --------------------------------------------------------------------------

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        name = (event.input.id or "").removeprefix("field-")
        if name and any(spec.name == name for spec in self.specs):
            self.check(name)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(TextArea.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self, event: Message) -> None:
        control = getattr(event, "control", None) or getattr(event, "input", None)
        name = (getattr(control, "id", "") or "").removeprefix("field-")
        if not name or not any(spec.name == name for spec in self.specs):
            return
        if not self.is_mounted:
            return
        self.dirty = True
        row = self.row(name)
        if row.showing_error or row.spec.kind in ("choice", "bool", "multi"):
            self.check(name)
        self.post_message(self.Edited())


def _normal(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        return value.normalize()
    return value


_PLACEHOLDERS = {
    "date": "HH/BB/TTTT",
    "datetime": "HH/BB/TTTT JJ:MM",
    "money": "Rp",
    "percent": "%",
    "npwp": "99.999.999.9-999.999",
    "nib": "13 angka",
}
