"""``rekanan backup``, ``restore``, ``db`` and ``audit``: keeping a shared database safe.

``backup`` copies the database (SQLite online backup, or ``pg_dump``) and verifies the copy;
``restore`` verifies a backup, asks before replacing anything, and keeps a copy of what it
replaces; ``db`` shows or upgrades the schema revision and prints the PostgreSQL grants;
``audit`` prints the append-only audit log, filtered, as text or CSV. The work is done by
``rekanan.store.backup``, ``rekanan.store.database`` and ``rekanan.store.audit``; this
module only talks.
"""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from rekanan.cli.common import (
    CommandError,
    add_subcommand,
    output_file,
    parse_iso_date,
    pick,
    require_database,
)
from rekanan.config import Settings
from rekanan.domain.records import AuditRecord
from rekanan.io.export.csv_safe import csv_value
from rekanan.store.errors import ENTITY_LABELS

if TYPE_CHECKING:
    from rekanan.store.audit_text import Names

_LABELS: dict[str, tuple[str, str]] = {
    "backup_done": (
        "Cadangan tersimpan dan sudah diperiksa: {path} (skema {revision}, {size} bita).",
        "Backup written and verified: {path} (schema {revision}, {size} bytes).",
    ),
    "backup_exists": (
        "{path} sudah ada (mungkin cadangan sebelumnya). Pilih nama lain, atau tambahkan "
        "--overwrite untuk menggantinya.",
        "{path} already exists (perhaps an earlier backup). Choose another name, or add "
        "--overwrite to replace it.",
    ),
    "backup_ok": (
        "Cadangan {path} utuh (skema {revision}).",
        "Backup {path} is sound (schema {revision}).",
    ),
    "restore_ask": (
        "Isi {target} akan diganti dengan {path}. Lanjutkan? [y/N] ",
        "The contents of {target} will be replaced by {path}. Go on? [y/N] ",
    ),
    "restore_need_yes": (
        "Pemulihan mengganti seluruh isi {target}. Tambahkan --yes untuk memastikan.",
        "Restoring replaces everything in {target}. Add --yes to confirm.",
    ),
    "restore_cancelled": ("Pemulihan dibatalkan; tidak ada yang diubah.", "Restore cancelled."),
    "restore_done": (
        "Basis data {target} dipulihkan dari {path} (skema {revision}).",
        "Database {target} restored from {path} (schema {revision}).",
    ),
    "restore_kept": (
        "Salinan basis data sebelum pemulihan: {kept}",
        "Copy of the database before the restore: {kept}",
    ),
    "restore_migrate": (
        "Cadangan ini memakai skema lama; basis data akan diperbarui saat dibuka berikutnya.",
        "This backup has an older schema; the database is upgraded when next opened.",
    ),
    "read_only": (
        "Mode hanya-baca: perintah ini mengubah basis data. Jalankan tanpa --read-only.",
        "Read-only mode: this command changes the database. Run without --read-only.",
    ),
    "no_entries": ("Tidak ada catatan audit yang cocok.", "No matching audit entries."),
    "header": (
        "Waktu            Pengguna     Aksi    Data",
        "Time             User         Action  Record",
    ),
    "action.create": ("buat", "create"),
    "action.update": ("ubah", "update"),
    "action.delete": ("hapus", "delete"),
    "db_current": (
        "Basis data {target}: skema {revision} (terbaru: {head}).",
        "Database {target}: schema {revision} (newest: {head}).",
    ),
    "db_empty": ("kosong", "empty"),
    "db_behind": (
        "Jalankan `rekanan db upgrade` untuk memperbaruinya.",
        "Run `rekanan db upgrade` to bring it up to date.",
    ),
    "db_up_to_date": (
        "Basis data {target} sudah memakai skema terbaru ({revision}).",
        "Database {target} already has the newest schema ({revision}).",
    ),
    "db_upgraded": (
        "Basis data {target} diperbarui ke skema {revision}.",
        "Database {target} upgraded to schema {revision}.",
    ),
    "db_backup": ("Salinan sebelum pembaruan: {path}", "Copy before the upgrade: {path}"),
    "db_grants": (
        "PostgreSQL: jalankan lagi skrip peran agar tabel baru ikut diberi hak "
        "(`rekanan db roles-sql | sudo -u postgres psql -d NAMA_DB`).",
        "PostgreSQL: run the roles script again so new tables get their grants "
        "(`rekanan db roles-sql | sudo -u postgres psql -d DB_NAME`).",
    ),
    "more": (
        "(menampilkan {limit} catatan terbaru; pakai --limit 0 untuk semuanya)",
        "(showing the {limit} newest entries; use --limit 0 for all)",
    ),
}


def _l(language: str, key: str, **params: object) -> str:
    pair = _LABELS[key]
    text = pair[1] if language == "en" else pair[0]
    return text.format(**params) if params else text


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``backup``, ``restore`` and ``audit`` to the command line."""
    backup = add_subcommand(
        subparsers,
        "backup",
        "Copy the database to PATH and verify the copy (SQLite online backup, or pg_dump "
        "for PostgreSQL). With --check, only verify an existing backup.",
    )
    backup.add_argument("path", metavar="PATH", type=Path, help="the backup file to write")
    backup.add_argument(
        "--check", action="store_true", help="verify the backup at PATH instead of writing one"
    )
    backup.add_argument(
        "--overwrite", action="store_true", help="replace PATH when it already exists"
    )
    backup.set_defaults(func=run_backup)

    restore = add_subcommand(
        subparsers,
        "restore",
        "Replace the database with a verified backup (a copy of the current one is kept).",
    )
    restore.add_argument("path", metavar="PATH", type=Path, help="the backup file to restore")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(func=run_restore)

    db = add_subcommand(
        subparsers,
        "db",
        "The database schema: `db current` shows its revision, `db upgrade` migrates it "
        "(backing up a SQLite file first), `db roles-sql` prints the PostgreSQL grants.",
    )
    db.add_argument(
        "action", choices=("current", "upgrade", "roles-sql"), help="what to do (current)"
    )
    db.set_defaults(func=run_db)

    audit = add_subcommand(
        subparsers,
        "audit",
        "Show the audit log: who created, changed or deleted what, and when (newest first). "
        "--user U shows only U's changes.",
    )
    audit.add_argument(
        "--entity", metavar="E", help="only this kind of record, e.g. contract or kontrak"
    )
    audit.add_argument("--id", type=int, metavar="N", dest="entity_id", help="only record N")
    audit.add_argument(
        "--since", type=parse_iso_date, metavar="DATE", help="only changes on or after DATE"
    )
    audit.add_argument("--by", metavar="U", help="only changes by U (same as --user here)")
    audit.add_argument(
        "--format", choices=("text", "csv"), default="text", help="output format (text)"
    )
    audit.add_argument(
        "--limit", type=_limit, default=200, metavar="N", help="at most N entries (0 = all)"
    )
    audit.add_argument("--output", type=Path, metavar="FILE", help="write to FILE, not stdout")
    audit.set_defaults(func=run_audit)


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            pick(
                "'{text}' bukan bilangan bulat; tulis misalnya 50, atau 0 untuk semuanya.",
                "'{text}' is not a whole number; write for example 50, or 0 for all.",
                text=text,
            )
        ) from error
    if value < 0:
        raise argparse.ArgumentTypeError(
            pick(
                "batasnya tidak boleh negatif; pakai 0 untuk tanpa batas.",
                "the limit cannot be negative; use 0 for no limit.",
            )
        )
    return value


# ---------------------------------------------------------------------------- backup / restore


def run_backup(args: argparse.Namespace, settings: Settings) -> int:
    """Write and verify a backup (or with --check only verify one)."""
    from rekanan.store.backup import backup_database, verify_backup

    language = settings.language
    if args.check:
        info = verify_backup(args.path)
        print(_l(language, "backup_ok", path=info.path, revision=info.revision))
        return 0
    url = require_database(settings)
    output_file(args.path, language)
    if args.path.exists() and not args.overwrite:
        raise CommandError(_l(language, "backup_exists", path=args.path))
    info = backup_database(url, args.path)
    print(_l(language, "backup_done", path=info.path, revision=info.revision, size=info.size))
    return 0


def run_restore(args: argparse.Namespace, settings: Settings) -> int:
    """Verify the backup, confirm, restore; print where the replaced database was kept."""
    from rekanan.store.backup import restore_database, verify_backup
    from rekanan.store.database import describe_url

    language = settings.language
    if settings.read_only:
        raise CommandError(_l(language, "read_only"))
    info = verify_backup(args.path)
    target = describe_url(settings.database_url)
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError(_l(language, "restore_need_yes", target=target))
        answer = input(_l(language, "restore_ask", target=target, path=args.path))
        if answer.strip().lower() not in ("y", "ya", "yes"):
            print(_l(language, "restore_cancelled"))
            return 1
    kept = restore_database(args.path, settings.database_url)
    print(_l(language, "restore_done", target=target, path=args.path, revision=info.revision))
    if kept.path != info.path and kept.path.name != Path(target).name:
        print(_l(language, "restore_kept", kept=kept.path))
    if not info.up_to_date:
        print(_l(language, "restore_migrate"))
    return 0


# ---------------------------------------------------------------------------- db


ROLES_SQL = Path(__file__).resolve().parent.parent / "store" / "sql" / "postgres_roles.sql"
"""Grants for a shared PostgreSQL database (see docs/postgresql.md)."""


def run_db(args: argparse.Namespace, settings: Settings) -> int:
    """Show or upgrade the schema revision, or print the PostgreSQL roles script."""
    from rekanan.store.database import open_database, upgrade
    from rekanan.store.migrations import HEAD_REVISION

    language = settings.language
    if args.action == "roles-sql":
        sys.stdout.write(ROLES_SQL.read_text(encoding="utf-8"))
        return 0
    db = open_database(
        settings.database_url,
        user=settings.audit_user,
        read_only=settings.read_only and args.action == "current",
        migrate=False,
    )
    try:
        target = db.describe()
        revision = db.revision or _l(language, "db_empty")
        if args.action == "current":
            print(_l(language, "db_current", target=target, revision=revision, head=HEAD_REVISION))
            if not db.up_to_date:
                print(_l(language, "db_behind"))
                return 1
            return 0
        if settings.read_only:
            raise CommandError(_l(language, "read_only"))
        if db.up_to_date:
            print(_l(language, "db_up_to_date", target=target, revision=revision))
            return 0
        copy = upgrade(db)
        print(_l(language, "db_upgraded", target=target, revision=db.revision))
        if copy:
            print(_l(language, "db_backup", path=copy))
        if db.dialect == "postgresql":
            print(_l(language, "db_grants"))
        return 0
    finally:
        db.close()


# ---------------------------------------------------------------------------- audit


def run_audit(args: argparse.Namespace, settings: Settings) -> int:
    """Print the audit log, newest first, as text or CSV."""
    from rekanan.store.audit import audit_entries
    from rekanan.store.audit_text import session_names
    from rekanan.store.database import open_database

    language = settings.language
    entity = entity_name(args.entity, language) if args.entity else None
    who = args.by or getattr(args, "user", None)
    since = _start_of(args.since) if args.since else None
    if args.output:
        output_file(args.output, language)
    db = open_database(require_database(settings), user=settings.audit_user, read_only=True)
    try:
        entries = list(
            audit_entries(
                db,
                entity,
                since,
                args.limit + 1 if args.limit else None,
                entity_id=args.entity_id,
                user=who,
            )
        )
        more = bool(args.limit) and len(entries) > args.limit
        entries = entries[: args.limit] if args.limit else entries
        with db.session() as session:
            names = session_names(session, entries)
    finally:
        db.close()
    if args.format == "csv":
        text = audit_csv(entries, language, names)
    else:
        text = audit_text(entries, language, names)
        if more:
            text += _l(language, "more", limit=args.limit) + "\n"
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
        except OSError as error:
            raise CommandError(
                pick(
                    "{path} tidak dapat ditulis ({error}).",
                    "{path} cannot be written ({error}).",
                    language,
                    path=args.output,
                    error=error.strerror,
                )
            ) from error
    else:
        sys.stdout.write(text)
    return 0


AUDITED_KINDS = tuple(name for name in ENTITY_LABELS if name != "audit_log")
"""The kinds of record a person may ask the audit log about (the log itself is not one)."""


def entity_name(text: str, language: str = "id") -> str:
    """A table name from what a person typed: ``contract``, ``kontrak``, ``Kontrak``."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    if key in AUDITED_KINDS:
        return key
    for name in AUDITED_KINDS:
        if ENTITY_LABELS[name].lower().replace(" ", "_") == key:
            return name
    if language == "en":
        known = ", ".join(sorted(name.replace("_", " ") for name in AUDITED_KINDS))
    else:
        known = ", ".join(sorted(ENTITY_LABELS[name] for name in AUDITED_KINDS))
    raise CommandError(
        pick(
            "'{text}' bukan jenis data yang dicatat. Pakai salah satu dari: {known}.",
            "'{text}' is not a kind of record. Use one of: {known}.",
            language,
            text=text,
            known=known,
        )
    )


def _start_of(day: date) -> datetime:
    """Midnight at the start of ``day``, local time, as an aware datetime."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def audit_text(entries: Sequence[AuditRecord], language: str, names: Names | None = None) -> str:
    """One line per change that names the record, plus one indented line per field an update
    changed, with the form's labels and the values as the screens show them (G20). Control
    and direction characters are shown escaped, so a name cannot redraw the terminal."""
    from rekanan.store.audit_text import entry_headline

    if not entries:
        return _l(language, "no_entries") + "\n"
    lines = [_l(language, "header")]
    for entry in entries:
        at = entry.at.astimezone() if entry.at.tzinfo else entry.at
        action = _LABELS.get(f"action.{entry.action}")
        action_text = (action[1] if language == "en" else action[0]) if action else entry.action
        when = f"{at:%Y-%m-%d %H:%M}" if language == "en" else f"{at:%d/%m/%Y %H:%M}"
        lines.append(
            f"{when} {printable(entry.user, 12):<12} {action_text:<7} "
            f"{printable(entry_headline(entry, language, names), 160)}".rstrip()
        )
        if entry.action != "update":
            continue  # a create or delete lists every column: the CSV has them
        for field, before, after in changes(entry, language, names):
            lines.append(f"    {field}: {before} → {after}")
    return "\n".join(lines) + "\n"


def changes(
    entry: AuditRecord, language: str = "id", names: Names | None = None
) -> list[tuple[str, str, str]]:
    """(label, before, after) for each field the entry records, worded and shown safely."""
    from rekanan.store.audit_text import entry_changes

    return [
        (printable(change.label, 40), printable(change.before, 60), printable(change.after, 60))
        for change in entry_changes(entry, language, names)
    ]


def audit_csv(
    entries: Sequence[AuditRecord], language: str = "id", names: Names | None = None
) -> str:
    """The entries as CSV (formula-looking text neutralised), one row per entry.

    The columns a program reads stay raw (codes, ISO times, the stored JSON); the last two
    columns add what a person reads: the entry in words and its changes with labels.
    """
    import io

    from rekanan.store.audit_text import entry_changes, entry_headline

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "id",
            "at",
            "user",
            "action",
            "entity",
            "entity_id",
            "summary",
            "before",
            "after",
            "description",
            "changes",
        ]
    )
    for entry in entries:
        worded = "; ".join(
            f"{c.label}: {c.before} → {c.after}" for c in entry_changes(entry, language, names)
        )
        writer.writerow(
            [
                csv_value(entry.id),
                entry.at.isoformat(timespec="seconds"),
                csv_value(entry.user),
                csv_value(entry.action),
                csv_value(entry.entity),
                csv_value(entry.entity_id),
                csv_value(entry.summary),
                csv_value(entry.before_json),
                csv_value(entry.after_json),
                csv_value(entry_headline(entry, language, names)),
                csv_value(worded if entry.action == "update" else ""),
            ]
        )
    return buffer.getvalue()


def printable(text: str, width: int) -> str:
    """``text`` safe for a terminal: control and bidi-control characters escaped, cut to width."""
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}")
        else:
            out.append(char)
    shown = "".join(out)
    return shown if len(shown) <= width else shown[: max(width - 1, 0)] + "…"
