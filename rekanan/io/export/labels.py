"""Every word the exports print, in Indonesian and English, in one catalog.

``label(key, language)`` looks a key up; an unknown language falls back to Indonesian and an
unknown key comes back as itself, so a missing entry shows up in review instead of crashing
an export run. The rules word their own reasons (``rekanan.domain.text``); this catalog only
holds headings, column names and the names of codes (categories, legal forms, bands).
"""

from __future__ import annotations

_CATALOG: dict[str, tuple[str, str]] = {
    # --- document -----------------------------------------------------------------------
    "doc.title": ("KARTU PENILAIAN KINERJA PENYEDIA", "SUPPLIER PERFORMANCE SCORECARD"),
    "doc.subtitle": (
        "Penilaian kinerja penyedia (SIKaP) dan indikator layanan",
        "Supplier performance evaluation (SIKaP) and service indicators",
    ),
    "doc.generated": (
        "Dicetak dengan aplikasi “rekanan” pada {when}",
        "Printed with the “rekanan” application on {when}",
    ),
    "doc.page": ("Halaman {page} dari {pages}", "Page {page} of {pages}"),
    "doc.none": ("Tidak ada.", "None."),
    "doc.no_score": (
        "Belum ada evaluasi dalam periode ini.",
        "No evaluation in this period.",
    ),
    "doc.as_of": ("Posisi data per", "Data as of"),
    "doc.confidential": ("Dokumen internal", "Internal document"),
    # --- identity -----------------------------------------------------------------------
    "id.name": ("Nama penyedia", "Supplier"),
    "id.npwp": ("NPWP", "Tax id (NPWP)"),
    "id.legal_form": ("Bentuk usaha", "Legal form"),
    "id.category": ("Kategori pemasok", "Supplier category"),
    "id.period": ("Periode penilaian", "Evaluation period"),
    "id.address": ("Alamat", "Address"),
    # --- sections -----------------------------------------------------------------------
    "sec.sikap": ("A. Penilaian Kinerja (SIKaP)", "A. Performance evaluation (SIKaP)"),
    "sec.kpi": ("B. Indikator Kinerja Objektif", "B. Objective performance indicators"),
    "sec.sanctions": ("C. Denda dan Surat Peringatan", "C. Penalties and warning letters"),
    "sec.risk": ("D. Risiko Daftar Hitam", "D. Blacklist risk"),
    # Section D reads the data as it stands today, not the card's period (F45).
    "sec.risk_as_of": (
        "D. Risiko Daftar Hitam (posisi {day})",
        "D. Blacklist risk (as of {day})",
    ),
    "sec.trend": (
        "E. Tren Nilai Akhir (enam periode terakhir)",
        "E. Final value trend (last six periods)",
    ),
    "sec.contracts": ("F. Kontrak Berjalan", "F. Contracts in force"),
    # --- SIKaP table --------------------------------------------------------------------
    "col.no": ("No", "No"),
    "col.aspect": ("Aspek", "Aspect"),
    "col.weight": ("Bobot", "Weight"),
    "col.score": ("Nilai", "Score"),
    "col.weighted": ("Nilai x Bobot", "Score x weight"),
    "aspect.quality": ("Kualitas dan Kuantitas", "Quality and quantity"),
    "aspect.cost": ("Biaya", "Cost"),
    "aspect.timeliness": ("Waktu", "Timeliness"),
    "aspect.service": ("Layanan", "Service"),
    "sikap.final": ("Nilai akhir (N)", "Final value (N)"),
    "sikap.category": ("Kategori", "Category"),
    "sikap.band": ("Status", "Status"),
    "sikap.trend": ("Tren", "Trend"),
    "sikap.scale": (
        "Skala aspek: 1 Cukup, 2 Baik, 3 Sangat Baik; kontrak diputus karena kesalahan "
        "penyedia bernilai 0. Kategori: N < 1 Buruk, 1 <= N < 2 Cukup, 2 <= N < 3 Baik, "
        "N = 3 Sangat Baik.",
        "Aspect scale: 1 Fair, 2 Good, 3 Very good; a contract terminated for the "
        "supplier's fault scores 0. Category: N < 1 Poor, 1 <= N < 2 Fair, 2 <= N < 3 Good, "
        "N = 3 Very good.",
    ),
    "sikap.reasons": ("Dasar status", "Why this status"),
    "trend.up": ("naik dari {previous}", "up from {previous}"),
    "trend.down": ("turun dari {previous}", "down from {previous}"),
    "trend.flat": ("tetap {previous}", "unchanged at {previous}"),
    "trend.none": ("tidak ada nilai pembanding", "no earlier value"),
    "band.red": ("Merah", "Red"),
    "band.amber": ("Kuning", "Amber"),
    "band.green": ("Hijau", "Green"),
    "category.Buruk": ("Buruk", "Poor"),
    "category.Cukup": ("Cukup", "Fair"),
    "category.Baik": ("Baik", "Good"),
    "category.Sangat Baik": ("Sangat Baik", "Very good"),
    # --- KPIs ---------------------------------------------------------------------------
    "kpi.availability": ("Ketersediaan tercapai", "Availability achieved"),
    "kpi.incidents": ("Insiden", "Incidents"),
    "kpi.breaches": ("Pelanggaran target", "Target breaches"),
    "kpi.sla_met": ("Insiden dalam target", "Incidents within target"),
    "kpi.mttr": ("Rata-rata waktu penyelesaian", "Mean time to resolve"),
    "kpi.below": ("UC di bawah target ketersediaan", "UCs below availability target"),
    "kpi.hours": ("{value} jam", "{value} h"),
    "kpi.none": (
        "Tidak ada kontrak pendukung (UC) yang berjalan dalam periode ini.",
        "No underpinning contract ran during this period.",
    ),
    "col.contract": ("Kontrak", "Contract"),
    "col.services": ("Layanan", "Services"),
    "col.target": ("Target", "Target"),
    "col.achieved": ("Capaian", "Achieved"),
    "col.contract_services": ("Kontrak dan layanan yang didukung", "Contract and services backed"),
    "col.incidents": ("Insiden", "Incidents"),
    "col.breaches": ("Pelanggaran", "Breaches"),
    "col.mttr": ("MTTR (jam)", "MTTR (h)"),
    # --- penalties and letters ----------------------------------------------------------
    "col.date": ("Tanggal", "Date"),
    "col.kind": ("Jenis", "Kind"),
    "col.detail": ("Keterangan", "Detail"),
    "col.amount": ("Jumlah", "Amount"),
    "col.days_late": ("Hari terlambat", "Days late"),
    "col.letter_number": ("Nomor surat", "Letter number"),
    "col.level": ("Tingkat", "Level"),
    "col.reason": ("Alasan", "Reason"),
    "kind.penalty": ("Denda", "Penalty"),
    "penalty.detail": ("{days} hari terlambat", "{days} days late"),
    "penalty.total": ("Jumlah denda", "Total penalties"),
    # --- risk ---------------------------------------------------------------------------
    "risk.score": ("Skor risiko", "Risk score"),
    "risk.of": ("{score} dari 100", "{score} of 100"),
    "risk.level_high": ("kritis", "critical"),
    "risk.level_medium": ("perlu perhatian", "needs attention"),
    "risk.level_low": ("rendah", "low"),
    "risk.none": (
        "Tidak ada dasar risiko daftar hitam yang ditemukan.",
        "No blacklist-risk ground found.",
    ),
    "risk.sanctioned": (
        "DALAM SANKSI: {kind} ({source}, SK {decree}), berlaku {start} s.d. {end}.",
        "UNDER SANCTION: {kind} ({source}, decree {decree}), from {start} to {end}.",
    ),
    "sanction.open": ("tanpa batas waktu", "no end date"),
    "risk.note": (
        "Skor ini peringatan dini untuk bertindak lebih awal (Perpres 16/2018 Pasal 78), "
        "bukan sanksi.",
        "This score is an early warning to act in time (Perpres 16/2018 Art. 78), "
        "never a sanction.",
    ),
    # --- contracts ----------------------------------------------------------------------
    "col.number": ("Nomor kontrak", "Contract number"),
    "col.title": ("Pekerjaan", "Work"),
    "col.value": ("Nilai kontrak", "Contract value"),
    "col.end": ("Berakhir", "Ends"),
    "col.start": ("Mulai", "Starts"),
    "col.status": ("Status", "Status"),
    "contracts.total": ("Jumlah", "Total"),
    "contracts.open_end": ("tanpa tanggal akhir", "no end date"),
    # --- signature ----------------------------------------------------------------------
    "sign.known": ("Mengetahui,", "Acknowledged,"),
    "sign.id": ("NIP. {value}", "Staff id {value}"),
    "sign.blank_name": (
        "(.................................)",
        "(.................................)",
    ),
    # --- chart --------------------------------------------------------------------------
    "chart.empty": ("tidak dinilai", "not scored"),
    # --- sheet and column names (XLSX / CSV) --------------------------------------------
    "sheet.summary": ("Ringkasan", "Summary"),
    "sheet.aspects": ("Aspek", "Aspects"),
    "sheet.kpis": ("KPI", "KPIs"),
    "sheet.incidents": ("Insiden", "Incidents"),
    "sheet.penalties": ("Denda", "Penalties"),
    "sheet.letters": ("Surat Peringatan", "Warning letters"),
    "sheet.contracts": ("Kontrak", "Contracts"),
    "sheet.suppliers": ("Rekanan", "Suppliers"),  # the app's word (F21, F45)
    "sheet.alerts": ("Peringatan", "Alerts"),
    # --- register note sheet: what the rows are (F44) ----------------------------------
    "sheet.note": ("Keterangan", "About"),
    "note.item": ("Keterangan", "Item"),
    "note.value": ("Isi", "Value"),
    "note.as_of": ("Posisi data per", "Data as of"),
    "note.filter": ("Filter", "Filter"),
    "note.no_filter": ("tidak ada (semua baris)", "none (every row)"),
    "filter.search": ('cari "{text}"', 'search "{text}"'),
    "filter.category": ("kategori {name}", "category {name}"),
    "filter.active": ("rekanan aktif: {answer}", "active suppliers: {answer}"),
    "filter.has_contracts": (
        "punya kontrak berjalan: {answer}",
        "with contracts in force: {answer}",
    ),
    "filter.only_ids": (
        "hanya {n} rekanan terpilih (pita risiko)",
        "only {n} chosen suppliers (risk band)",
    ),
    "filter.exclude_ids": ("tanpa {n} rekanan", "without {n} suppliers"),
    "filter.status": ("status {names}", "status {names}"),
    "filter.underpinning": ("kontrak pendukung (UC): {answer}", "underpinning (UC): {answer}"),
    "filter.due": ("tenggat dalam {days} hari", "deadline within {days} days"),
    "filter.overdue": ("termasuk yang sudah lewat", "including overdue"),
    "filter.supplier": ("rekanan #{id}", "supplier #{id}"),
    "filter.service": ("layanan #{id}", "service #{id}"),
    "filter.severity": ("tingkat {name}", "severity {name}"),
    "filter.snoozed": ("hanya yang ditunda", "snoozed only"),
    "filter.with_snoozed": ("termasuk yang ditunda", "including snoozed"),
    "filter.within": ("dalam {days} hari", "within {days} days"),
    "filter.kinds": ("jenis {names}", "kind {names}"),
    "head.supplier": ("Penyedia", "Supplier"),
    "head.npwp": ("NPWP", "NPWP"),
    "head.legal_form": ("Bentuk usaha", "Legal form"),
    "head.category": ("Kategori pemasok", "Supplier category"),
    "head.period": ("Periode", "Period"),
    "head.period_start": ("Awal periode", "Period start"),
    "head.period_end": ("Akhir periode", "Period end"),
    "head.quality": ("Kualitas dan Kuantitas", "Quality and quantity"),
    "head.cost": ("Biaya", "Cost"),
    "head.timeliness": ("Waktu", "Timeliness"),
    "head.service": ("Layanan", "Service"),
    "head.value": ("Nilai akhir N", "Final value N"),
    "head.sikap": ("Kategori SIKaP", "SIKaP category"),
    "head.band": ("Status warna", "Colour band"),
    "head.previous": ("N periode sebelumnya", "Previous N"),
    "head.trend": ("Tren", "Trend"),
    "head.availability": ("Ketersediaan (%)", "Availability (%)"),
    "head.incidents": ("Insiden", "Incidents"),
    "head.breaches": ("Pelanggaran target", "Target breaches"),
    "head.sla_met": ("Insiden dalam target (%)", "Incidents within target (%)"),
    "head.mttr": ("Rata-rata penyelesaian (jam)", "Mean time to resolve (h)"),
    "head.penalties": ("Jumlah denda (kali)", "Penalties (count)"),
    "head.penalty_total": ("Total denda (Rp)", "Penalty total (Rp)"),
    "head.letters": ("Surat peringatan", "Warning letters"),
    "head.highest_letter": ("SP tertinggi", "Highest letter"),
    "head.risk": ("Skor risiko daftar hitam", "Blacklist risk score"),
    "head.contracts_in_force": ("Kontrak berjalan", "Contracts in force"),
    "head.value_in_force": ("Nilai kontrak berjalan (Rp)", "Value in force (Rp)"),
    "head.as_of": ("Posisi per", "As of"),
    "head.aspect": ("Aspek", "Aspect"),
    "head.weight": ("Bobot", "Weight"),
    "head.score": ("Nilai", "Score"),
    "head.weighted": ("Nilai x bobot", "Score x weight"),
    "head.contract": ("Kontrak", "Contract"),
    "head.services": ("Layanan", "Services"),
    "head.target_availability": ("Target ketersediaan (%)", "Availability target (%)"),
    "head.achieved_availability": ("Ketersediaan tercapai (%)", "Availability achieved (%)"),
    "head.downtime": ("Waktu henti (jam)", "Downtime (h)"),
    "head.response_breaches": ("Pelanggaran respons", "Response breaches"),
    "head.resolution_breaches": ("Pelanggaran penyelesaian", "Resolution breaches"),
    "head.service_code": ("Kode layanan", "Service code"),
    "head.service_name": ("Layanan", "Service"),
    "head.started": ("Mulai", "Started"),
    "head.responded": ("Direspons", "Responded"),
    "head.resolved": ("Selesai", "Resolved"),
    "head.severity": ("Tingkat", "Severity"),
    "head.downtime_flag": ("Menyebabkan henti", "Causes downtime"),
    "head.description": ("Uraian", "Description"),
    "head.resolve_hours": ("Lama penyelesaian (jam)", "Time to resolve (h)"),
    "head.date": ("Tanggal", "Date"),
    "head.days_late": ("Hari terlambat", "Days late"),
    "head.base_amount": ("Dasar denda (Rp)", "Penalty base (Rp)"),
    "head.amount": ("Jumlah (Rp)", "Amount (Rp)"),
    "head.notes": ("Catatan", "Notes"),
    "head.level": ("Tingkat", "Level"),
    "head.letter_number": ("Nomor surat", "Letter number"),
    "head.reason": ("Alasan", "Reason"),
    "head.id": ("ID", "ID"),
    "head.name": ("Nama", "Name"),
    "head.active": ("Aktif", "Active"),
    "head.active_contracts": ("Kontrak aktif", "Active contracts"),
    "head.active_value": ("Nilai kontrak aktif (Rp)", "Active contract value (Rp)"),
    "head.number": ("Nomor kontrak", "Contract number"),
    "head.title": ("Pekerjaan", "Work"),
    "head.status": ("Status", "Status"),
    "head.underpinning": ("Kontrak pendukung (UC)", "Underpinning contract"),
    "head.contract_value": ("Nilai kontrak (Rp)", "Contract value (Rp)"),
    "head.start": ("Mulai", "Start"),
    "head.end": ("Berakhir", "End"),
    "head.renewal_kind": ("Perpanjangan", "Renewal"),
    "head.notice_days": ("Masa pemberitahuan (hari)", "Notice (days)"),
    "head.notice_deadline": ("Batas pemberitahuan", "Notice deadline"),
    "head.decision_date": ("Batas keputusan perpanjangan", "Renewal decision due"),
    "head.next_renewal": ("Perpanjangan berikutnya", "Next renewal"),
    "head.final_end": ("Akhir terjauh", "Final end"),
    "head.next_deadline": ("Tenggat berikutnya", "Next deadline"),
    "head.deadline_kind": ("Jenis tenggat", "Deadline kind"),
    "head.days_left": ("Sisa hari", "Days left"),
    "head.days_to_end": ("Hari sampai berakhir", "Days to end"),
    "head.alert_severity": ("Tingkat", "Severity"),
    "head.alert_kind": ("Jenis", "Kind"),
    "head.alert_title": ("Peringatan", "Alert"),
    "head.due": ("Tenggat", "Due"),
    "head.reasons": ("Alasan", "Reasons"),
    "head.rule": ("Dasar aturan", "Rule"),
    "head.snoozed_until": ("Ditunda sampai", "Snoozed until"),
    "deadline.decision": ("keputusan", "decision"),
    "deadline.notice": ("pemberitahuan", "notice"),
    "deadline.end": ("berakhir", "end"),
    "deadline.grace": ("akhir kesempatan", "grace ends"),
    "severity.critical": ("kritis", "critical"),
    "severity.warning": ("waspada", "warning"),  # the app's word; "peringatan" is any alert
    "severity.info": ("info", "info"),
    # --- alert kinds (the register's "Jenis" column, F45) -----------------------------
    "alertkind.renewal_decision": ("Keputusan perpanjangan", "Renewal decision"),
    "alertkind.notice_deadline": ("Batas pemberitahuan", "Notice deadline"),
    "alertkind.contract_expiring": ("Kontrak berakhir", "Contract ending"),
    "alertkind.coverage_gap": ("Layanan tidak terdukung", "Service uncovered"),
    "alertkind.sla_unbacked": ("SLA tanpa UC berlaku", "SLA without a UC in force"),
    "alertkind.sla_target_gap": ("UC di bawah target SLA", "UC below the SLA targets"),
    "alertkind.penalty_cap": ("Batas denda", "Penalty cap"),
    "alertkind.grace_period": ("Masa pemberian kesempatan", "Grace period"),
    "alertkind.blacklist_risk": ("Risiko daftar hitam", "Blacklist risk"),
    "alertkind.sanctioned_supplier": ("Rekanan kena sanksi", "Sanctioned supplier"),
    "alertkind.data_incomplete": ("Data belum lengkap", "Incomplete data"),
    # --- trend words (the scorecard sheet's "Tren" column, F45) ------------------------
    "trendword.up": ("naik", "up"),
    "trendword.down": ("turun", "down"),
    "trendword.flat": ("tetap", "unchanged"),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    # --- codes ----------------------------------------------------------------------------
    "legal.pt": ("PT", "PT (limited company)"),
    "legal.cv": ("CV", "CV (limited partnership)"),
    "legal.koperasi": ("Koperasi", "Cooperative"),
    "legal.firma": ("Firma", "Firm"),
    "legal.bumn": ("BUMN", "State-owned enterprise"),
    "legal.bumd": ("BUMD", "Regional enterprise"),
    "legal.perorangan": ("Perorangan", "Individual"),
    "legal.lainnya": ("Lainnya", "Other"),
    "supcat.strategis": ("Strategis", "Strategic"),
    "supcat.taktis": ("Taktis", "Tactical"),
    "supcat.operasional": ("Operasional", "Operational"),
    "supcat.komoditas": ("Komoditas", "Commodity"),
    "status.draf": ("Draf", "Draft"),
    "status.aktif": ("Aktif", "Active"),
    "status.masa_pemberitahuan": ("Masa pemberitahuan", "In notice"),
    "status.diperpanjang": ("Diperpanjang", "Renewed"),
    "status.berakhir": ("Berakhir", "Expired"),
    "status.diputus": ("Diputus", "Terminated"),
    "renewal.tidak": ("Tidak", "None"),
    "renewal.otomatis": ("Otomatis", "Tacit"),
    "renewal.eksplisit": ("Eksplisit", "Express"),
    "incident.kritis": ("Kritis", "Critical"),
    "incident.tinggi": ("Tinggi", "High"),
    "incident.sedang": ("Sedang", "Medium"),
    "incident.rendah": ("Rendah", "Low"),
    # --- periods --------------------------------------------------------------------------
    "period.month": ("{month} {year}", "{month} {year}"),
    "period.quarter": ("Triwulan {number} Tahun {year}", "Quarter {number} of {year}"),
    "period.year": ("Tahun Anggaran {year}", "Fiscal year {year}"),
    "period.range": ("{start} s.d. {end}", "{start} to {end}"),
    # --- export errors -------------------------------------------------------------------
    "error.not_suffix": (
        "{dest} adalah berkas yang tidak berakhiran .{fmt}; beri nama berkas .{fmt} atau "
        "sebuah folder.",
        "{dest} is a file that does not end in .{fmt}; give a .{fmt} file name or a folder.",
    ),
    "error.format": (
        "Format '{fmt}' tidak dikenal; pakai pdf, xlsx atau csv.",
        "Format '{fmt}' is not known; use pdf, xlsx or csv.",
    ),
    "error.unknown_ids": (
        "Tidak ada rekanan dengan id {ids} di basis data.",
        "No supplier with id {ids} in the database.",
    ),
    "error.none": (
        "Tidak ada rekanan untuk diekspor; sebutkan satu, atau pakai --all.",
        "No supplier to export; name one, or use --all.",
    ),
    "error.folder_is_file": (
        "{dest} adalah berkas; beberapa kartu kinerja perlu sebuah folder. Beri nama folder.",
        "{dest} is a file; several scorecards need a folder. Give a folder name.",
    ),
}


def label(key: str, language: str = "id", **params: object) -> str:
    """The text of ``key`` in ``language``, with ``{params}`` filled in."""
    pair = _CATALOG.get(key)
    if pair is None:
        return key
    text = pair[1] if language == "en" else pair[0]
    return text.format(**params) if params else text


def code_label(prefix: str, code: object, language: str = "id") -> str:
    """The name of a code (``legal.pt``, ``supcat.strategis``); the raw code when unknown."""
    key = f"{prefix}.{code}"
    return label(key, language) if key in _CATALOG else str(code)


def keys() -> frozenset[str]:
    """Every key of the catalog (for tests that check both languages are filled in)."""
    return frozenset(_CATALOG)


def both(key: str) -> tuple[str, str]:
    """The Indonesian and English text of ``key``."""
    return _CATALOG[key]
