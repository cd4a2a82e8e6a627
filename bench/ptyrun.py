"""Start a terminal program in a pseudo-terminal and time it until a text appears on screen.

This is how a person meets the app: a whole process (interpreter start, imports, database
open, first screen), not a function call. The child gets a 120x40 terminal; its output is
drained continuously (a child blocked on a full pty would stall the clock), escape
sequences are stripped, and the clock stops when ``marker`` shows. Memory comes from
``/proc/PID/status`` of the child: ``VmRSS`` now and ``VmHWM``, the peak resident size.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=!]*[ -/]*[@-~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[()][0-9A-Za-z]"  # charset
    rb"|\x1b[=>78MDEc]"
)


@dataclass(frozen=True, slots=True)
class PtyRun:
    """Seconds until the marker showed, and the child's memory then and after settling."""

    seconds: float
    rss_bytes: int
    peak_bytes: int
    settled_peak_bytes: int
    then_seconds: float | None = None
    """Seconds until the second marker (``then``) showed, when one was asked for and seen."""


class MarkerNotSeen(RuntimeError):
    """The program ended or timed out before showing the marker; carries its last output."""


def _proc_status(pid: int) -> dict[str, int]:
    values: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) * 1024
    except (OSError, ValueError):
        pass
    return values


def visible_text(raw: bytes) -> str:
    """The printable text of terminal output, escape sequences removed."""
    return _ESCAPES.sub(b"", raw).decode("utf-8", errors="replace")


def run_until(
    argv: Sequence[str],
    marker: str,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
    settle: float = 0.0,
    cols: int = 120,
    rows: int = 40,
    then: str | None = None,
) -> PtyRun:
    """Run ``argv`` in a pty; return when ``marker`` appears (after ``settle`` more seconds).

    With ``then``, a second text the program shows later (the last figure it fills in):
    ``settle`` counts from it instead, and waiting for it stops after ``timeout`` seconds.
    The child is ended with SIGTERM, then SIGKILL, in every case.
    """
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size its terminal, then become the program
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(argv[0], list(argv), env if env is not None else dict(os.environ))
        finally:
            os._exit(127)
    buffer = b""
    seen_at: float | None = None
    then_at: float | None = None
    at_marker: dict[str, int] = {}
    needle = marker.encode()
    later = then.encode() if then is not None else None
    try:
        while True:
            now = time.perf_counter()
            if seen_at is None and now - t0 > timeout:
                raise MarkerNotSeen(f"timed out after {timeout:.0f} s; screen: {_tail(buffer)}")
            waiting = later is not None and then_at is None and now - t0 <= timeout
            if seen_at is not None and not waiting and now - (then_at or seen_at) >= settle:
                break
            ready, _, _ = select.select([fd], [], [], 0.01)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    if seen_at is not None:
                        break
                    raise MarkerNotSeen(f"the program ended; screen: {_tail(buffer)}")
                buffer += chunk
                if seen_at is None and needle in _ESCAPES.sub(b"", buffer[-200_000:]):
                    seen_at = time.perf_counter()
                    at_marker = _proc_status(pid)
                if (
                    seen_at is not None
                    and later is not None
                    and then_at is None
                    and later in _ESCAPES.sub(b"", buffer[-200_000:])
                ):
                    then_at = time.perf_counter()
        settled = _proc_status(pid)
    finally:
        _stop(pid)
        os.close(fd)
    assert seen_at is not None
    return PtyRun(
        seconds=seen_at - t0,
        rss_bytes=at_marker.get("VmRSS", 0),
        peak_bytes=at_marker.get("VmHWM", 0),
        settled_peak_bytes=settled.get("VmHWM", at_marker.get("VmHWM", 0)),
        then_seconds=then_at - t0 if then_at is not None else None,
    )


def _tail(buffer: bytes) -> str:
    text = " ".join(visible_text(buffer[-20_000:]).split())
    return text[-400:] or "(nothing)"


def _stop(pid: int) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                return
            time.sleep(0.02)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
