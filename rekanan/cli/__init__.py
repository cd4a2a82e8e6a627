"""The ``rekanan`` command: opens the app, or runs a subcommand headless.

Each subcommand lives in its own module under ``rekanan.cli`` and exposes
``register(subparsers)``; the module list below is the only place that names them all.
Textual is imported only when the app is opened, so headless commands start fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from rekanan import __version__
from rekanan.cli.common import (
    CommandError,
    RekananParser,
    add_global_options,
    language_of,
    pick,
    report_problems,
    set_language,
    settings_from,
)
from rekanan.errors import RekananError

SUBCOMMAND_MODULES: tuple[str, ...] = (
    # one line per module; each module defines register(subparsers)
    "rekanan.cli.bench_commands",
    "rekanan.cli.alerts_commands",
    "rekanan.cli.export_commands",
    "rekanan.cli.team_commands",
    "rekanan.cli.app_commands",
    "rekanan.cli.import_commands",
    "rekanan.cli.seed_commands",
    "rekanan.cli.review_commands",
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, with every subcommand registered."""
    parser = RekananParser(
        prog="rekanan",
        description="Supplier and contract management for a Dinkominfo, in the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"rekanan {__version__}")
    add_global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in SUBCOMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code.

    Wrong arguments end in ``SystemExit(2)`` (argparse's way) after one sentence.
    """
    words = list(argv if argv is not None else sys.argv[1:])
    set_language(language_of(words))
    if any("\x00" in word for word in words):
        # No shell can pass one, but a script calling main() can; no path or value holds it.
        print(
            "rekanan: "
            + pick(
                "sebuah argumen berisi karakter NUL; tulis ulang perintahnya tanpa karakter itu.",
                "an argument contains a NUL character; write the command again without it.",
            ),
            file=sys.stderr,
        )
        return 2
    parser = build_parser()
    args = parser.parse_args(words)
    if not getattr(args, "func", None):
        args = parser.parse_args([*words, "open"])
    try:
        settings, problems = settings_from(args)
        set_language(settings.language)
        report_problems(problems)
        return int(args.func(args, settings) or 0)
    except (CommandError, RekananError) as error:
        print(f"rekanan: {error}", file=sys.stderr)
        return getattr(error, "exit_code", 2)
    except KeyboardInterrupt:
        print(f"rekanan: {pick('dihentikan.', 'stopped.')}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (``| head``) went away: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
