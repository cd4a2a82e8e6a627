"""Profile one benchmark with pyinstrument, to find why a target is missed.

Run: ``.venv/bin/python bench/profile.py alerts|scorecards|load|startup [--size L]``.
pyinstrument is a development tool, not a test dependency: ``.venv/bin/pip install
pyinstrument``. ``startup`` profiles the imports the app pays before its first screen; for the whole
process in a terminal use ``py-spy record -o out.svg -- .venv/bin/python -m rekanan --db X``
(or ``python -X importtime -m rekanan``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

import make_data  # noqa: E402
from run import AS_OF, agency_loader, dataset  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("alerts", "scorecards", "load", "startup"))
    parser.add_argument("--size", choices=("S", "M", "L"), default="L")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--interval", type=float, default=0.001)
    args = parser.parse_args()
    from pyinstrument import Profiler

    db, _ = dataset(args.size, make_data.DEFAULT_SEED, args.db, rebuild=False)
    profiler = Profiler(interval=args.interval)
    if args.what == "startup":
        profiler.start()
        import rekanan.app
        import rekanan.cli  # noqa: F401

        profiler.stop()
        print(profiler.output_text(unicode=True, color=False))
        return 0
    how, load = agency_loader(db)
    print(f"data from {how}", file=sys.stderr)
    if args.what == "load":
        profiler.start()
        load()
        profiler.stop()
    else:
        data = load()
        if args.what == "alerts":
            from rekanan.domain.alerts import compute_alerts

            profiler.start()
            compute_alerts(data, AS_OF)
            profiler.stop()
        else:
            from run import QUARTER_TEXT, _scorecard_callable

            from rekanan.domain.periods import parse_period

            _, every = _scorecard_callable()
            period = parse_period(QUARTER_TEXT)
            profiler.start()
            every(data, period)
            profiler.stop()
    print(profiler.output_text(unicode=True, color=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
