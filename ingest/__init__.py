"""Inputs to documents: files, folders, URLs and feeds become cleaned text plus metadata.

Owns the readers for each shape of article (Markdown with HTML, scraped text, PDF-extracted
anthologies, HTML pages, RSS/Atom), encoding detection and the HTTP fetcher. Imports nothing
else of the project: what it returns is plain data that `kb` stores.
"""

from ingest.document import Document, InputFailure

__all__ = ["Document", "InputFailure"]
