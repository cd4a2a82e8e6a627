"""What every subcommand shares: global options, settings, language, and error reporting.

Messages of the command line are pairs (Indonesian, English) picked by the language of the
run. argparse checks the arguments before the settings exist, so ``main`` sets the language
first (``--lang``, else the config file) and ``RekananParser`` turns argparse's own English
errors into one sentence in that language, with exit code 2 and no usage dump.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from rekanan.config import Settings, demo_database_path, load_settings
from rekanan.errors import RekananError


class CommandError(RekananError):
    """A command cannot go on; the message tells the person why and what to do."""


# ---------------------------------------------------------------------------- language

_LANGUAGE: list[str] = ["id"]
"""The language of this run's messages; set by ``main`` before the arguments are read."""


def set_language(language: str) -> None:
    """Use ``language`` (``id`` or ``en``) for the messages that follow."""
    _LANGUAGE[0] = "en" if language == "en" else "id"


def current_language() -> str:
    """The language of this run's messages (``id`` unless set to ``en``)."""
    return _LANGUAGE[0]


def pick(indonesian: str, english: str, language: str | None = None, **values: object) -> str:
    """One of the two texts, in ``language`` (default: the run's), with values filled in."""
    text = english if (language or current_language()) == "en" else indonesian
    return text.format(**values) if values else text


def language_of(argv: list[str]) -> str:
    """The language a run will use, read before argparse: ``--lang``, else the config file."""
    config: str | None = None
    for index, word in enumerate(argv):
        value = argv[index + 1] if index + 1 < len(argv) else ""
        if word.startswith("--lang="):
            value, word = word.split("=", 1)[1], "--lang"
        if word.startswith("--config="):
            value, word = word.split("=", 1)[1], "--config"
        if word == "--lang" and value in ("id", "en"):
            return value
        if word == "--config" and value:
            config = value
    try:
        settings, _problems = load_settings(Path(config) if config else None)
    except (OSError, ValueError):
        return "id"
    return settings.language


# ---------------------------------------------------------------------------- argparse errors

_CHOICE = r"invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)"
_ARGPARSE: tuple[tuple[str, str, str], ...] = (
    (
        r"the following arguments are required: (?P<names>.+)",
        "Argumen wajib belum diberikan: {names}.",
        "Required arguments are missing: {names}.",
    ),
    (
        r"unrecognized arguments: (?P<words>.+)",
        "Argumen tidak dikenal: {words}.",
        "Unknown arguments: {words}.",
    ),
    (
        _CHOICE,
        "{value} bukan pilihan yang ada; pilih salah satu dari {choices}.",
        "{value} is not one of the choices; choose one of {choices}.",
    ),
    (
        r"invalid int value: (?P<value>.+)",
        "{value} bukan bilangan bulat; tulis angka seperti 12.",
        "{value} is not a whole number; write digits such as 12.",
    ),
    (
        r"invalid (?P<type>\w+) value: (?P<value>.+)",
        "{value} bukan nilai yang benar.",
        "{value} is not a valid value.",
    ),
    (
        r"expected one argument",
        "perlu satu nilai sesudahnya.",
        "needs one value after it.",
    ),
    (
        r"expected at least one argument",
        "perlu paling sedikit satu nilai sesudahnya.",
        "needs at least one value after it.",
    ),
    (
        r"expected at most one argument",
        "menerima paling banyak satu nilai.",
        "takes at most one value.",
    ),
    (
        r"ignored explicit argument (?P<value>.+)",
        "tidak menerima nilai {value}.",
        "takes no value ({value}).",
    ),
    (
        r"not allowed with argument (?P<other>.+)",
        "tidak boleh dipakai bersama {other}.",
        "cannot be used together with {other}.",
    ),
    (
        r"one of the arguments (?P<names>.+) is required",
        "Salah satu dari {names} wajib diberikan.",
        "One of {names} is required.",
    ),
    (
        r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",
        "Opsi {option} bisa berarti {matches}; tulis lebih lengkap.",
        "The option {option} could mean {matches}; write more of it.",
    ),
)


def argparse_sentence(message: str, language: str | None = None) -> str:
    """argparse's English error as a sentence in ``language`` (our own texts pass through)."""
    found = re.fullmatch(r"argument (?P<name>[^:]+): (?P<rest>.+)", message, re.DOTALL)
    if found:
        name = found.group("name").split("/")[-1]
        choice = re.fullmatch(_CHOICE, found.group("rest"), re.DOTALL)
        if name in ("COMMAND", "REGISTER", "{report}") and choice:
            return pick(
                "Perintah {value} tidak dikenal; pilih salah satu dari {choices}.",
                "There is no command {value}; choose one of {choices}.",
                language,
                **choice.groupdict(),
            )
        inner = argparse_sentence(found.group("rest"), language)
        return f"{name}: {inner}"
    for pattern, indonesian, english in _ARGPARSE:
        matched = re.fullmatch(pattern, message, re.DOTALL)
        if matched:
            return pick(indonesian, english, language, **matched.groupdict())
    return message


class RekananParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one translated sentence and exit code 2."""

    def error(self, message: str) -> NoReturn:
        sentence = argparse_sentence(message)
        if not sentence.endswith((".", "?", "!")):
            sentence += "."
        hint = pick("Bantuan: `{prog} --help`.", "Help: `{prog} --help`.", prog=self.prog)
        self.exit(2, f"rekanan: {sentence} {hint}\n")


# ---------------------------------------------------------------------------- options


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """Options every command accepts (also after the subcommand name)."""
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        default=argparse.SUPPRESS,
        help="database: a SQLite file path or a postgresql:// URL (default: $REKANAN_DB, "
        "then the config file, then rekanan.db in the user data folder)",
    )
    parser.add_argument(
        "--config", metavar="PATH", default=argparse.SUPPRESS, help="config file (TOML)"
    )
    parser.add_argument(
        "--lang", choices=("id", "en"), default=argparse.SUPPRESS, help="language of the output"
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show everything, change nothing",
    )
    parser.add_argument("--user", default=argparse.SUPPRESS, help="name recorded in the audit log")


def settings_from(args: argparse.Namespace) -> tuple[Settings, list[str]]:
    """Settings from the config file, then the environment, then the command line."""
    config = getattr(args, "config", None)
    return load_settings(
        Path(config) if config else None,
        database=getattr(args, "db", None),
        language=getattr(args, "lang", None),
        read_only=True if getattr(args, "read_only", False) else None,
        user=getattr(args, "user", None),
    )


def report_problems(problems: list[str]) -> None:
    """Print config problems as warnings; the command goes on with defaults."""
    word = pick("peringatan", "warning")
    for problem in problems:
        print(f"rekanan: {word}: {problem}", file=sys.stderr)


def parse_iso_date(text: str) -> date:
    """argparse type for ``YYYY-MM-DD`` with a sentence on error."""
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            pick(
                "'{text}' bukan tanggal; tulis sebagai YYYY-MM-DD (tahun-bulan-hari), misalnya "
                "2026-03-07.",
                "'{text}' is not a date; write it as YYYY-MM-DD, for example 2026-03-07.",
                text=text,
            )
        ) from error


def parse_days(text: str) -> int:
    """argparse type for a number of days (0 or more) with a sentence on error."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            pick(
                "'{text}' bukan jumlah hari; tulis 0 atau lebih.",
                "'{text}' is not a number of days; write 0 or more.",
                text=text,
            )
        )
    return value


def add_subcommand(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse.ArgumentParser:
    """A subparser that also accepts the global options after its name."""
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    add_global_options(parser)
    return parser


# ---------------------------------------------------------------------------- database and files


def missing_database(path: Path, language: str) -> CommandError:
    """No SQLite file at ``path``: say where the demo is (if any) and how to open it."""
    demo = demo_database_path()
    if demo.exists() and demo.resolve() != path.resolve():
        return CommandError(
            pick(
                "Tidak ada basis data di {path}. Agensi demo ada di {demo}: pakai "
                "`--db {demo}` (atau atur REKANAN_DB={demo}) untuk memakainya di perintah "
                "ini, atau beri --db ke basis data Anda sendiri.",
                "There is no database at {path}. The demo agency is in {demo}: add "
                "`--db {demo}` (or set REKANAN_DB={demo}) to use it with this command, or "
                "give --db your own database.",
                language,
                path=path,
                demo=demo,
            )
        )
    return CommandError(
        pick(
            "Tidak ada basis data di {path}. Beri --db ke basis data Anda atau atur "
            "REKANAN_DB. Untuk mencoba dengan data contoh: `rekanan demo` membuat agensi demo "
            "di {demo}, lalu pakai `--db {demo}`.",
            "There is no database at {path}. Give --db your database or set REKANAN_DB. To "
            "try it with sample data: `rekanan demo` makes the demo agency in {demo}; then "
            "add `--db {demo}`.",
            language,
            path=path,
            demo=demo,
        )
    )


def require_database(settings: Settings) -> str:
    """The database URL of ``settings``; a SQLite file that does not exist is a sentence."""
    from rekanan.store.database import sqlite_path

    url = settings.database_url
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise missing_database(path, settings.language)
    return url


def output_file(path: Path, language: str) -> Path:
    """``path`` for writing a file; its folder must exist (a typo must not make folders)."""
    folder = path.expanduser().absolute().parent
    if not folder.is_dir():
        raise CommandError(
            pick(
                "Folder {folder} tidak ada, jadi {name} tidak ditulis. Periksa ejaan jalurnya, "
                "atau buat foldernya dulu.",
                "The folder {folder} does not exist, so {name} was not written. Check the "
                "path, or make the folder first.",
                language,
                folder=folder,
                name=path.name,
            )
        )
    return path


def output_folder(path: Path, language: str) -> bool:
    """``path`` as a folder to write into; True when it is new (the caller says it made it).

    Only the last folder may be new: its parent must exist, so a typo cannot make a tree.
    """
    folder = path.expanduser().absolute()
    if folder.is_dir():
        return False
    if folder.exists():
        raise CommandError(
            pick(
                "{folder} adalah berkas, bukan folder. Beri -o nama folder.",
                "{folder} is a file, not a folder. Give -o a folder name.",
                language,
                folder=folder,
            )
        )
    output_file(folder, language)
    return True


def folder_made(path: Path, language: str) -> str:
    """The line that says a folder was made for the output."""
    return pick("Folder {path} dibuat.", "Made the folder {path}.", language, path=path)


def document_settings(settings: Settings, database: Any = None) -> Settings:
    """``settings`` with the letterhead of the database's agency (the demo's for the demo).

    With no open ``database`` the configured one is opened read-only for the check; a
    database that cannot be opened keeps the configured letterhead (the command that needs
    the data says what is wrong).
    """
    from rekanan.store.seed_agency import agency_for

    if database is not None:
        return replace(settings, agency=agency_for(database, settings.agency))
    from rekanan.store.database import open_database, sqlite_path

    url = settings.database_url
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return settings
    try:
        opened = open_database(url, user=settings.audit_user, read_only=True)
    except RekananError:
        return settings
    try:
        return replace(settings, agency=agency_for(opened, settings.agency))
    finally:
        opened.close()


def app_settings(settings: Settings, database: Any) -> Settings:
    """Settings for the app on ``database``: its agency's letterhead, and as the user the
    name the audit log records when nobody configured one (PostgreSQL's session user)."""
    settings = document_settings(settings, database)
    if settings.user_from_os:
        settings = replace(settings, user=database.user)
    return settings
