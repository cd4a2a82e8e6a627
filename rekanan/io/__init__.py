"""Where data enters and leaves rekanan: imports (templates, SPSE) and exports (PDF, XLSX, CSV)."""
