"""What every subcommand shares: global options, settings, and error reporting."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from rekanan.config import Settings, load_settings
from rekanan.errors import RekananError


class CommandError(RekananError):
    """A command cannot go on; the message tells the person why and what to do."""


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
    for problem in problems:
        print(f"rekanan: warning: {problem}", file=sys.stderr)


def parse_iso_date(text: str) -> date:
    """argparse type for ``YYYY-MM-DD`` with a sentence on error."""
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; write it as YYYY-MM-DD, for example 2026-03-07."
        ) from error


def add_subcommand(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_text: str
) -> argparse.ArgumentParser:
    """A subparser that also accepts the global options after its name."""
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    add_global_options(parser)
    return parser
