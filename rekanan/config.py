"""Settings: where the database lives, who the agency is, language, thresholds and keymap.

The config file is TOML in the platformdirs config folder (``REKANAN_CONFIG`` overrides the
path). A broken file never stops the app: ``load_settings`` falls back to defaults and
returns the problem as a sentence naming the line, for the app or the CLI to show.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from platformdirs import user_config_path, user_data_path

from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import SupplierCategory

APP_NAME = "rekanan"
LANGUAGES = ("id", "en")


@dataclass(frozen=True, slots=True)
class Agency:
    """Who the agency is, for letterheads and signature blocks."""

    name: str = "Dinas Komunikasi dan Informatika"
    government: str = "Pemerintah Kabupaten Contoh"
    letterhead: tuple[str, ...] = ("Jl. Contoh No. 1, Kabupaten Contoh",)
    place: str = "Contoh"
    signer_name: str = ""
    signer_title: str = "Kepala Dinas"
    signer_id: str = ""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable. Built once at start; passed down, never read from globals."""

    database: str = ""
    language: str = "id"
    user: str = ""
    theme: str = "textual-dark"
    read_only: bool = False
    agency: Agency = field(default_factory=Agency)
    thresholds: Thresholds = field(default_factory=Thresholds)
    keymap: dict[str, str] = field(default_factory=dict)
    config_path: Path | None = None
    user_from_os: bool = False
    """True when nobody named the user (config, ``--user``): ``user`` is the OS account, and
    a PostgreSQL database records its session user instead (``audit_user``)."""

    @property
    def audit_user(self) -> str:
        """The name to record in the audit log; empty lets the database pick (PostgreSQL's
        session user, else the OS account)."""
        return "" if self.user_from_os else self.user

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL: the configured one, or the default SQLite file."""
        return database_url(self.database or str(default_database_path()))


def default_config_path() -> Path:
    """``$REKANAN_CONFIG``, or ``config.toml`` in the platformdirs config folder."""
    override = os.environ.get("REKANAN_CONFIG")
    if override:
        return Path(override).expanduser()
    return user_config_path(APP_NAME) / "config.toml"


def default_data_dir() -> Path:
    """The platformdirs user data folder (``$REKANAN_DATA_DIR`` overrides it, for tests)."""
    override = os.environ.get("REKANAN_DATA_DIR")
    return Path(override).expanduser() if override else user_data_path(APP_NAME)


def default_database_path() -> Path:
    """``rekanan.db`` in the user data folder."""
    return default_data_dir() / "rekanan.db"


def demo_database_path() -> Path:
    """Where ``rekanan demo`` keeps its seeded database."""
    return default_data_dir() / "demo.db"


def database_url(target: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path and return a URL."""
    if "://" in target:
        if target.startswith("postgresql://"):
            return "postgresql+psycopg://" + target.removeprefix("postgresql://")
        if target.startswith("postgres://"):
            return "postgresql+psycopg://" + target.removeprefix("postgres://")
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def current_user() -> str:
    """The OS account name, or ``unknown`` where the OS cannot tell."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class ConfigError(ValueError):
    """The config file is wrong; the message (Indonesian, and English in ``english``) says
    what and how to fix it."""

    def __init__(self, indonesian: str, english: str) -> None:
        super().__init__(english)
        self.indonesian = indonesian
        self.english = english

    def text(self, language: str) -> str:
        """The message in ``language``."""
        return self.english if language == "en" else self.indonesian


def load_settings(path: Path | None = None, **overrides: Any) -> tuple[Settings, list[str]]:
    """Read the config file (if any) and apply command-line ``overrides``.

    Returns the settings and the problems found, as sentences in the settings' language.
    Problems never raise: the affected part falls back to its default.
    """
    path = path or default_config_path()
    found: list[tuple[str, str]] = []  # (Indonesian, English): the language is known last
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            found.append(
                (
                    f"Berkas konfigurasi {path} bukan TOML yang sah ({error}); nilai bawaan "
                    "dipakai sampai berkas itu diperbaiki.",
                    f"The config file {path} is not valid TOML ({error}); "
                    "using the defaults until it is fixed.",
                )
            )
        except (OSError, UnicodeDecodeError) as error:
            found.append(
                (
                    f"Berkas konfigurasi {path} tidak dapat dibaca ({error}); nilai bawaan "
                    "dipakai.",
                    f"The config file {path} cannot be read ({error}); using defaults.",
                )
            )
    settings = Settings(config_path=path)
    try:
        settings = _apply(settings, raw)
    except ConfigError as error:
        found.append(
            (
                f"{path}: {error.indonesian} Bagian itu memakai nilai bawaan.",
                f"{path}: {error.english} Using the defaults for that part.",
            )
        )
    env_db = os.environ.get("REKANAN_DB")
    if env_db:
        settings = replace(settings, database=env_db)
    clean = {key: value for key, value in overrides.items() if value is not None}
    if clean:
        settings = replace(settings, **clean)
    if settings.language not in LANGUAGES:
        found.append(
            (
                f"Bahasa '{settings.language}' tidak dikenal; pakai 'id' atau 'en'.",
                f"Language '{settings.language}' is unknown; use 'id' or 'en'.",
            )
        )
        settings = replace(settings, language="id")
    if not settings.user:
        settings = replace(settings, user=current_user(), user_from_os=True)
    problems = [english if settings.language == "en" else ind for ind, english in found]
    return settings, problems


def _apply(settings: Settings, raw: dict[str, Any]) -> Settings:
    """Apply the sections of a parsed config file, refusing wrong types with a sentence."""
    general = _section(raw, "general")
    agency_raw = _section(raw, "agency")
    thresholds_raw = _section(raw, "thresholds")
    keymap_raw = _section(raw, "keymap")
    agency = settings.agency
    if agency_raw:
        letterhead = agency_raw.get("letterhead", list(agency.letterhead))
        if not isinstance(letterhead, list) or not all(isinstance(x, str) for x in letterhead):
            raise ConfigError(
                "[agency] letterhead harus berupa daftar baris teks.",
                "[agency] letterhead must be a list of text lines.",
            )
        agency = replace(
            agency,
            name=_text(agency_raw, "name", agency.name),
            government=_text(agency_raw, "government", agency.government),
            letterhead=tuple(letterhead),
            place=_text(agency_raw, "place", agency.place),
            signer_name=_text(agency_raw, "signer_name", agency.signer_name),
            signer_title=_text(agency_raw, "signer_title", agency.signer_title),
            signer_id=_text(agency_raw, "signer_id", agency.signer_id),
        )
    keymap: dict[str, str] = {}
    for binding_id, keys in keymap_raw.items():
        if not isinstance(keys, str):
            raise ConfigError(
                f'[keymap] {binding_id} harus berupa nama tombol seperti "ctrl+o".',
                f'[keymap] {binding_id} must be a key name such as "ctrl+o".',
            )
        keymap[str(binding_id)] = keys
    return replace(
        settings,
        database=_text(general, "database", settings.database),
        language=_text(general, "language", settings.language),
        user=_text(general, "user", settings.user),
        theme=_text(general, "theme", settings.theme),
        agency=agency,
        thresholds=_thresholds(settings.thresholds, thresholds_raw),
        keymap=keymap,
    )


def _section(raw: dict[str, Any], name: str) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(
            f"[{name}] harus berupa tabel pengaturan.", f"[{name}] must be a table of settings."
        )
    return value


def _text(section: dict[str, Any], key: str, default: str) -> str:
    value = section.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(
            f"'{key}' harus berupa teks dalam tanda kutip, bukan {value!r}.",
            f"'{key}' must be text in quotes, not {value!r}.",
        )
    return value


def _decimal(section: dict[str, Any], key: str, default: Decimal) -> Decimal:
    value = section.get(key, default)
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise ConfigError(
            f"'{key}' harus berupa angka, bukan {value!r}.",
            f"'{key}' must be a number, not {value!r}.",
        ) from error


def _int(section: dict[str, Any], key: str, default: int) -> int:
    value = section.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ConfigError(
            f"'{key}' harus bilangan bulat 0 atau lebih, bukan {value!r}.",
            f"'{key}' must be a whole number of 0 or more, not {value!r}.",
        )
    return value


def _thresholds(base: Thresholds, raw: dict[str, Any]) -> Thresholds:
    if not raw:
        return base
    horizons = raw.get("alert_horizons_days", list(base.alert_horizons_days))
    if not isinstance(horizons, list) or not all(isinstance(x, int) and x > 0 for x in horizons):
        raise ConfigError(
            "[thresholds] alert_horizons_days harus berupa daftar seperti [90, 60, 30, 7].",
            "[thresholds] alert_horizons_days must be a list such as [90, 60, 30, 7].",
        )
    lead = dict(base.lead_days_by_category)
    lead_raw = raw.get("lead_days_by_category", {})
    if not isinstance(lead_raw, dict):
        raise ConfigError(
            "[thresholds] lead_days_by_category harus berupa tabel.",
            "[thresholds] lead_days_by_category must be a table.",
        )
    for key in lead_raw:
        try:
            category = SupplierCategory(key)
        except ValueError as error:
            names = ", ".join(c.value for c in SupplierCategory)
            raise ConfigError(
                f"Kategori rekanan '{key}' tidak dikenal; pakai salah satu dari {names}.",
                f"Unknown supplier category '{key}'; use one of {names}.",
            ) from error
        lead[category] = _int(lead_raw, key, 0)
    return replace(
        base,
        alert_horizons_days=tuple(sorted(set(horizons), reverse=True)),
        lead_days_by_category=lead,
        handling_margin_hours=_decimal(raw, "handling_margin_hours", base.handling_margin_hours),
        penalty_cap_pct=_decimal(raw, "penalty_cap_pct", base.penalty_cap_pct),
        penalty_warning_share=_decimal(raw, "penalty_warning_share", base.penalty_warning_share),
        grace_days_max=_int(raw, "grace_days_max", base.grace_days_max),
        grace_warning_days=_int(raw, "grace_warning_days", base.grace_warning_days),
        blacklist_risk_warning=_int(raw, "blacklist_risk_warning", base.blacklist_risk_warning),
        blacklist_risk_critical=_int(raw, "blacklist_risk_critical", base.blacklist_risk_critical),
        sanction_ending_days=_int(raw, "sanction_ending_days", base.sanction_ending_days),
        coverage_horizon_days=_int(raw, "coverage_horizon_days", base.coverage_horizon_days),
    )
