"""The knowledge base: storage (SQLModel over SQLite or PostgreSQL), migrations, the pipeline
that runs read → extract → check → store, queries for the browser and reports, and the CLI.

Imports `ingest`, `claims` and `checks`; never Textual (the CLI's `tui` command loads it lazily).
"""
