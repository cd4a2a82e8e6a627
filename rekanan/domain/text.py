"""Every sentence the rules produce, in Indonesian and English, in one place.

``t(language, key, **params)`` looks a key up and fills in its ``{params}`` with
``str.format``; an unknown language falls back to Indonesian. Dates, money and percentages
are formatted by the caller with ``day``, ``money`` and ``pct`` so that the numbers follow the
language (Babel/CLDR). This catalog is the rules' own; the UI keeps a separate one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from rekanan.domain import formatting

_CATALOG: dict[str, tuple[str, str]] = {
    # --- rules (where each rule comes from) -------------------------------------------
    "rule.renewal_decision": (
        "ITIL Manajemen Pemasok: tender baru butuh waktu; putuskan sebelum "
        "akhir - pemberitahuan - waktu pengadaan",
        "ITIL Supplier Management: a new tender takes months; decide before "
        "end - notice - procurement lead time",
    ),
    "rule.notice_deadline": (
        "Klausul kontrak: perpanjangan otomatis kecuali pemberitahuan diberikan "
        "paling lambat akhir - masa pemberitahuan",
        "Contract clause: tacit renewal unless notice is given by end - notice period",
    ),
    "rule.notice_express": (
        "Klausul kontrak: perpanjangan eksplisit harus disepakati paling lambat "
        "akhir - masa pemberitahuan",
        "Contract clause: an express renewal must be agreed by end - notice period",
    ),
    "rule.contract_expiring": (
        "Siklus kontrak: kontrak berakhir pada tanggal akhirnya kecuali diperpanjang",
        "Contract lifecycle: a contract ends on its end date unless renewed",
    ),
    "rule.coverage": (
        "ITIL: layanan dengan SLA harus didukung kontrak pendukung (UC) selama masa SLA",
        "ITIL: a service with an SLA must be backed by underpinning contracts while the SLA runs",
    ),
    "rule.alignment": (
        "ITIL: target UC harus minimal setara target SLA (ketersediaan seri dikalikan, "
        "redundan 1-(1-a)(1-b); waktu pemasok + margin internal <= waktu SLA; SLA 24x7 "
        "butuh UC 24x7)",
        "ITIL: UC targets must be at least as strong as the SLA's (series availabilities "
        "multiply, redundant ones 1-(1-a)(1-b); supplier time + internal margin <= SLA time; "
        "a 24x7 SLA needs 24x7 UCs)",
    ),
    "rule.penalty": (
        "Perpres 16/2018 Pasal 79: denda 1‰ per hari kalender dari nilai sebelum PPN; "
        "batas denda menurut kontrak (umumnya 5 % atau jaminan pelaksanaan)",
        "Perpres 16/2018 Art. 79: penalty 1‰ per calendar day of the value before VAT; "
        "cap set by the contract (commonly 5 % or the performance bond)",
    ),
    "rule.grace": (
        "Perpres 16/2018 Pasal 56; SSUK LKPP 12/2021: pemberian kesempatan paling lama "
        "{max} hari kalender, denda tetap berjalan",
        "Perpres 16/2018 Art. 56; LKPP 12/2021 terms: a grace extension of at most "
        "{max} calendar days, with the penalty running",
    ),
    "rule.blacklist_risk": (
        "Perpres 16/2018 Pasal 78: tidak melaksanakan kontrak / tidak menyelesaikan "
        "pekerjaan -> daftar hitam 1 tahun",
        "Perpres 16/2018 Art. 78: not carrying out the contract / not finishing the work "
        "-> blacklist for 1 year",
    ),
    "rule.sanction": (
        "Perpres 16/2018 Pasal 78: penyedia dalam daftar hitam tidak boleh mendapat "
        "kontrak baru selama sanksi berlaku",
        "Perpres 16/2018 Art. 78: a blacklisted supplier must not be awarded new "
        "contracts while the sanction runs",
    ),
    "rule.data_quality": (
        "Kualitas data: tanpa data ini aturan tidak dapat menilai",
        "Data quality: without this the rules cannot judge",
    ),
    # --- contract dates ---------------------------------------------------------------
    "renewal.title": ("Keputusan perpanjangan: {title}", "Renewal decision: {title}"),
    "renewal.title_passed": (
        "Keputusan perpanjangan terlambat: {title}",
        "Renewal decision overdue: {title}",
    ),
    "renewal.reason_end": (
        "Kontrak {number} berakhir {end}; masa pemberitahuan {notice} hari.",
        "Contract {number} ends {end}; notice period {notice} days.",
    ),
    "renewal.reason_lead": (
        "Waktu pengadaan {lead} hari ({source}): keputusan paling lambat {decision}.",
        "Procurement lead time {lead} days ({source}): decide by {decision}.",
    ),
    "renewal.lead_contract": ("ditetapkan di kontrak", "set in the contract"),
    "renewal.lead_category": ("bawaan kategori {category}", "default of category {category}"),
    "renewal.reason_passed": (
        "Tanggal keputusan terlewati {days} hari; belum ada keputusan tinjauan tercatat.",
        "The decision date passed {days} days ago; no review decision is recorded.",
    ),
    "renewal.reason_max": (
        "Perpanjangan otomatis sudah maksimum ({max} kali): kontrak tidak diperpanjang lagi.",
        "Tacit renewals are at the maximum ({max}): the contract will not renew again.",
    ),
    "notice.title": (
        "Batas pemberitahuan (perpanjangan otomatis): {title}",
        "Notice deadline (tacit renewal): {title}",
    ),
    "notice.title_express": (
        "Batas kesepakatan perpanjangan: {title}",
        "Deadline to agree the renewal: {title}",
    ),
    "notice.title_passed": (
        "Batas pemberitahuan terlewati: {title}",
        "Notice deadline passed: {title}",
    ),
    "notice.reason_deadline": (
        "Kontrak {number} berakhir {end}; pemberitahuan {notice} hari sebelumnya: "
        "paling lambat {deadline}.",
        "Contract {number} ends {end}; notice {notice} days before: by {deadline}.",
    ),
    "notice.reason_holiday": (
        "{deadline} jatuh pada hari libur ({holiday}); kirim pemberitahuan paling lambat "
        "{working}.",
        "{deadline} falls on a day off ({holiday}); send the notice by {working}.",
    ),
    "notice.reason_renews": (
        "Tanpa pemberitahuan kontrak diperpanjang otomatis {months} bulan mulai {next}{left}.",
        "Without notice the contract renews by itself for {months} months from {next}{left}.",
    ),
    "notice.renewals_left": (
        " (sisa {left} kali perpanjangan)",
        " ({left} renewals left)",
    ),
    "notice.reason_rolled": (
        "Masa kontrak sudah bergulir {count} kali tanpa catatan perpanjangan.",
        "The term has already rolled over {count} times without a recorded renewal.",
    ),
    "notice.reason_express": (
        "Perpanjangan eksplisit: kontrak berakhir kecuali perpanjangan disepakati "
        "paling lambat {deadline}.",
        "Express renewal: the contract ends unless a renewal is agreed by {deadline}.",
    ),
    "expiring.title": ("Kontrak berakhir: {title}", "Contract ending: {title}"),
    "expiring.title_passed": (
        "Kontrak lewat tanggal akhir, status masih {status}: {title}",
        "Contract past its end date, status still {status}: {title}",
    ),
    "expiring.reason_end": (
        "Kontrak {number} berakhir {end} ({days} hari lagi).",
        "Contract {number} ends {end} ({days} days left).",
    ),
    "expiring.reason_passed": (
        "Kontrak {number} berakhir {end}, {days} hari lalu; perbarui status atau tanggalnya.",
        "Contract {number} ended {end}, {days} days ago; update its status or dates.",
    ),
    "expiring.reason_services": (
        "Mendukung layanan: {services}.",
        "Underpins services: {services}.",
    ),
    "expiring.reason_in_notice": (
        "Pemberitahuan sudah diberikan; kontrak berakhir pada tanggal akhirnya.",
        "Notice has been given; the contract ends on its end date.",
    ),
    # --- coverage ---------------------------------------------------------------------
    "coverage.unbacked_title": (
        "SLA tanpa UC berlaku: {service}",
        "SLA without a UC in force: {service}",
    ),
    "coverage.unbacked_reason": (
        "SLA {service} untuk {customer} berlaku {sla_from} s.d. {sla_until}, tetapi pada "
        "{as_of} tidak ada kontrak pendukung yang berlaku{component}.",
        "The SLA of {service} for {customer} runs {sla_from} to {sla_until}, but on "
        "{as_of} no underpinning contract is in force{component}.",
    ),
    "coverage.component": (" untuk komponen {component}", " for component {component}"),
    "coverage.last_uc": (
        "UC terakhir: {number} ({supplier}) berakhir {end}.",
        "Last UC: {number} ({supplier}) ended {end}.",
    ),
    "coverage.gap_title": (
        "Layanan tidak terdukung mulai {day}: {service}",
        "Service uncovered from {day}: {service}",
    ),
    "coverage.gap_reason": (
        "UC terakhir{component}, {number} ({supplier}), berakhir {end}; SLA untuk "
        "{customer} berlaku s.d. {sla_until}.",
        "The last UC{component}, {number} ({supplier}), ends {end}; the SLA for "
        "{customer} runs until {sla_until}.",
    ),
    "coverage.gap_successor": (
        "Tidak ada kontrak pengganti terdaftar: layanan tanpa dukungan mulai {day}.",
        "No successor contract is registered: the service is uncovered from {day}.",
    ),
    "coverage.open_ended": ("tanpa batas", "open-ended"),
    # --- alignment --------------------------------------------------------------------
    "align.availability_title": (
        "Ketersediaan UC di bawah SLA: {service}",
        "UC availability below the SLA: {service}",
    ),
    "align.availability_reason": (
        "SLA {service} untuk {customer}: {target}; UC gabungan menjanjikan {combined}; "
        "kurang {shortfall} poin.",
        "SLA of {service} for {customer}: {target}; the UCs together promise {combined}; "
        "short by {shortfall} points.",
    ),
    "align.component_series": (
        "Komponen {component}: {number} ({supplier}) {value}.",
        "Component {component}: {number} ({supplier}) {value}.",
    ),
    "align.component_redundant": (
        "Komponen {component} redundan: {parts} -> {value}.",
        "Redundant component {component}: {parts} -> {value}.",
    ),
    "align.weakest": (
        "UC terlemah: {number} ({supplier}) {value}.",
        "Weakest UC: {number} ({supplier}) {value}.",
    ),
    "align.time_title": (
        "Waktu {metric} UC melebihi SLA: {service}",
        "UC {metric} time exceeds the SLA: {service}",
    ),
    "align.time_reason": (
        "SLA {service} untuk {customer}: {metric} {target} jam; UC {number} ({supplier}) "
        "{uc} jam + margin internal {margin} jam = {total} jam; lebih {shortfall} jam.",
        "SLA of {service} for {customer}: {metric} {target} h; UC {number} ({supplier}) "
        "{uc} h + internal margin {margin} h = {total} h; over by {shortfall} h.",
    ),
    "align.metric.response": ("respons", "response"),
    "align.metric.resolution": ("penyelesaian", "resolution"),
    "align.many_title": (
        "UC tidak memenuhi {count} target SLA: {service}",
        "UC misses {count} SLA targets: {service}",
    ),
    "align.hours_title": (
        "SLA 24x7 bersandar pada UC jam kerja: {service}",
        "24x7 SLA rests on an office-hours UC: {service}",
    ),
    "align.hours_reason": (
        "SLA {service} untuk {customer} berlaku 24x7; UC {number} ({supplier}) hanya jam kerja.",
        "The SLA of {service} for {customer} is 24x7; UC {number} ({supplier}) works "
        "office hours only.",
    ),
    # --- penalties and grace ----------------------------------------------------------
    "penalty.title_near": (
        "Denda mendekati batas ({share}): {title}",
        "Penalty near the cap ({share}): {title}",
    ),
    "penalty.title_cap": (
        "Denda mencapai batas: {title}",
        "Penalty at the cap: {title}",
    ),
    "penalty.reason_total": (
        "Denda {number}: {total} dari batas {cap} ({share}).",
        "Penalty on {number}: {total} of the cap {cap} ({share}).",
    ),
    "penalty.reason_rate": (
        "{rate}‰ per hari kalender x {base} = {daily} per hari; {days} hari terlambat sejak {end}.",
        "{rate}‰ per calendar day x {base} = {daily} a day; {days} days late since {end}.",
    ),
    "penalty.reason_cap_bond": (
        "Batas = jaminan pelaksanaan {bond}.",
        "Cap = performance bond {bond}.",
    ),
    "penalty.reason_cap_pct": (
        "Batas = {pct} dari nilai kontrak {value}.",
        "Cap = {pct} of the contract value {value}.",
    ),
    "penalty.reason_cap_day": (
        "Batas tercapai pada {day} bila pekerjaan belum selesai.",
        "The cap is reached on {day} if the work is still unfinished.",
    ),
    "penalty.reason_at_cap": (
        "Batas tercapai: PPK dapat memutus kontrak dan mencairkan jaminan.",
        "The cap is reached: the PPK may terminate and cash the bond.",
    ),
    "grace.title": (
        "Masa pemberian kesempatan hampir habis: {title}",
        "Grace period nearly over: {title}",
    ),
    "grace.title_passed": (
        "Masa pemberian kesempatan habis: {title}",
        "Grace period over: {title}",
    ),
    "grace.reason_used": (
        "Kesempatan {used} dari {max} hari kalender diberikan; berakhir {end} ({days} hari lagi).",
        "{used} of {max} calendar days of grace granted; it ends {end} ({days} days left).",
    ),
    "grace.reason_passed": (
        "Kesempatan {used} dari {max} hari berakhir {end}, {days} hari lalu; pekerjaan "
        "belum selesai.",
        "{used} of {max} grace days ended {end}, {days} days ago; the work is unfinished.",
    ),
    "grace.reason_max": (
        "Batas {max} hari sudah terpakai: PPK dapat memutus kontrak.",
        "All {max} days are used: the PPK may terminate the contract.",
    ),
    # --- blacklist risk ---------------------------------------------------------------
    "risk.title": (
        "Risiko daftar hitam {score}/100: {supplier}",
        "Blacklist risk {score}/100: {supplier}",
    ),
    "risk.letter": (
        "{level} diterbitkan {day} untuk kontrak {number}; Perpres 16/2018 Pasal 78: "
        "tidak melaksanakan kontrak -> daftar hitam 1 tahun (+{points}).",
        "{level} issued {day} for contract {number}; Perpres 16/2018 Art. 78: not "
        "carrying out the contract -> blacklist for 1 year (+{points}).",
    ),
    "risk.penalty": (
        "Denda kontrak {number} {share} dari batas; Perpres 16/2018 Pasal 79: denda "
        "mencapai batas -> PPK dapat memutus kontrak (+{points}).",
        "Penalty on contract {number} at {share} of the cap; Perpres 16/2018 Art. 79: "
        "penalty at the cap -> the PPK may terminate (+{points}).",
    ),
    "risk.grace": (
        "Kesempatan {granted} dari {max} hari diberikan untuk kontrak {number} ({used} "
        "terpakai, sampai {end}); SSUK LKPP 12/2021: kesempatan habis -> PPK dapat memutus "
        "kontrak (+{points}).",
        "{granted} of {max} grace days granted on contract {number} ({used} used, until "
        "{end}); LKPP 12/2021 terms: grace used up -> the PPK may terminate (+{points}).",
    ),
    "risk.termination": (
        "Kontrak {number} diputus karena kesalahan penyedia pada {day}; Perpres 16/2018 "
        "Pasal 78: usulan daftar hitam 1 tahun (+{points}).",
        "Contract {number} terminated for the supplier's fault on {day}; Perpres 16/2018 "
        "Art. 78: blacklist proposal for 1 year (+{points}).",
    ),
    "risk.evaluations": (
        "{count} penilaian berturut-turut Cukup/Buruk (terakhir {last}: {category}); "
        "SIKaP: kinerja buruk -> dasar tidak menyelesaikan pekerjaan (+{points}).",
        "{count} consecutive Cukup/Buruk evaluations (latest {last}: {category}); SIKaP: "
        "poor performance -> grounds of not finishing the work (+{points}).",
    ),
    "risk.breaches": (
        "Pelanggaran SLA {count} bulan berturut-turut ({months}) pada UC {number}; "
        "kewajiban pemeliharaan tidak dipenuhi -> Perpres 16/2018 Pasal 78 (+{points}).",
        "SLA breaches {count} months in a row ({months}) on UC {number}; maintenance "
        "obligations not met -> Perpres 16/2018 Art. 78 (+{points}).",
    ),
    "risk.none": ("Tidak ada dasar risiko.", "No grounds of risk."),
    # --- sanctions --------------------------------------------------------------------
    "sanction.active_title": (
        "Penyedia dalam daftar hitam masih memegang kontrak: {supplier}",
        "Blacklisted supplier still holds a contract: {supplier}",
    ),
    "sanction.new_title": (
        "Kontrak baru untuk penyedia dalam daftar hitam: {supplier}",
        "New contract for a blacklisted supplier: {supplier}",
    ),
    "sanction.ending_title": (
        "Sanksi segera berakhir: {supplier}",
        "Sanction ending soon: {supplier}",
    ),
    "sanction.reason": (
        "Sanksi {kind} ({source}, SK {decree}) berlaku {start} s.d. {end}.",
        "Sanction {kind} ({source}, decree {decree}) runs {start} to {end}.",
    ),
    "sanction.reason_contract": (
        "Kontrak {number} ({status}) berlaku {start} s.d. {end}.",
        "Contract {number} ({status}) runs {start} to {end}.",
    ),
    "sanction.reason_new": (
        "Kontrak {number} ({status}) mulai {start}, selama sanksi berlaku.",
        "Contract {number} ({status}) starts {start}, while the sanction runs.",
    ),
    "sanction.reason_ending": (
        "Sanksi berakhir {end} ({days} hari lagi); setelah itu penyedia boleh ikut pengadaan lagi.",
        "The sanction ends {end} ({days} days left); the supplier may then bid again.",
    ),
    "sanction.open": ("tanpa batas", "open-ended"),
    # --- data quality -----------------------------------------------------------------
    "dq.no_end_title": (
        "Kontrak tanpa tanggal akhir: {number}",
        "Contract without end date: {number}",
    ),
    "dq.no_end_reason": (
        "Kontrak {number} ({title}) mulai {start} tanpa tanggal akhir: pengingat "
        "perpanjangan dan cakupan tidak dapat dihitung.",
        "Contract {number} ({title}) starts {start} with no end date: renewal and coverage "
        "reminders cannot be computed.",
    ),
    "dq.same_day_title": (
        "Tanggal akhir sama dengan tanggal mulai: {number}",
        "End date equals start date: {number}",
    ),
    "dq.same_day_reason": (
        "Kontrak {number} mulai dan berakhir {start}; data impor sering begini, periksa "
        "tanggal akhir sebenarnya.",
        "Contract {number} starts and ends on {start}; imported data often looks like this, "
        "check the real end date.",
    ),
    "dq.uc_targets_title": ("UC tanpa target: {number}", "UC without targets: {number}"),
    "dq.uc_targets_reason": (
        "Kontrak pendukung {number} tidak mencatat ketersediaan, waktu respons maupun "
        "waktu penyelesaian: keselarasan dengan SLA tidak dapat diperiksa.",
        "Underpinning contract {number} records no availability, response or resolution "
        "time: its alignment with the SLA cannot be checked.",
    ),
    "dq.sla_unmapped_title": (
        "SLA tanpa pemetaan UC: {service}",
        "SLA without UC mapping: {service}",
    ),
    "dq.sla_unmapped_reason": (
        "Layanan {service} punya SLA untuk {customer}, tetapi tidak ada kontrak pendukung "
        "yang dipetakan ke layanan ini.",
        "Service {service} has an SLA for {customer}, but no underpinning contract is "
        "mapped to it.",
    ),
    "dq.no_npwp_title": ("Penyedia tanpa NPWP: {supplier}", "Supplier without NPWP: {supplier}"),
    "dq.no_npwp_reason": (
        "Penyedia {supplier} tidak punya NPWP: tidak dapat dicocokkan dengan SPSE dan "
        "Daftar Hitam Nasional.",
        "Supplier {supplier} has no NPWP: it cannot be matched with SPSE and the national "
        "blacklist.",
    ),
    # --- scorecards ------------------------------------------------------------------
    "score.band_value": (
        "Nilai akhir N = {value} ({category}).",
        "Final value N = {value} ({category}).",
    ),
    "score.band_fault": (
        "Kontrak {number} diputus karena kesalahan penyedia: semua aspek bernilai 0.",
        "Contract {number} terminated for the supplier's fault: every aspect scores 0.",
    ),
    "score.band_letter": (
        "{level} diterbitkan {day} untuk kontrak {number}.",
        "{level} issued {day} for contract {number}.",
    ),
    "score.band_penalties": (
        "Denda keterlambatan dalam periode: {count}, jumlah {total}.",
        "Late-completion penalties in the period: {count}, {total} in total.",
    ),
    "score.band_cap": (
        "Denda kontrak {number} mencapai batas.",
        "The penalty on contract {number} reached its cap.",
    ),
    "score.band_sla": (
        "Insiden dalam target SLA: {value}.",
        "Incidents within SLA targets: {value}.",
    ),
    "score.band_availability": (
        "{count} UC di bawah target ketersediaannya.",
        "{count} UCs below their availability target.",
    ),
    "score.band_green": (
        "Tidak ada temuan yang merugikan dalam periode ini.",
        "No adverse findings in this period.",
    ),
    # --- snoozes ----------------------------------------------------------------------
    "snooze.reason": (
        "Ditunda s.d. {until}: {reason}",
        "Snoozed until {until}: {reason}",
    ),
    # --- contract statuses, as a person reads them (never the stored value) ------------
    "status.draf": ("draf", "draft"),
    "status.aktif": ("aktif", "active"),
    "status.masa_pemberitahuan": ("masa pemberitahuan", "in notice"),
    "status.diperpanjang": ("diperpanjang", "renewed"),
    "status.berakhir": ("berakhir", "expired"),
    "status.diputus": ("diputus", "terminated"),
    "sanction_kind.daftar_hitam_1_tahun": ("daftar hitam 1 tahun", "1-year blacklist"),
    "sanction_kind.daftar_hitam_2_tahun": ("daftar hitam 2 tahun", "2-year blacklist"),
    "sanction_kind.lainnya": ("sanksi lain", "other sanction"),
    "supplier_category.strategis": ("strategis", "strategic"),
    "supplier_category.taktis": ("taktis", "tactical"),
    "supplier_category.operasional": ("operasional", "operational"),
    "supplier_category.komoditas": ("komoditas", "commodity"),
    "sanction_source.lokal": ("lokal", "local"),
    "sanction_source.nasional": ("nasional", "national"),
}


def t(language: str, key: str, **params: object) -> str:
    """The sentence ``key`` in ``language`` (``id`` or ``en``), with ``params`` filled in."""
    pair = _CATALOG[key]
    text = pair[1] if language == "en" else pair[0]
    return text.format(**params) if params else text


def status_label(status: object, language: str) -> str:
    """A contract status in words (``masa pemberitahuan``), for use inside a sentence.

    Unknown values are shown as they are rather than failing an alert.
    """
    value = str(getattr(status, "value", status))
    key = f"status.{value}"
    return t(language, key) if key in _CATALOG else value


def enum_label(prefix: str, value: object, language: str) -> str:
    """A stored code in words (``daftar hitam 1 tahun``), for use inside a sentence;
    unknown values are shown as they are."""
    key = f"{prefix}.{getattr(value, 'value', value)}"
    return t(language, key) if key in _CATALOG else str(getattr(value, "value", value))


def keys() -> frozenset[str]:
    """All catalog keys (the tests check that every key has both languages)."""
    return frozenset(_CATALOG)


def both(key: str) -> tuple[str, str]:
    """The raw Indonesian and English text of ``key``."""
    return _CATALOG[key]


@lru_cache(maxsize=4096)
def day(value: date | None, language: str) -> str:
    """``7 Mar 2026`` (``-`` for none), cached because the rules format many dates."""
    return formatting.medium_date(value, language)


@lru_cache(maxsize=8192)
def money(value: Decimal | None, language: str) -> str:
    """Rupiah as staff read it."""
    return formatting.rupiah(value, language)


@lru_cache(maxsize=8192)
def pct(value: Decimal | None, language: str, digits: int = 3) -> str:
    """A percentage such as ``99,5 %``."""
    return formatting.percent(value, language, digits)


@lru_cache(maxsize=8192)
def num(value: Decimal | int | None, language: str, digits: int = 3) -> str:
    """A plain number such as ``0,6``."""
    return formatting.number(value, language, digits)


@lru_cache(maxsize=8192)
def hours(value: Decimal | None, language: str) -> str:
    """A number of hours such as ``4`` or ``0,5``."""
    return formatting.number(value, language, 2)
