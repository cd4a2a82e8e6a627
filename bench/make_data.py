"""Generate a coherent synthetic agency of any size, reproducibly from a seed.

Run: ``.venv/bin/python bench/make_data.py --size M --db /tmp/m.db`` or with explicit
counts ``--suppliers 2000 --contracts 10000 --evaluations 100000 --incidents 100000``.
``--db`` takes a SQLite path or a SQLAlchemy URL (``postgresql://...``).

Sizes (issue 9): S is the demo agency (``rekanan.store.seed.load_demo``), M is 2 000
suppliers / 10 000 contracts / 200 000 evaluations and incidents, L is 20 000 / 100 000 /
1 000 000.

Why not through the store: the store's writer validates, versions and audits every row,
which is right for a person's edits and far too slow for a million synthetic rows that
nobody wrote. This generator creates the schema the normal way (``open_database``, which
runs the migrations) and then bulk-inserts plain tuples with SQLAlchemy Core
``insert()`` executemany in big batches inside ONE transaction, with explicit ids so that
foreign keys are known without reading anything back. Synthetic benchmark data needs no
per-row audit trail. Every random choice comes from one ``random.Random(seed)``, so one seed
gives the same database on SQLite and PostgreSQL.

What "coherent" means here: every NPWP is unique and passes the check digit
(``stdnum.id.npwp``); contracts have real date spans around the as-of date and statuses that
agree with them (drafts start later, expired ones ended, terminated ones have a termination
date); underpinning contracts back services that have SLAs; evaluations and incidents fall
inside their contract's span and before the as-of date; warning letters escalate SP1, SP2,
SP3 in order; penalties stay near or under the cap. A small share of records is deliberately
incomplete (no end date, end equal to start, no NPWP) as real imports are, so the
data-quality rules have work to do.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Table, create_engine, insert, text
from sqlalchemy.engine import Connection, Engine
from stdnum import luhn

DEFAULT_SEED = 20260
DEFAULT_AS_OF = date(2026, 11, 2)
"""A fixed as-of date keeps a seed's database identical whenever it is generated."""

BATCH = 20_000


@dataclass(frozen=True, slots=True)
class Size:
    """How many rows of each main kind a size has."""

    suppliers: int
    contracts: int
    evaluations: int
    incidents: int


SIZES: dict[str, Size] = {
    "M": Size(2_000, 10_000, 100_000, 100_000),
    "L": Size(20_000, 100_000, 500_000, 500_000),
}
"""S is the demo agency and has no counts: it is loaded by ``load_demo``."""


# --------------------------------------------------------------------------- vocabulary


def _words(text: str) -> tuple[str, ...]:
    """Split a long literal of words (easier to read and edit than a list of strings)."""
    return tuple(text.split())


WORDS = _words(
    "Maju Jaya Abadi Sentosa Mitra Data Nusantara Teknologi Karya Solusi Digital Prima "
    "Sinergi Cipta Global Media Informatika Utama Mandiri Sejahtera Kreasi Bangun Persada "
    "Indo Telematika Cahaya Bintang Samudra Jaringan Integrasi Sistem Andalan Harapan "
    "Gemilang Makmur Perkasa Lintas Artha Buana Citra Semesta"
)
FIRST_NAMES = _words(
    "Budi Siti Agus Dewi Andi Rina Hendra Wati Joko Ratna Eko Sri Bambang Yuni Dedi Nur "
    "Rizky Intan Fajar Lestari Ahmad Putri Irfan Ayu"
)
LAST_NAMES = _words(
    "Santoso Wijaya Saputra Lestari Hidayat Pratama Nugroho Kusuma Wibowo Siregar Nasution "
    "Harahap Setiawan Purnomo Hakim Rahman Gunawan Susanto"
)
CITIES = _words(
    "Semarang Surakarta Magelang Salatiga Pekalongan Tegal Kudus Jepara Purwokerto "
    "Yogyakarta Bandung Jakarta Surabaya Malang"
)
SERVICE_NAMES = (
    "LAPOR! SP4N",
    "Website Resmi Pemerintah Daerah",
    "e-Office",
    "e-Kinerja",
    "Intranet Pemerintah Daerah",
    "Command Center",
    "CCTV Kota",
    "Portal Satu Data",
    "Email Dinas",
    "Aplikasi Perizinan Online",
    "Sistem Informasi Kepegawaian",
    "Video Conference",
    "Pusat Data Daerah",
    "Layanan Aduan 112",
    "Aplikasi Keuangan Daerah",
    "Jaringan Wi-Fi Publik",
)
OPDS = (
    "Sekretariat Daerah",
    "Badan Kepegawaian Daerah",
    "Dinas Kesehatan",
    "Dinas Pendidikan",
    "BPKAD",
    "Bappeda",
    "Dinas Penanaman Modal dan PTSP",
    "Inspektorat",
    "Dinas Perhubungan",
    "Masyarakat Umum",
)
WORK = (
    ("Sewa", "Jaringan Internet"),
    ("Sewa", "Link Intranet"),
    ("Jasa", "Kolokasi Pusat Data"),
    ("Pemeliharaan", "Perangkat Jaringan"),
    ("Jasa", "Cloud Hosting"),
    ("Pengembangan", "Aplikasi"),
    ("Jasa", "Tenaga Ahli Programmer"),
    ("Jasa", "Tenaga Ahli Keamanan Informasi"),
    ("Pengadaan", "Perangkat Komputer"),
    ("Jasa", "Konsultansi Survei Kepuasan"),
    ("Pemeliharaan", "CCTV"),
    ("Belanja", "Langganan Listrik"),
)
COMPONENTS = ("internet", "intranet", "hosting", "pusat_data", "aplikasi", "perangkat")
PREFIXES = ("027", "602.1", "000.3", "510")
CONTRACT_TYPES = ("Lumsum", "Harga Satuan", "Gabungan Lumsum dan Harga Satuan", "Kontrak Payung")
SATKERS = (
    "DINAS KOMUNIKASI DAN INFORMATIKA",
    "DINAS KOMUNIKASI, INFORMATIKA DAN STATISTIK",
    "BIDANG APLIKASI INFORMATIKA",
    "BIDANG INFRASTRUKTUR TIK",
)
INCIDENT_TEXT = (
    "Link putus",
    "Latensi tinggi",
    "Aplikasi tidak dapat diakses",
    "Server mati",
    "Gangguan listrik",
    "Sertifikat SSL kedaluwarsa",
    "Kamera offline",
    "Basis data lambat",
)
STAMP = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
"""created_at/updated_at of every generated row: fixed, so a seed gives identical rows."""


# --------------------------------------------------------------------------- helpers


def npwp_for(type_code: int, serial: int, office: int, branch: int = 0) -> str:
    """The canonical 16-digit NPWP (``0`` + 15 digits) with a valid Luhn check digit."""
    head = f"{type_code:02d}{serial:06d}"
    return f"0{head}{luhn.calc_check_digit(head)}{office:03d}{branch:03d}"


def weighted(rnd: random.Random, pairs: Sequence[tuple[Any, int]]) -> Any:
    """Pick one value of ``(value, weight)`` pairs."""
    total = sum(w for _, w in pairs)
    pick = rnd.randrange(total)
    for value, w in pairs:
        if pick < w:
            return value
        pick -= w
    return pairs[-1][0]


def money(amount: int, cents: int = 0) -> Decimal:
    """Rupiah as an exact Decimal with two places."""
    return Decimal(amount) + Decimal(cents) / 100


@dataclass(slots=True)
class TableRows:
    """Rows of one table as tuples, with the column names they fill, in order."""

    table: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


@dataclass(slots=True)
class ContractFacts:
    """What later generators need to know about a contract, kept small."""

    id: int
    supplier_id: int
    start: date
    end: date | None
    value: Decimal
    status: str
    fault: bool


# --------------------------------------------------------------------------- generation


class Generator:
    """Builds every table's rows from one seed; the order of calls fixes the random stream."""

    def __init__(self, size: Size, seed: int, as_of: date) -> None:
        self.size = size
        self.rnd = random.Random(seed)
        self.as_of = as_of
        self.quality: list[float] = []
        self.categories: list[str] = []
        self.contracts: list[ContractFacts] = []
        self.uc_links: list[tuple[int, int]] = []  # (contract index, service id)
        self.services_24x7: set[int] = set()
        self.service_count = 0

    def _base(self) -> tuple[int, datetime, datetime]:
        return (1, STAMP, STAMP)

    def suppliers(self) -> TableRows:
        """Companies mostly, some individuals; unique valid NPWPs, ~2 % missing."""
        rnd = self.rnd
        n = self.size.suppliers
        serials = rnd.sample(range(1, 1_000_000), n) if n < 999_999 else list(range(1, n + 1))
        forms = (
            ("pt", 55),
            ("cv", 25),
            ("perorangan", 10),
            ("koperasi", 3),
            ("bumn", 3),
            ("bumd", 2),
            ("firma", 2),
        )
        cats = (("strategis", 3), ("taktis", 15), ("operasional", 50), ("komoditas", 32))
        from rekanan.domain.identifiers import name_key

        rows = []
        for i in range(n):
            sid = i + 1
            form = weighted(rnd, forms)
            if form == "perorangan":
                name = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
                type_code = rnd.choice((7, 8, 9))
            else:
                words = " ".join(rnd.sample(WORDS, 3))
                prefix = {"pt": "PT", "cv": "CV", "koperasi": "Koperasi", "firma": "Firma"}
                name = f"{prefix.get(form, 'PT')} {words}"
                if form == "bumn":
                    name += " (Persero) Tbk"
                type_code = rnd.choice((1, 2, 3))
            npwp = (
                None
                if rnd.random() < 0.02
                else npwp_for(type_code, serials[i] % 1_000_000, rnd.randrange(1, 1000))
            )
            nib = None if form == "perorangan" else f"{rnd.randrange(10**12, 10**13)}"
            category = weighted(rnd, cats)
            city = rnd.choice(CITIES)
            contact = f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}"
            self.categories.append(category)
            self.quality.append(rnd.triangular(1.0, 3.0, 2.4))
            rows.append(
                (
                    sid,
                    *self._base(),
                    name,
                    name_key(name),
                    npwp,
                    nib,
                    form,
                    category,
                    f"Jl. {rnd.choice(WORDS)} No. {rnd.randrange(1, 200)}, {city}",
                    contact,
                    f"info{sid}@{words_slug(name)}.co.id" if form != "perorangan" else "",
                    f"08{rnd.randrange(10**9, 10**10)}",
                    rnd.random() > 0.05,
                    "",
                )
            )
        return TableRows(
            "supplier",
            (
                "id",
                "version",
                "created_at",
                "updated_at",
                "name",
                "name_key",
                "npwp",
                "nib",
                "legal_form",
                "category",
                "address",
                "contact_person",
                "email",
                "phone",
                "active",
                "notes",
            ),
            rows,
        )

    def services(self) -> tuple[TableRows, TableRows]:
        """A catalogue scaled with the agency (a province runs more services), with SLAs."""
        rnd = self.rnd
        count = max(len(SERVICE_NAMES), self.size.suppliers // 50)
        self.service_count = count
        service_rows = []
        sla_rows = []
        sla_id = 0
        for i in range(count):
            sid = i + 1
            base = SERVICE_NAMES[i % len(SERVICE_NAMES)]
            name = base if i < len(SERVICE_NAMES) else f"{base} {OPDS[i % len(OPDS)]} {i}"
            crit = weighted(rnd, (("kritis", 15), ("tinggi", 30), ("sedang", 40), ("rendah", 15)))
            hours = "24x7" if crit in ("kritis", "tinggi") and rnd.random() < 0.7 else "jam_kerja"
            if hours == "24x7":
                self.services_24x7.add(sid)
            service_rows.append(
                (
                    sid,
                    *self._base(),
                    f"LYN-{sid:04d}",
                    name,
                    rnd.choice(("Bidang Aplikasi Informatika", "Bidang Infrastruktur TIK")),
                    crit,
                    hours,
                    "",
                )
            )
            if rnd.random() < 0.05:
                continue  # a service without an SLA: nothing to back
            for _ in range(rnd.choice((1, 1, 2))):
                sla_id += 1
                start = self.as_of - timedelta(days=rnd.randrange(0, 700))
                until = (
                    None
                    if rnd.random() < 0.3
                    else start + timedelta(days=365 * rnd.choice((1, 2, 3)) - 1)
                )
                sla_rows.append(
                    (
                        sla_id,
                        *self._base(),
                        sid,
                        rnd.choice(OPDS),
                        Decimal(rnd.choice(("98.000", "99.000", "99.500", "99.900"))),
                        Decimal(rnd.choice((1, 2, 4, 8))),
                        Decimal(rnd.choice((4, 8, 24, 48))),
                        hours,
                        start,
                        until,
                    )
                )
        return (
            TableRows(
                "service",
                (
                    "id",
                    "version",
                    "created_at",
                    "updated_at",
                    "code",
                    "name",
                    "owner_unit",
                    "criticality",
                    "service_hours",
                    "description",
                ),
                service_rows,
            ),
            TableRows(
                "sla",
                (
                    "id",
                    "version",
                    "created_at",
                    "updated_at",
                    "service_id",
                    "customer",
                    "availability_pct",
                    "response_hours",
                    "resolution_hours",
                    "service_hours",
                    "valid_from",
                    "valid_until",
                ),
                sla_rows,
            ),
        )

    def contracts_rows(self, service_count: int) -> tuple[TableRows, TableRows, TableRows]:
        """Contracts spread over four years before the as-of date and a little after it."""
        rnd = self.rnd
        as_of = self.as_of
        n_sup = self.size.suppliers
        weight_of = {"strategis": 12, "taktis": 5, "operasional": 2, "komoditas": 1}
        cum: list[int] = []
        total = 0
        for cat in self.categories:
            total += weight_of[cat]
            cum.append(total)
        owners = rnd.choices(range(1, n_sup + 1), cum_weights=cum, k=self.size.contracts)
        rows = []
        links = []
        link_id = 0
        graces = []
        for i in range(self.size.contracts):
            cid = i + 1
            supplier_id = owners[i]
            start = as_of - timedelta(days=rnd.randrange(-90, 4 * 365))
            months = rnd.choice((1, 3, 6, 6, 12, 12, 12, 12, 24, 36))
            end: date | None = start + timedelta(days=round(months * 30.4) - 1)
            quirk = rnd.random()
            if quirk < 0.01:
                end = None
            elif quirk < 0.02:
                end = start
            verb, thing = rnd.choice(WORK)
            satker = SATKERS[0] if rnd.random() < 0.8 else rnd.choice(SATKERS)
            is_uc = rnd.random() < 0.25
            value = money(rnd.randrange(5, 3_000) * 1_000_000 + rnd.randrange(0, 1000) * 1000)
            if rnd.random() < 0.1:
                value += Decimal(rnd.randrange(1, 100)) / 100
            status = "aktif"
            termination: date | None = None
            fault = False
            completed: date | None = None
            if start > as_of:
                status = "draf" if rnd.random() < 0.5 else "aktif"
            elif end is not None and end < as_of:
                status = "berakhir"
                completed = end
            elif end is not None and rnd.random() < 0.05:
                status = "masa_pemberitahuan"
            if status in ("aktif", "berakhir") and start < as_of and rnd.random() < 0.015:
                status = "diputus"
                span = max(1, ((end or as_of) - start).days)
                termination = min(as_of, start + timedelta(days=rnd.randrange(span)))
                fault = rnd.random() < 0.7
                completed = None
            renewal = "tidak"
            period = None
            max_ren = 0
            used = 0
            if is_uc or rnd.random() < 0.1:
                renewal = weighted(rnd, (("tidak", 40), ("otomatis", 30), ("eksplisit", 30)))
                if renewal != "tidak":
                    period = 12
                    max_ren = rnd.randrange(1, 4)
                    used = rnd.randrange(0, max_ren + 1)
            if status == "aktif" and used and rnd.random() < 0.3:
                status = "diperpanjang"
            bond = (
                (value * Decimal("0.05")).quantize(Decimal("0.01")) if value > 200_000_000 else None
            )
            avail = resp = resol = hours = None
            if is_uc:
                avail = Decimal(rnd.choice(("98.500", "99.000", "99.500", "99.900", "99.950")))
                resp = Decimal(rnd.choice((1, 2, 4, 8)))
                resol = Decimal(rnd.choice((4, 8, 12, 24, 72)))
                hours = "24x7" if rnd.random() < 0.6 else "jam_kerja"
                chosen = rnd.sample(
                    range(1, service_count + 1), min(service_count, rnd.choice((1, 1, 2, 3)))
                )
                for service_id in chosen:
                    link_id += 1
                    component = rnd.choice(COMPONENTS) if rnd.random() < 0.8 else None
                    links.append((link_id, *self._base(), cid, service_id, component))
                    self.uc_links.append((i, service_id))
            if status in ("berakhir", "aktif") and end is not None and rnd.random() < 0.01:
                graces.append(
                    (
                        len(graces) + 1,
                        *self._base(),
                        cid,
                        end - timedelta(days=rnd.randrange(0, 10)),
                        rnd.choice((10, 20, 30, 50)),
                        "Pemberian kesempatan karena keterlambatan pengiriman",
                    )
                )
            year = start.year
            rows.append(
                (
                    cid,
                    *self._base(),
                    f"{rnd.choice(PREFIXES)}/{cid:06d}/KTR/DISKOMINFO/{year}",
                    f"{verb} {thing} {rnd.choice(WORDS)} Tahun Anggaran {year}",
                    supplier_id,
                    is_uc,
                    value,
                    start,
                    end,
                    rnd.choice((14, 30, 30, 30, 60, 90)),
                    renewal,
                    period,
                    max_ren,
                    used,
                    rnd.choice((None, None, None, 45, 90, 180)),
                    bond,
                    Decimal("1"),
                    Decimal("5"),
                    f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}, S.Kom.",
                    satker,
                    rnd.choice(CONTRACT_TYPES),
                    status,
                    completed,
                    termination,
                    "Tidak melaksanakan kewajiban kontrak" if termination else "",
                    fault,
                    avail,
                    resp,
                    resol,
                    hours,
                    "manual",
                    None,
                    0,
                    "",
                )
            )
            self.contracts.append(ContractFacts(cid, supplier_id, start, end, value, status, fault))
        contract_cols = (
            "id",
            "version",
            "created_at",
            "updated_at",
            "number",
            "title",
            "supplier_id",
            "is_underpinning",
            "value",
            "start_date",
            "end_date",
            "notice_days",
            "renewal_kind",
            "renewal_period_months",
            "max_renewals",
            "renewals_used",
            "procurement_lead_days",
            "performance_bond",
            "penalty_rate_per_mille",
            "penalty_cap_pct",
            "ppk",
            "satker",
            "contract_type",
            "status",
            "completed_on",
            "termination_date",
            "termination_reason",
            "terminated_for_fault",
            "availability_pct",
            "response_hours",
            "resolution_hours",
            "service_hours",
            "source",
            "source_id",
            "addendum_version",
            "notes",
        )
        base = ("id", "version", "created_at", "updated_at")
        return (
            TableRows("contract", contract_cols, rows),
            TableRows("contract_service", (*base, "contract_id", "service_id", "component"), links),
            TableRows(
                "grace_extension", (*base, "contract_id", "granted_on", "days", "reason"), graces
            ),
        )

    def _span(self, c: ContractFacts) -> tuple[date, date] | None:
        """The part of a contract's life up to the as-of date, or None if it has not begun."""
        last = min(c.end or self.as_of, self.as_of)
        if c.start > last:
            return None
        return c.start, last

    def evaluations(self) -> TableRows:
        """Quarterly SIKaP evaluations inside contract spans; bad suppliers score low."""
        rnd = self.rnd
        started = [c for c in self.contracts if self._span(c) is not None]
        rows = []
        for i in range(self.size.evaluations):
            c = rnd.choice(started)
            first, last = self._span(c)  # type: ignore[misc]
            day = first + timedelta(days=rnd.randrange((last - first).days + 1))
            q_start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
            q_end = (
                date(day.year + 1, 1, 1)
                if q_start.month == 10
                else q_start.replace(month=q_start.month + 3)
            ) - timedelta(days=1)
            p_start = max(q_start, first)
            p_end = min(q_end, last)
            if c.fault:
                scores = (0, 0, 0, 0)
            else:
                mean = self.quality[c.supplier_id - 1]
                scores = tuple(min(3, max(1, round(rnd.gauss(mean, 0.5)))) for _ in range(4))
            rows.append(
                (
                    i + 1,
                    *self._base(),
                    c.supplier_id,
                    c.id,
                    p_start,
                    p_end,
                    *scores,
                    f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}",
                    min(self.as_of, p_end + timedelta(days=rnd.randrange(0, 21))),
                    "",
                )
            )
        return TableRows(
            "evaluation",
            (
                "id",
                "version",
                "created_at",
                "updated_at",
                "supplier_id",
                "contract_id",
                "period_start",
                "period_end",
                "quality",
                "cost",
                "timeliness",
                "service",
                "evaluator",
                "evaluated_on",
                "notes",
            ),
            rows,
        )

    def incidents(self, service_count: int) -> TableRows:
        """Incidents on services, blamed on a UC that backs the service where there is one."""
        rnd = self.rnd
        links = [
            (self.contracts[ci], sid)
            for ci, sid in self.uc_links
            if self._span(self.contracts[ci]) is not None
        ]
        window_start = self.as_of - timedelta(days=730)
        rows = []
        for i in range(self.size.incidents):
            if links and rnd.random() < 0.9:
                c, service_id = rnd.choice(links)
                first, last = self._span(c)  # type: ignore[misc]
                first = max(first, window_start)
                last = max(first, last)
                contract_id: int | None = c.id
            else:
                service_id = rnd.randrange(1, service_count + 1)
                first, last = window_start, self.as_of
                contract_id = None
            day = first + timedelta(days=rnd.randrange((last - first).days + 1))
            started = datetime(day.year, day.month, day.day) + timedelta(
                minutes=rnd.randrange(24 * 60)
            )
            responded = started + timedelta(minutes=rnd.randrange(5, 600))
            resolved: datetime | None = responded + timedelta(minutes=rnd.randrange(30, 72 * 60))
            if rnd.random() < 0.01:
                resolved = None
            rows.append(
                (
                    i + 1,
                    *self._base(),
                    service_id,
                    contract_id,
                    started,
                    responded,
                    resolved,
                    weighted(rnd, (("kritis", 5), ("tinggi", 20), ("sedang", 50), ("rendah", 25))),
                    rnd.random() < 0.7,
                    rnd.choice(INCIDENT_TEXT),
                )
            )
        return TableRows(
            "incident",
            (
                "id",
                "version",
                "created_at",
                "updated_at",
                "service_id",
                "contract_id",
                "started_at",
                "responded_at",
                "resolved_at",
                "severity",
                "causes_downtime",
                "description",
            ),
            rows,
        )

    def enforcement(self) -> tuple[TableRows, TableRows, TableRows]:
        """Warning letters escalating in order, penalties up to the cap, a few sanctions."""
        rnd = self.rnd
        letters = []
        penalties = []
        for c in self.contracts:
            span = self._span(c)
            if span is None:
                continue
            first, last = span
            if rnd.random() < 0.03 or c.fault:
                day = first + timedelta(days=rnd.randrange((last - first).days + 1))
                for level in ("SP1", "SP2", "SP3"):
                    if day > self.as_of:
                        break
                    letters.append(
                        (
                            len(letters) + 1,
                            *self._base(),
                            c.id,
                            level,
                            day,
                            f"{len(letters) + 1:05d}/{level}/DISKOMINFO/{day.year}",
                            "Keterlambatan penyelesaian pekerjaan",
                        )
                    )
                    if not c.fault and rnd.random() < 0.6:
                        break
                    day += timedelta(days=rnd.randrange(7, 31))
            if c.end is not None and rnd.random() < 0.02:
                cap = c.value * Decimal("0.05")
                total = Decimal(0)
                day = c.end
                for _ in range(rnd.randrange(1, 4)):
                    day_late = rnd.randrange(1, 30)
                    day += timedelta(days=day_late)
                    if day > self.as_of:
                        break
                    amount = (c.value * day_late / 1000).quantize(Decimal("0.01"))
                    amount = min(amount, cap - total)
                    if amount <= 0:
                        break
                    total += amount
                    penalties.append(
                        (
                            len(penalties) + 1,
                            *self._base(),
                            c.id,
                            day,
                            day_late,
                            c.value,
                            amount,
                            "",
                        )
                    )
        sanctions = []
        for sid in range(1, self.size.suppliers + 1):
            if rnd.random() >= 0.005:
                continue
            years = rnd.choice((1, 1, 2))
            start = self.as_of - timedelta(days=rnd.randrange(0, 800))
            sanctions.append(
                (
                    len(sanctions) + 1,
                    *self._base(),
                    sid,
                    f"daftar_hitam_{years}_tahun",
                    f"SK/{len(sanctions) + 1:04d}/PA/{start.year}",
                    start,
                    start + timedelta(days=365 * years - 1),
                    weighted(rnd, (("tayang", 80), ("penundaan", 10), ("pembatalan", 10))),
                    rnd.choice(("lokal", "nasional")),
                    "Tidak melaksanakan kontrak (Perpres 16/2018 Pasal 78)",
                )
            )
        base = ("id", "version", "created_at", "updated_at")
        return (
            TableRows(
                "warning_letter",
                (*base, "contract_id", "level", "issued_on", "letter_number", "reason"),
                letters,
            ),
            TableRows(
                "penalty",
                (*base, "contract_id", "imposed_on", "days_late", "base_amount", "amount", "notes"),
                penalties,
            ),
            TableRows(
                "sanction",
                (
                    *base,
                    "supplier_id",
                    "kind",
                    "decree_number",
                    "start_date",
                    "end_date",
                    "status",
                    "source",
                    "reason",
                ),
                sanctions,
            ),
        )

    def holidays(self) -> TableRows:
        """Two agency days off (the anniversary of the kabupaten and a local event)."""
        year = self.as_of.year
        rows = [
            (1, *self._base(), date(year, 3, 27), "Hari Jadi Kabupaten"),
            (2, *self._base(), date(year, 8, 20), "Kegiatan Daerah"),
        ]
        return TableRows(
            "agency_holiday", ("id", "version", "created_at", "updated_at", "day", "name"), rows
        )

    def all_tables(self) -> Iterable[TableRows]:
        """Every table in foreign-key order; generation is lazy per table to save memory."""
        yield self.suppliers()
        service, sla = self.services()
        yield service
        yield sla
        contracts, links, graces = self.contracts_rows(self.service_count)
        yield contracts
        yield links
        yield graces
        yield from self.enforcement()
        yield self.evaluations()
        yield self.incidents(self.service_count)
        yield self.holidays()


def words_slug(name: str) -> str:
    """A domain-like slug of a company name, for e-mail addresses."""
    parts = [p for p in name.lower().replace("(", " ").replace(")", " ").split() if p.isalpha()]
    return "".join(parts[1:3]) or "mail"


# --------------------------------------------------------------------------- writing


def create_schema(target: str) -> Engine:
    """Create the schema the way the app does (``open_database`` runs the migrations).

    Falls back to ``metadata.create_all`` while the store has no ``open_database``.
    """
    from rekanan.config import database_url

    url = database_url(target)
    try:
        from rekanan.store.database import open_database
    except ImportError:
        open_database = None
    if open_database is not None:
        db = open_database(target)
        engine: Engine = db.engine
        return engine
    from rekanan.models import metadata

    engine = create_engine(url)
    metadata.create_all(engine)
    return engine


def wipe(target: str) -> None:
    """Remove a previous database: delete the SQLite file, or drop every table in PostgreSQL."""
    from rekanan.config import database_url

    url = database_url(target)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    from rekanan.models import metadata

    engine = create_engine(url)
    # Only the app's own tables: the server may hold other people's databases and schemas.
    metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


def insert_rows(conn: Connection, table: Table, rows: TableRows) -> None:
    """Core executemany in batches; each batch is a list of dicts zipped from tuples."""
    cols = rows.columns
    stmt = insert(table)
    data = rows.rows
    for lo in range(0, len(data), BATCH):
        conn.execute(stmt, [dict(zip(cols, r, strict=True)) for r in data[lo : lo + BATCH]])


def generate(
    target: str, size: Size, seed: int, as_of: date, quiet: bool = False
) -> dict[str, int]:
    """Create the schema at ``target`` and fill it; return the row count of each table."""
    from rekanan.models import metadata

    engine = create_schema(target)
    gen = Generator(size, seed, as_of)
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        existing = conn.execute(text("SELECT COUNT(*) FROM supplier")).scalar_one()
        if existing:
            raise SystemExit(f"{target} already holds {existing} suppliers; use --replace.")
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        for rows in gen.all_tables():
            t0 = time.perf_counter()
            insert_rows(conn, metadata.tables[rows.table], rows)
            counts[rows.table] = len(rows.rows)
            if not quiet:
                took = time.perf_counter() - t0
                print(
                    f"  {rows.table:<16} {len(rows.rows):>9,} rows  {took:6.1f} s", file=sys.stderr
                )
            rows.rows.clear()
        if engine.dialect.name == "postgresql":
            for name in counts:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
                    )
                )
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise SystemExit(f"generated rows break foreign keys: {problems[:5]}")
    engine.dispose()
    return counts


def load_small(target: str, as_of: date) -> dict[str, int]:
    """Size S: the demo agency, through the store's own seeding."""
    from rekanan.store.database import open_database
    from rekanan.store.seed import load_demo

    db = open_database(target)
    load_demo(db, as_of)
    counts: dict[str, int] = {}
    from rekanan.models import metadata

    with db.engine.connect() as conn:
        for name in ("supplier", "contract", "evaluation", "incident"):
            if name in metadata.tables:
                counts[name] = conn.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar_one()
    return counts


def build(
    target: str,
    size_name: str | None,
    counts: Size | None,
    seed: int = DEFAULT_SEED,
    as_of: date = DEFAULT_AS_OF,
    replace: bool = False,
    quiet: bool = False,
) -> dict[str, int]:
    """Build one database: size S through the demo loader, anything else generated."""
    if replace:
        wipe(target)
    if size_name == "S":
        return load_small(target, as_of)
    size = counts or SIZES[size_name or "M"]
    return generate(target, size, seed, as_of, quiet)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite path or SQLAlchemy URL")
    parser.add_argument("--size", choices=("S", "M", "L"))
    parser.add_argument("--suppliers", type=int)
    parser.add_argument("--contracts", type=int)
    parser.add_argument("--evaluations", type=int)
    parser.add_argument("--incidents", type=int)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--as-of", type=date.fromisoformat, default=DEFAULT_AS_OF)
    parser.add_argument("--replace", action="store_true", help="delete the database first")
    args = parser.parse_args(argv)
    if args.size is None and not (args.suppliers and args.contracts):
        parser.error("give --size S|M|L or --suppliers N --contracts M")
    explicit = None
    if args.size != "S":
        preset = SIZES[args.size] if args.size else None
        suppliers = args.suppliers or (preset.suppliers if preset else 0)
        contracts = args.contracts or (preset.contracts if preset else 0)
        explicit = Size(
            suppliers,
            contracts,
            args.evaluations
            if args.evaluations is not None
            else (preset.evaluations if preset else contracts * 10),
            args.incidents
            if args.incidents is not None
            else (preset.incidents if preset else contracts * 10),
        )
    t0 = time.perf_counter()
    counts = build(args.db, args.size, explicit, args.seed, args.as_of, args.replace)
    total = sum(counts.values())
    print(f"{args.db}: {total:,} rows in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
