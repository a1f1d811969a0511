"""Inputs to documents: files, folders, URLs and feeds become cleaned text plus metadata.

Owns the readers for each shape of article (Markdown with HTML, scraped text, PDF-extracted
anthologies, HTML pages, RSS/Atom), encoding detection and the HTTP fetcher. Imports nothing
else of the project: what it returns is plain data that `kb` stores.

Entry points: `read_inputs` (what `kb ingest` calls), `load_sources_file` (for
``kb ingest --sources``), `read_file` and `read_text` (one article, for tests and tools).
"""

from ingest.document import Document, InputFailure, Unchanged
from ingest.errors import ReadError
from ingest.inputs import read_file, read_inputs, read_text
from ingest.options import DEFAULT_MAX_BYTES, ReadOptions, UrlCache
from ingest.sources_file import SourcesFileError, load_sources_file

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "InputFailure",
    "ReadError",
    "ReadOptions",
    "SourcesFileError",
    "Unchanged",
    "UrlCache",
    "load_sources_file",
    "read_file",
    "read_inputs",
    "read_text",
]
