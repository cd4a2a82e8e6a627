"""Inside the import's one transaction: resolve references, compare, write, sync UC links."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text
from sqlmodel import Session, SQLModel

from rekanan.domain.identifiers import format_npwp, name_key, person_key
from rekanan.io.importing.bulk import insert_many, one_of
from rekanan.io.importing.changes import change, clearly_different, same_name
from rekanan.io.importing.planning import CHUNK, ImportOptions, Planned
from rekanan.io.importing.report import ImportReport, Outcome, RowResult
from rekanan.io.importing.spec import KindSpec, RowRejected, SupplierRef
from rekanan.io.importing.suppliers import missing_npwp_flag
from rekanan.models import Contract, ContractService, LegalForm, Service, Supplier
from rekanan.store.errors import ValidationFailed

if TYPE_CHECKING:
    from rekanan.store.writes import Writer


@dataclass(slots=True)
class _SupplierInfo:
    id: int | None
    name: str
    npwp: str | None
    key: str
    new: dict[str, Any] | None = None
    failed: str | None = None
    row: int | None = None
    """The row of this file that creates the supplier (None: already in the database)."""


@dataclass(slots=True)
class _Work:
    """A resolved row: what to do with it."""

    planned: Planned
    fields: dict[str, Any]
    result: RowResult
    existing: Any = None
    supplier: _SupplierInfo | None = None
    links: list[tuple[int, str | None]] | None = None
    row_id: int | None = None
    changes: list[str] | None = None


class Applier:
    """Everything that happens inside the one transaction of an import."""

    def __init__(
        self, writer: Writer, spec: KindSpec, report: ImportReport, options: ImportOptions
    ) -> None:
        self.w = writer
        self.s: Session = writer.session
        self.spec = spec
        self.report = report
        self.options = options
        self.by_npwp: dict[str, _SupplierInfo] = {}
        self.by_name: dict[str, list[_SupplierInfo]] = {}
        self.services: dict[str, int] = {}
        self.contracts: dict[str, tuple[int, int]] = {}
        self.by_person: dict[str, list[_SupplierInfo]] | None = None

    # -- loading -------------------------------------------------------------------

    def _lock(self) -> None:
        """Take the tables an import writes, so two imports run one after the other.

        SQLite's writer already holds the database's write lock (``BEGIN IMMEDIATE``). On
        PostgreSQL, ``SHARE ROW EXCLUSIVE`` lets people keep reading while a second import
        waits, then reads what the first committed: no duplicate suppliers, no lost rows.
        """
        if self.s.get_bind().dialect.name != "postgresql":
            return
        tables = {"supplier", "contract_service", str(self.spec.model.__tablename__)}
        names = ", ".join(f'"{t}"' for t in sorted(tables))
        self.s.execute(text(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE"))
        # psycopg prepares a statement run five times, and PostgreSQL then plans it once
        # for any array: a linear scan per row. Plan each lookup for its own values.
        self.s.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))

    def _load_suppliers(self, refs: Iterable[SupplierRef]) -> None:
        npwps = {r.npwp for r in refs if r.npwp}
        keys = {name_key(r.name) for r in refs if r.name}
        keys.discard("")
        model: Any = Supplier
        found: dict[int, _SupplierInfo] = {}
        for column, wanted in ((model.npwp, npwps), (model.name_key, keys)):
            for chunk in _chunks(sorted(wanted)):
                stmt = select(model.id, model.name, model.npwp, model.name_key).where(
                    one_of(self.s, column, chunk)
                )
                for sid, name, npwp, key in self.s.execute(stmt):
                    found.setdefault(sid, _SupplierInfo(sid, name, npwp, key or name_key(name)))
        for info in found.values():
            if info.npwp:
                self.by_npwp[info.npwp] = info
            self.by_name.setdefault(info.key, []).append(info)

    def _load_services(self) -> None:
        model: Any = Service
        self.services = {code: sid for sid, code in self.s.execute(select(model.id, model.code))}

    def _load_contracts(self, numbers: Iterable[str]) -> None:
        model: Any = Contract
        for chunk in _chunks(sorted(set(numbers))):
            stmt = select(model.id, model.number, model.supplier_id).where(
                one_of(self.s, model.number, chunk)
            )
            for cid, number, sid in self.s.execute(stmt):
                self.contracts[number] = (cid, sid)

    def _load_existing(self, works: Sequence[_Work]) -> dict[tuple[str, ...], dict[Any, Any]]:
        """Existing records by each natural key, loading only those the file can match."""
        model: Any = self.spec.model
        index: dict[tuple[str, ...], dict[Any, Any]] = {}
        loaded: dict[int, Any] = {}
        # plain rows of the columns the file can change, not ORM objects: a re-import of
        # 10 000 contracts compares them all, and builds objects only for changed rows
        columns = _columns(model)
        wanted_columns = {"id", *(n for key in self.spec.keys for n in key)}
        for work in works:
            wanted_columns.update(n for n in work.fields if n in columns)
        shown = [getattr(model, n) for n in sorted(wanted_columns)]
        for key in self.spec.keys:
            values = [_key_value(w.fields, key) for w in works]
            present = [k for k in values if k is not None]
            if not present:
                continue
            # query on the most selective column of the key, then match the whole key
            position = max(range(len(key)), key=lambda i: len({k[i] for k in present}))
            column = getattr(model, key[position])
            wanted = sorted({k[position] for k in present}, key=repr)
            # columns with one value in the whole file narrow the query (and use an index)
            fixed = [
                getattr(model, name) == present[0][i]
                for i, name in enumerate(key)
                if i != position and len({k[i] for k in present}) == 1
            ]
            for chunk in _chunks(wanted):
                stmt = select(*shown).where(one_of(self.s, column, chunk), *fixed)
                for found in self.s.execute(stmt):
                    loaded[found.id] = found
            table: dict[Any, Any] = {}
            for obj in loaded.values():
                k = _key_value({n: getattr(obj, n) for n in key}, key)
                if k is not None:
                    table.setdefault(k, obj)
            index[key] = table
        return index

    # -- resolving -----------------------------------------------------------------

    def _named(self, name: str) -> list[_SupplierInfo]:
        """Suppliers whose name is ``name`` folded: by ``name_key``, else without titles.

        The title-free key (``person_key``) finds "Rudi Hartono, S.Kom." for a sheet that
        writes "Rudi Hartono"; all suppliers are read once, only when a name is missed.
        """
        key = name_key(name)
        if not key:
            return []
        found = self.by_name.get(key, [])
        if found:
            return found
        if self.by_person is None:
            self.by_person = {}
            model: Any = Supplier
            stmt = select(model.id, model.name, model.npwp, model.name_key)
            loaded = [i for infos in self.by_name.values() for i in infos]
            known = {i.id: i for i in loaded if i.id is not None}
            for sid, stored, npwp, stored_key in self.s.execute(stmt):
                info = known.get(sid) or _SupplierInfo(
                    sid, stored, npwp, stored_key or name_key(stored)
                )
                self.by_person.setdefault(person_key(stored), []).append(info)
            for info in loaded:  # suppliers this file creates
                if info.id is None:
                    self.by_person.setdefault(person_key(info.name), []).append(info)
        return list(self.by_person.get(person_key(name), []))

    def _supplier(self, ref: SupplierRef, work: _Work) -> _SupplierInfo:
        """The supplier a row names: by NPWP, else by folded name (noted for confirmation).

        A row never creates a second supplier with the name of a known one that has
        another NPWP (a mistyped NPWP, most often): it is refused with a sentence.
        """
        key = name_key(ref.name)
        if ref.npwp:
            info = self.by_npwp.get(ref.npwp)
            if info is not None:
                work.result.supplier = self._described(info, work)
                if ref.name and clearly_different(info.name, ref.name):
                    work.result.flags.append(
                        f"NPWP {format_npwp(ref.npwp)} milik '{info.name}', nama di berkas "
                        f"'{ref.name}': periksa NPWP-nya (kontrak ini dikaitkan ke "
                        f"'{info.name}')."
                    )
                return info
            named = self._named(ref.name)
            no_npwp = [i for i in named if not i.npwp]
            if len(no_npwp) == 1 and no_npwp[0].id is not None:
                work.result.notes.append(
                    f"Rekanan dicocokkan menurut nama dengan '{no_npwp[0].name}' (tanpa NPWP "
                    f"di basis data; NPWP berkas {format_npwp(ref.npwp)}): mohon dipastikan."
                )
                return no_npwp[0]
            other = [i for i in named if i.npwp and i.npwp != ref.npwp]
            if other:
                raise RowRejected(ref.column, _same_name_other_npwp(ref, other[0]))
            return self._new_supplier(ref, key, work)
        candidates = self._named(ref.name)
        if len(candidates) > 1:
            names = ", ".join(f"'{c.name}'" for c in candidates[:3])
            raise RowRejected(
                ref.column,
                f"Ada {len(candidates)} rekanan dengan nama serupa ({names}); isi NPWP agar "
                "rekanannya jelas.",
            )
        if candidates:
            found = candidates[0]
            if found.npwp:
                work.result.notes.append(
                    f"Baris tanpa NPWP; dicocokkan menurut nama dengan '{found.name}' "
                    f"(NPWP {format_npwp(found.npwp)}): mohon dipastikan."
                )
            else:
                if found.new is None or found.name != ref.name:
                    work.result.notes.append(
                        f"Rekanan dicocokkan menurut nama dengan '{found.name}': mohon dipastikan."
                    )
                else:
                    work.result.supplier = self._described(found, work)
                work.result.flags.append(missing_npwp_flag(found.name))
            return found
        if not ref.name:
            raise RowRejected(ref.column, "Rekanan tanpa NPWP dan tanpa nama.")
        info = self._new_supplier(ref, key, work)
        work.result.flags.append(missing_npwp_flag(ref.name))
        return info

    def _new_supplier(self, ref: SupplierRef, key: str, work: _Work) -> _SupplierInfo:
        if not ref.name:
            raise RowRejected(
                ref.column,
                f"NPWP {format_npwp(ref.npwp)} belum dikenal dan baris ini tidak menyebut nama "
                "rekanannya; isi nama rekanan atau impor rekanan dulu.",
            )
        new = {"name": ref.name, "npwp": ref.npwp, "legal_form": ref.legal_form or LegalForm.PT}
        info = _SupplierInfo(None, ref.name, ref.npwp, key, new=new, row=work.planned.row)
        if ref.npwp:
            self.by_npwp[ref.npwp] = info
        if key:
            self.by_name.setdefault(key, []).append(info)
        how = "" if ref.npwp else " tanpa NPWP"
        work.result.notes.append(f"Rekanan baru '{ref.name}' dibuat{how}.")
        if key:
            pkey = person_key(ref.name)
            if self.by_person is not None:
                self.by_person.setdefault(pkey, []).append(info)
        return info

    def _described(self, info: _SupplierInfo, work: _Work) -> str:
        """The supplier a row is linked to, for its sentence: ``rekanan 'X' (dibuat di baris 2)``.

        Said only when nothing else about the supplier is (a match by name, a new supplier),
        so that every row has a sentence (the engine makes it, by the row's outcome).
        """
        if info.row is not None and info.row != work.planned.row:
            where = f" (dibuat di {self.report.row_label} {info.row})"
        elif info.row is None:
            where = " (sudah terdaftar)"
        else:
            where = ""
        return f"rekanan '{info.name}'{where}"

    def _resolve(self, work: _Work) -> None:
        plan = work.planned.plan
        fields = work.fields
        model = self.spec.model
        if plan.contract_number is not None:
            found = self.contracts.get(plan.contract_number)
            if found is None:
                raise RowRejected(
                    "nomor_kontrak",
                    f"Kontrak '{plan.contract_number}' belum ada; impor kontraknya dulu "
                    "(`rekanan import kontrak ...`).",
                )
            fields["contract_id"] = found[0]
            if "supplier_id" in _columns(model):
                fields["supplier_id"] = found[1]
        if plan.supplier is not None and plan.contract_number is not None:
            # the contract names the supplier; the row's NPWP, if any, must agree
            ref = plan.supplier
            known = self.by_npwp.get(ref.npwp) if ref.npwp else None
            if ref.npwp and (known is None or known.id != fields.get("supplier_id")):
                raise RowRejected(
                    ref.column,
                    f"NPWP {format_npwp(ref.npwp)} bukan NPWP rekanan kontrak "
                    f"'{plan.contract_number}'; periksa NPWP atau nomor kontraknya.",
                )
        elif plan.supplier is not None:
            info = self._supplier(plan.supplier, work)
            work.supplier = info
            fields["supplier_id"] = info.id
        if plan.service_code is not None:
            sid = self.services.get(plan.service_code)
            if sid is None:
                raise RowRejected(
                    "kode_layanan",
                    f"Layanan '{plan.service_code}' belum ada; impor layanannya dulu "
                    "(`rekanan import layanan ...`) atau periksa kodenya.",
                )
            fields["service_id"] = sid
        if plan.links is not None:
            unknown = [code for code, _ in plan.links if code not in self.services]
            if unknown:
                listed = ", ".join(f"'{code}'" for code in unknown)
                raise RowRejected(
                    "kode_layanan",
                    f"Layanan {listed} belum ada; impor layanannya dulu "
                    "(`rekanan import layanan ...`) atau periksa kodenya.",
                )
            links = [(self.services[code], component) for code, component in plan.links]
            work.links = links
            if links and not fields.get("is_underpinning", True):
                work.result.flags.append(
                    "Kontrak ini mendukung layanan tetapi kontrak_pendukung 'tidak'; periksa."
                )
        if model is Supplier:
            fields["name_key"] = name_key(str(fields.get("name", "")))

    # -- the whole file ------------------------------------------------------------

    def apply(self, planned: list[Planned]) -> None:
        """Resolve, compare and write every planned row."""
        spec = self.spec
        self._lock()
        required = _required_columns(spec.model)
        works = [
            _Work(
                p,
                {k: x for k, x in p.plan.fields.items() if x is not None or k not in required},
                RowResult(p.row, Outcome.NEW, key=p.plan.label),
            )
            for p in planned
        ]
        for work in works:
            work.result.flags.extend(work.planned.plan.flags)
            work.result.notes.extend(work.planned.plan.notes)
        refs = [w.planned.plan.supplier for w in works if w.planned.plan.supplier is not None]
        if spec.model is Supplier:
            refs += [
                SupplierRef(str(w.fields.get("name", "")), w.fields.get("npwp")) for w in works
            ]
        if refs:
            self._load_suppliers(refs)
        if any(w.planned.plan.service_code or w.planned.plan.links for w in works):
            self._load_services()
        numbers = [w.planned.plan.contract_number for w in works]
        self._load_contracts(n for n in numbers if n)
        live: list[_Work] = []
        for work in works:
            try:
                if spec.model is Supplier:
                    self._match_supplier_row(work)
                self._resolve(work)
            except RowRejected as why:
                self._reject(work, why.column, why.sentence)
                continue
            live.append(work)
        existing = self._load_existing(live)
        seen: dict[Any, int] = {}
        accepted: list[_Work] = []
        for work in live:
            found, claimed = self._find(work, existing)
            if claimed is not None:
                if claimed in seen:
                    self._reject(
                        work,
                        None,
                        f"Sama dengan {self.report.row_label} {seen[claimed]} "
                        f"({work.result.key}); yang pertama yang diambil. Hapus salah satunya "
                        "atau bedakan kuncinya.",
                    )
                    continue
                seen[claimed] = work.planned.row
            work.existing = found
            self._flag_if_empty(work)
            accepted.append(work)
        self._write(accepted)

    def _flag_if_empty(self, work: _Work) -> None:
        """Flags about a missing value, for the record as it will be (stored values kept)."""
        for name, flag in work.planned.plan.if_empty.items():
            if work.fields.get(name) not in (None, ""):
                continue
            stored = getattr(work.existing, name, None) if work.existing is not None else None
            if stored in (None, ""):
                work.result.flags.append(flag)

    def _match_supplier_row(self, work: _Work) -> None:
        """Kind ``rekanan``: the row *is* a supplier; find it by NPWP, else by name.

        An NPWP that belongs to a supplier of a clearly different name refuses the row: its
        other cells (address, contact) most likely describe that other company too, and
        would overwrite the stored ones. A known NPWP under a new name is not a rename.
        """
        fields = work.fields
        npwp = fields.get("npwp")
        name = str(fields.get("name", "") or "")
        if npwp and npwp in self.by_npwp:
            info = self.by_npwp[npwp]
            if clearly_different(info.name, name):
                raise RowRejected(
                    "nama",
                    f"NPWP {format_npwp(npwp)} milik '{info.name}', nama di berkas '{name}': "
                    "periksa NPWP-nya. Baris ini tidak diambil agar data "
                    f"'{info.name}' tidak tertimpa; bila rekanan itu berganti nama, ubah "
                    "namanya di aplikasi.",
                )
            return
        named = [i for i in self._named(name) if i.id is not None]
        if npwp:
            other = [i for i in named if i.npwp and i.npwp != npwp]
            if other:
                raise RowRejected("npwp", _same_name_other_npwp(SupplierRef(name, npwp), other[0]))
        same = [i for i in named if not (npwp and i.npwp)]
        if len(same) > 1:
            raise RowRejected(
                "nama",
                f"Ada {len(same)} rekanan bernama serupa di basis data; isi NPWP agar jelas.",
            )
        if same:
            work.result.notes.append(
                f"Dicocokkan menurut nama dengan rekanan '{same[0].name}': mohon dipastikan."
            )
            work.fields["_match_id"] = same[0].id

    def _find(
        self, work: _Work, existing: dict[tuple[str, ...], dict[Any, Any]]
    ) -> tuple[Any, Any]:
        """The existing record for a row, and the key this row claims within the file."""
        match_id = work.fields.pop("_match_id", None)
        claimed: tuple[Any, ...] | None = None
        found = None
        for key in self.spec.keys:
            value = _key_value(work.fields, key)
            if value is None:
                continue
            claimed = claimed or (key, value)
            hit = existing.get(key, {}).get(value)
            if hit is not None:
                found = hit
                claimed = (key, value)
                break
        if found is None and match_id is not None:
            found = self.s.get(self.spec.model, match_id)
            claimed = ("id", match_id)
        if found is not None:
            claimed = ("id", found.id)
        return found, claimed

    def _reject(self, work: _Work, column: str | None, sentence: str) -> None:
        """Refuse a row; its flags stay (a failing check digit is worth fixing too)."""
        work.result.outcome = Outcome.REJECTED
        work.result.column = column
        work.result.message = sentence
        self.report.rows.append(work.result)

    # -- writing -------------------------------------------------------------------

    def _write(self, works: list[_Work]) -> None:
        fresh = [w for w in works if w.existing is None]
        old = [w for w in works if w.existing is not None]
        self._create_suppliers(works)
        for work in works:
            info = work.supplier
            if info is not None and info.failed is not None:
                column = work.planned.plan.supplier.column if work.planned.plan.supplier else None
                work.result.outcome = Outcome.REJECTED
                work.result.column = column
                work.result.message = info.failed
            elif info is not None and "supplier_id" in _columns(self.spec.model):
                work.fields["supplier_id"] = info.id
        fresh = [w for w in fresh if w.result.outcome is not Outcome.REJECTED]
        old = [w for w in old if w.result.outcome is not Outcome.REJECTED]
        self._create(fresh)
        self._update(old)
        self._sync_links([w for w in works if w.result.outcome is not Outcome.REJECTED])
        for work in works:
            self.report.rows.append(work.result)

    def _create_suppliers(self, works: list[_Work]) -> None:
        """Create the suppliers first met in this file; a refused one rejects its rows."""
        infos: dict[int, _SupplierInfo] = {}
        for work in works:
            info = work.supplier
            if info is not None and info.new is not None and info.id is None:
                infos[id(info)] = info
        pending = list(infos.values())
        if not pending:
            return
        rows = [i.new or {} for i in pending]
        ids, refused = insert_many(self.s, self.w.user, Supplier, rows)
        for index, (info, new_id) in enumerate(zip(pending, ids, strict=True)):
            if new_id is None:
                why = refused.get(index)
                info.failed = f"Rekanan '{info.name}' tidak dapat dibuat: {why}"
                continue
            info.id = new_id
            self.report.new_suppliers.append(info.name)

    def _create(self, works: list[_Work]) -> None:
        model = self.spec.model
        columns = _columns(model)
        if self.options.progress:
            self.options.progress("tulis", 0, len(works))
        rows = [{k: x for k, x in w.fields.items() if k in columns} for w in works]
        ids, refused = insert_many(self.s, self.w.user, model, rows)
        for index, (work, new_id) in enumerate(zip(works, ids, strict=True)):
            if new_id is None:
                self._refused(work, refused[index])
                continue
            work.row_id = new_id
            work.result.outcome = Outcome.NEW

    def _refused(self, work: _Work, why: ValidationFailed) -> None:
        column = self.spec.field_columns.get(why.field or "", why.field)
        work.result.outcome = Outcome.REJECTED
        work.result.column = column
        work.result.message = str(why)

    def _update(self, works: list[_Work]) -> None:
        """Write what each row changes in its known record, with ``Writer.update_many``.

        The store checks and audits each row as ``Writer.update`` would (a refused row is
        rejected with its sentence, the others are written), a chunk at a time so the
        progress bar moves; each change is reported as old → new.
        """
        model = self.spec.model
        pending: list[tuple[_Work, dict[str, Any]]] = []
        for work in works:
            work.row_id = work.existing.id
            changes = self._changes(work)
            if changes:
                pending.append((work, changes))
            else:
                work.result.outcome = Outcome.UNCHANGED
        for start in range(0, len(pending), CHUNK):
            if self.options.progress:
                self.options.progress("perbarui", start, len(pending))
            chunk = pending[start : start + CHUNK]
            # the sentences first: the stored values are the ones before the update
            said = [self._change_sentences(work, changes) for work, changes in chunk]
            done = self.w.update_many(model, [(w.existing.id, c) for w, c in chunk])
            for index, (work, _) in enumerate(chunk):
                why = done.refused.get(index)
                if why is not None:
                    self._refused(work, why)
                    continue
                work.result.outcome = Outcome.UPDATED
                self._said(work, said[index])

    def _changes(self, work: _Work) -> dict[str, Any]:
        """What the row changes in its known record.

        An empty cell (and a default standing in for one) keeps the stored value, for
        every kind: a sheet without an address is not an order to erase it. A supplier's
        name written another way (case, punctuation, titles) keeps the stored spelling.
        """
        model = self.spec.model
        row = work.existing
        columns = _columns(model)
        defaulted = work.planned.plan.defaulted
        changes = {
            name: value
            for name, value in work.fields.items()
            if name in columns
            and name != "name_key"
            and value is not None
            and value != ""
            and name not in defaulted
            and not _same(getattr(row, name), value)
        }
        if model is Supplier and "name" in changes:
            if same_name(row.name, changes["name"]):
                del changes["name"]
            else:  # a longer or shorter spelling (a clearly other name never gets here)
                work.result.flags.append(
                    f"Nama rekanan diubah dari '{row.name}' menjadi '{changes['name']}'; "
                    "pastikan ini rekanan yang sama."
                )
        return changes

    def _change_sentences(self, work: _Work, changes: dict[str, Any]) -> list[str]:
        """Each change as ``column: old → new``, from the record as it was read."""
        row = work.existing
        return [
            change(
                self.spec.field_columns.get(n, n),
                self._readable(n, getattr(row, n)),
                self._readable(n, value),
                n,
            )
            for n, value in changes.items()
        ]

    def _readable(self, name: str, value: Any) -> Any:
        """A reference shown by what a person knows (a supplier's name, not its id)."""
        if name == "supplier_id" and value is not None:
            names = {i.id: i.name for i in self.by_npwp.values()}
            return names.get(value) or getattr(self.s.get(Supplier, value), "name", value)
        return value

    def _said(self, work: _Work, changes: list[str]) -> None:
        """Add changes to the row's sentence: ``Diubah: a: x → y; b: kosong → z.``."""
        work.changes = [*(work.changes or []), *changes]
        work.result.message = "Diubah: " + "; ".join(work.changes) + "."

    def _sync_links(self, works: list[_Work]) -> None:
        """The services a UC backs, as the row lists them; every change is reported.

        A row with services lists them all: links it leaves out are let go (named in the
        report, and flagged); a row without services keeps the links; an empty component
        keeps the stored one.
        """
        with_links = [w for w in works if w.links is not None and w.row_id is not None]
        if not with_links:
            return
        model: Any = ContractService
        codes = {sid: code for code, sid in self.services.items()}
        ids = [w.row_id for w in with_links]
        current: dict[int, dict[int, Any]] = {}
        for chunk in _chunks(ids):
            stmt = select(model).where(one_of(self.s, model.contract_id, chunk))
            for link in self.s.execute(stmt).scalars():
                current.setdefault(link.contract_id, {})[link.service_id] = link
        new_links: list[dict[str, Any]] = []
        owners: list[_Work] = []
        for work in with_links:
            cid = int(work.row_id or 0)
            have = current.get(cid, {})
            wanted = dict(work.links or [])
            said: list[str] = []
            added = [sid for sid in wanted if sid not in have]
            for sid in added:
                new_links.append({"contract_id": cid, "service_id": sid, "component": wanted[sid]})
                owners.append(work)
            for sid, component in wanted.items():
                link = have.get(sid)
                if link is None or component is None or (link.component or None) == component:
                    continue
                before = link.component
                self.w.update(ContractService, link.id, {"component": component})
                said.append(change(f"komponen {codes.get(sid, sid)}", before, component))
            dropped = [sid for sid in have if sid not in wanted]
            for sid in dropped:
                self.w.delete(ContractService, have[sid].id)
            if added and have:
                said.insert(0, "layanan ditambah: " + ", ".join(codes.get(i, "?") for i in added))
            if dropped:
                names = ", ".join(codes.get(i, "?") for i in dropped)
                said.insert(0, f"layanan dilepas: {names}")
                work.result.flags.append(
                    f"Layanan dilepas dari kontrak ini: {names}; periksa bahwa layanan itu "
                    "masih didukung kontrak lain."
                )
            if not said:
                continue
            if work.result.outcome is Outcome.UNCHANGED:
                work.result.outcome = Outcome.UPDATED
            self._said(work, said)
        if new_links:
            _, refused = insert_many(self.s, self.w.user, ContractService, new_links)
            for index, why in refused.items():
                owners[index].result.flags.append(f"Layanan yang didukung tidak disimpan: {why}")


# --------------------------------------------------------------------------- helpers


def _same_name_other_npwp(ref: SupplierRef, known: _SupplierInfo) -> str:
    """Why a row is refused rather than creating a second supplier with a known name."""
    return (
        f"Nama '{ref.name}' sama dengan rekanan yang sudah ada '{known.name}' (NPWP "
        f"{format_npwp(known.npwp)}), tetapi NPWP di berkas {format_npwp(ref.npwp)} berbeda: "
        "periksa NPWP-nya. Baris ini tidak diambil agar tidak ada dua rekanan bernama sama."
    )


@cache
def _columns(model: type[SQLModel]) -> frozenset[str]:
    return frozenset(c.name for c in model.__table__.columns)  # type: ignore[attr-defined]


@cache
def _required_columns(model: type[SQLModel]) -> frozenset[str]:
    """Columns that cannot be empty: an empty cell there means "the default", not "clear"."""
    table = model.__table__  # type: ignore[attr-defined]
    return frozenset(c.name for c in table.columns if not c.nullable)


def _key_value(fields: dict[str, Any], key: tuple[str, ...]) -> tuple[Any, ...] | None:
    values = []
    for name in key:
        value = fields.get(name)
        if value is None or value == "":
            return None
        values.append(_comparable(value))
    return tuple(values)


def _comparable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.normalize()
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return value
    return value


def _same(current: Any, new: Any) -> bool:
    """Whether a stored value equals what the file says (Decimal by value, '' like None)."""
    if current in (None, "") and new in (None, ""):
        return True
    if isinstance(current, Decimal) or isinstance(new, Decimal):
        try:
            return current is not None and new is not None and Decimal(current) == Decimal(new)
        except (ArithmeticError, ValueError, TypeError):
            return False
    if isinstance(current, datetime) and isinstance(new, datetime):
        return current.replace(tzinfo=None) == new.replace(tzinfo=None)
    return bool(current == new)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
