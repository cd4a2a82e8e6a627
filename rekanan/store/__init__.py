"""Engine, sessions, migrations, queries returning plain records, and audited writes."""
