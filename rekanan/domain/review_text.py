"""The sentences of the contract review rules, in Indonesian and English.

Kept apart from ``rekanan.domain.text`` (the alert rules' catalog) so the review can grow
its wording without touching the alerts. ``rt(language, key, **params)`` works like ``t``.
"""

from __future__ import annotations

_CATALOG: dict[str, tuple[str, str]] = {
    # --- scopes -----------------------------------------------------------------------
    "scope.due": (
        "Keputusan perpanjangan atau batas pemberitahuan dalam {days} hari, belum diputuskan",
        "Renewal decision or notice deadline within {days} days, not yet decided",
    ),
    "scope.risk": (
        "Kontrak rekanan berisiko daftar hitam",
        "Contracts of suppliers at blacklist risk",
    ),
    "scope.sla_gaps": (
        "Kontrak dengan celah SLA terbuka",
        "Contracts with open SLA gaps",
    ),
    "scope.category": (
        "Tinjauan berkala rekanan kategori {category}",
        "Periodic review of {category} suppliers",
    ),
    "scope.picked": ("{count} kontrak pilihan", "{count} hand-picked contracts"),
    # --- how the queue of a scope is ordered (G23) -------------------------------------
    "order.due": (
        "Urutan: tanggal keputusan atau batas pemberitahuan terdekat dulu; "
        "yang sudah lewat paling atas",
        "Order: soonest decision or notice date first; overdue ones at the top",
    ),
    "order.category": (
        "Urutan: yang belum pernah ditinjau dulu, lalu yang paling lama tidak ditinjau",
        "Order: never reviewed first, then the longest since the last review",
    ),
    "order.urgency": (
        "Urutan: yang terlambat dulu, lalu peringatan terberat, lalu tanggal terdekat",
        "Order: overdue first, then the most severe alert, then the soonest date",
    ),
    # --- why a contract is in the queue -----------------------------------------------
    "why.decision": (
        "Keputusan perpanjangan jatuh {day} ({left})",
        "Renewal decision due {day} ({left})",
    ),
    "why.notice": (
        "Batas pemberitahuan {day} ({left})",
        "Notice deadline {day} ({left})",
    ),
    "why.risk": (
        "Risiko daftar hitam rekanan {score}/100",
        "Supplier blacklist risk {score}/100",
    ),
    "why.gap": ("{title}", "{title}"),
    "why.breach": (
        "UC melanggar target: ketersediaan {achieved} dari target {target}, {breaches} pelanggaran",
        "UC missed targets: availability {achieved} against {target}, {breaches} breaches",
    ),
    "why.periodic": (
        "Tinjauan berkala; terakhir ditinjau {day}",
        "Periodic review; last reviewed {day}",
    ),
    "why.periodic_never": (
        "Tinjauan berkala; belum pernah ditinjau",
        "Periodic review; never reviewed",
    ),
    "why.picked": ("Dipilih untuk ditinjau", "Picked for review"),
    "left.days": ("{days} hari lagi", "in {days} days"),
    "left.today": ("hari ini", "today"),
    "left.passed": ("lewat {days} hari", "{days} days ago"),
    # --- what a decision alert still waits for (F34) -------------------------------------
    "pending.escalate": (
        "Dieskalasi ke Kepala Dinas {day}: menunggu keputusan Kepala Dinas sebelum {due}.",
        "Escalated to the head of agency on {day}: waiting for the head's decision before {due}.",
    ),
    "pending.escalate_title": (
        "Menunggu keputusan Kepala Dinas: {title}",
        "Waiting for the head of agency's decision: {title}",
    ),
    "pending.renegotiate_title": (
        "Negosiasi ulang berjalan, belum diputuskan: {title}",
        "Renegotiation under way, not decided: {title}",
    ),
    "pending.renegotiate": (
        "Negosiasi ulang dicatat {day} ({note}): belum ada keputusan sampai kontraknya diubah; "
        "putuskan sebelum {due}.",
        "Renegotiation recorded on {day} ({note}): nothing is decided until the contract "
        "changes; decide before {due}.",
    ),
    # --- suggested decisions ----------------------------------------------------------
    "rule.suggest": (
        "Saran dari aturan (ITIL Manajemen Pemasok; Perpres 16/2018 Pasal 56, 78, 79); "
        "keputusan tetap pada peninjau",
        "Suggested by the rules (ITIL Supplier Management; Perpres 16/2018 Art. 56, 78, 79); "
        "the reviewer decides",
    ),
    "sug.sp3": (
        "SP3 diterbitkan {day}: setelah SP3 tanpa perbaikan PPK dapat memutus kontrak.",
        "SP3 issued on {day}: after an SP3 with no improvement the PPK may terminate.",
    ),
    "sug.penalty_cap": (
        "Denda {total} telah mencapai batas {cap}: PPK dapat memutus kontrak (Pasal 79).",
        "Penalties of {total} have reached the cap of {cap}: the PPK may terminate (Art. 79).",
    ),
    "sug.penalty_near": (
        "Denda {total} sudah {share} dari batas {cap}.",
        "Penalties of {total} are at {share} of the cap of {cap}.",
    ),
    "sug.grace_over": (
        "Masa pemberian kesempatan ({used} hari) berakhir {day} dan pekerjaan belum selesai.",
        "The grace extension ({used} days) ended on {day} with the work unfinished.",
    ),
    "sug.risk": (
        "Risiko daftar hitam rekanan {score}/100 (batas kritis {limit}).",
        "Supplier blacklist risk {score}/100 (critical at {limit}).",
    ),
    "sug.risk_warning": (
        "Risiko daftar hitam rekanan {score}/100 (peringatan mulai {limit}).",
        "Supplier blacklist risk {score}/100 (warning from {limit}).",
    ),
    "sug.band_red": (
        "Kartu kinerja {period} merah: {reason}",
        "Scorecard {period} is red: {reason}",
    ),
    "sug.band_amber": (
        "Kartu kinerja {period} kuning: {reason}",
        "Scorecard {period} is amber: {reason}",
    ),
    "sug.band_green": (
        "Kartu kinerja {period} hijau (N {value}, {category}).",
        "Scorecard {period} is green (N {value}, {category}).",
    ),
    "sug.trend_down": (
        "Nilai N turun dari {previous} ke {value}.",
        "N fell from {previous} to {value}.",
    ),
    "sug.no_score": (
        "Belum ada penilaian kinerja dalam periode ini; nilai dulu sebelum memperpanjang.",
        "No performance evaluation in this period; evaluate before renewing.",
    ),
    "sug.no_score_near": (
        "Belum ada penilaian kinerja dalam periode ini dan keputusan jatuh {day}: tidak ada "
        "temuan buruk, jadi perpanjang lalu nilai rekanan.",
        "No performance evaluation in this period and the decision is due {day}: nothing "
        "adverse is on record, so renew and then evaluate the supplier.",
    ),
    "sug.gaps": (
        "{count} celah penyelarasan SLA/UC: UC lebih lemah dari SLA yang didukungnya.",
        "{count} SLA/UC alignment gaps: the UC is weaker than the SLA it underpins.",
    ),
    "sug.breaches": (
        "UC melanggar target dalam 90 hari terakhir ({breaches} pelanggaran, ketersediaan "
        "{achieved} dari {target}).",
        "The UC missed its targets in the last 90 days ({breaches} breaches, availability "
        "{achieved} against {target}).",
    ),
    "sug.sanction": (
        "Rekanan dalam sanksi daftar hitam s.d. {until}: tidak boleh diberi kontrak baru "
        "atau perpanjangan (Pasal 78).",
        "The supplier is blacklisted until {until}: no new contract or renewal may be "
        "awarded (Art. 78).",
    ),
    "sug.no_renewals": (
        "Semua perpanjangan sudah terpakai ({used} dari {max}); kontrak berakhir {end}.",
        "Every renewal has been used ({used} of {max}); the contract ends on {end}.",
    ),
    "sug.no_clause": (
        "Kontrak tidak memuat klausul perpanjangan; pekerjaan yang berlanjut perlu pengadaan baru.",
        "The contract has no renewal clause; continuing work needs a new procurement.",
    ),
    "sug.express": (
        "Perpanjangan eksplisit harus disepakati dengan adendum paling lambat {day}.",
        "An express renewal must be agreed by addendum by {day}.",
    ),
    "sug.renewals_left": (
        "Masih ada {left} perpanjangan; berikutnya sampai {end}.",
        "{left} renewals left; the next runs to {end}.",
    ),
    "sug.strategic": (
        "Rekanan strategis: keputusan seberat ini perlu persetujuan kepala dinas.",
        "Strategic supplier: a decision this heavy needs the head of agency.",
    ),
    "sug.national": (
        "Sanksi dari Daftar Hitam Nasional pada kontrak yang berjalan: minta arahan kepala dinas.",
        "A national blacklist entry on a running contract: ask the head of agency.",
    ),
    "sug.far": (
        "Keputusan baru jatuh {day}; belum ada temuan yang mendesak.",
        "The decision is not due until {day}; nothing urgent has been found.",
    ),
    "sug.clean": (
        "Tidak ada surat peringatan, denda, celah SLA atau sanksi.",
        "No warning letters, penalties, SLA gaps or sanctions.",
    ),
    "sug.ended": (
        "Kontrak sudah berakhir {day}; daftarkan penggantinya bila layanan berlanjut.",
        "The contract ended on {day}; register a successor if the service goes on.",
    ),
    # --- renewal effects --------------------------------------------------------------
    "renew.extended": (
        "Diperpanjang {months} bulan: berakhir {old} menjadi {new} (perpanjangan ke-{used}).",
        "Renewed for {months} months: end {old} becomes {new} (renewal {used}).",
    ),
    "renew.addendum": (
        "Adendum disimpan: berakhir {old} menjadi {new}.",
        "Addendum saved: end {old} becomes {new}.",
    ),
    "renew.form_express": (
        "Perpanjangan eksplisit: catat adendumnya di formulir kontrak (usulan akhir {new}).",
        "Express renewal: record the addendum in the contract form (proposed end {new}).",
    ),
    "renew.form_none": (
        "Kontrak tanpa klausul perpanjangan: catat adendum atau kontrak baru di formulir.",
        "A contract without a renewal clause: record the addendum or new contract in the form.",
    ),
    "renew.form_max": (
        "Semua perpanjangan ({max}) sudah terpakai: catat adendum atau kontrak baru di formulir.",
        "Every renewal ({max}) has been used: record the addendum or new contract in the form.",
    ),
    # --- re-tender coverage alert -----------------------------------------------------
    "retender.title": (
        "Tender ulang {number}: {service} tanpa pengganti mulai {day}",
        "Re-tender of {number}: {service} has no successor from {day}",
    ),
    "retender.reason": (
        "Tender ulang diputuskan {decided} oleh {reviewer}; kontrak {number} berakhir {end}.",
        "Re-tender decided on {decided} by {reviewer}; contract {number} ends on {end}.",
    ),
    "retender.successor": (
        "Daftarkan kontrak pengganti (boleh draf) yang mulai paling lambat {day}.",
        "Register a successor contract (a draft will do) starting by {day}.",
    ),
    "rule.retender": (
        "ITIL: layanan perlu kontrak pendukung pengganti sebelum kontrak yang ditender ulang "
        "berakhir",
        "ITIL: a service needs a successor UC before the re-tendered contract ends",
    ),
}


def rt(language: str, key: str, **params: object) -> str:
    """The review sentence ``key`` in ``language`` (``id`` or ``en``), filled in."""
    pair = _CATALOG[key]
    text = pair[1] if language == "en" else pair[0]
    return text.format(**params) if params else text


def keys() -> frozenset[str]:
    """All keys (the tests check both languages take the same parameters)."""
    return frozenset(_CATALOG)


def both(key: str) -> tuple[str, str]:
    """The raw Indonesian and English text of ``key``."""
    return _CATALOG[key]
