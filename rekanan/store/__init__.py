"""Engine, sessions, migrations, queries returning plain records, and audited writes.

Where things are (import the module you need; nothing is imported here, so that
``rekanan.store.errors`` stays cheap to import):

- ``database``: ``open_database(url_or_path, user=, read_only=, migrate=)`` -> ``Database``
  with ``session()`` for reads and ``writer()`` for one audited transaction.
- ``writes``: ``Writer.create / create_many / update / delete`` (validated, version-checked,
  audited); ``dependents`` and ``last_change`` for screens that want to explain first.
- ``validation``: the schema's rules with sentences (``validate``, ``translate_integrity``).
- ``audit``: ``list_audit(session, ...)`` and ``audit_entries(db, ...)`` -> ``AuditRecord``.
- ``loaders``: ``load_agency(db or session)`` -> ``AgencyData`` (everything the rules read).
- ``slices``, ``lists``: smaller reads for one detail screen and for the paged registers.
- ``errors``: ``StoreError`` and its kinds (``ValidationFailed``, ``StaleEdit``, ...).
"""
