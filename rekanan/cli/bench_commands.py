"""``rekanan bench-data``: generate a synthetic agency for benchmarks (wraps bench/make_data.py).

The generator lives in ``bench/`` of a source checkout, not in the installed package (it is
a development tool), so this command finds it next to the package and says so when it is
missing. It never writes to the person's own database: ``--db`` is required.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

from rekanan.cli.common import CommandError, add_subcommand, parse_iso_date
from rekanan.config import Settings

_MAKE_DATA = Path(__file__).resolve().parents[2] / "bench" / "make_data.py"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench-data`` to the command line."""
    parser = add_subcommand(
        subparsers,
        "bench-data",
        "Generate a synthetic agency for benchmarks: size S (demo), M, L or given counts.",
    )
    parser.add_argument("--size", choices=("S", "M", "L"), help="a preset size (issue 9)")
    parser.add_argument("--suppliers", type=int, help="number of suppliers")
    parser.add_argument("--contracts", type=int, help="number of contracts")
    parser.add_argument("--evaluations", type=int, help="number of evaluations")
    parser.add_argument("--incidents", type=int, help="number of incidents")
    parser.add_argument("--seed", type=int, default=None, help="random seed (same seed, same data)")
    parser.add_argument(
        "--as-of", type=parse_iso_date, default=None, help="the day the data is built around"
    )
    parser.add_argument("--replace", action="store_true", help="delete that database first")
    parser.set_defaults(func=run)


def _generator() -> ModuleType:
    """bench/make_data.py of this source checkout, loaded as a module."""
    if not _MAKE_DATA.exists():
        raise CommandError(
            "bench-data needs a source checkout of rekanan: bench/make_data.py was not found "
            f"at {_MAKE_DATA}. Clone the repository and run it from there."
        )
    spec = importlib.util.spec_from_file_location("rekanan_bench_make_data", _MAKE_DATA)
    if spec is None or spec.loader is None:
        raise CommandError(f"bench/make_data.py at {_MAKE_DATA} cannot be loaded.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Build the database given by ``--db``; print the row counts."""
    target = getattr(args, "db", None)
    if not target:
        raise CommandError(
            "Give --db PATH_OR_URL: bench-data writes a new synthetic database and never "
            "touches your own."
        )
    if args.size is None and not (args.suppliers and args.contracts):
        raise CommandError("Give --size S, M or L, or --suppliers N and --contracts M.")
    make_data = _generator()
    argv = ["--db", str(target)]
    for flag, value in (
        ("--size", args.size),
        ("--suppliers", args.suppliers),
        ("--contracts", args.contracts),
        ("--evaluations", args.evaluations),
        ("--incidents", args.incidents),
        ("--seed", args.seed),
        ("--as-of", args.as_of.isoformat() if isinstance(args.as_of, date) else None),
    ):
        if value is not None:
            argv += [flag, str(value)]
    if args.replace:
        argv.append("--replace")
    try:
        return int(make_data.main(argv))
    except SystemExit as stop:
        if isinstance(stop.code, str):
            raise CommandError(stop.code) from None
        return int(stop.code or 0)
