"""Inputs to documents: files, folders, URLs and feeds become cleaned text plus metadata.

Owns the readers for each shape of article (Markdown with HTML, scraped text, PDF-extracted
anthologies, HTML pages, RSS/Atom), encoding detection and the HTTP fetcher. Imports nothing
else of the project: what it returns is plain data that `kb` stores.

Entry points: `read_inputs` (what `kb ingest` calls), `load_sources_file` (for
``kb ingest --sources``), `read_file` and `read_text` (one article, for tests and tools).

Shapes (``Document.shape``, readers registered in `ingest.readers.READERS`): ``markdown``
(saved posts, front matter), ``text`` (scrapes with site chrome), ``anthology`` (a TOC-driven
split into children), ``html`` (pages), ``feed`` (an RSS/Atom entry carrying its own text; an
entry whose page was fetched has the page's shape).

Policies, in the modules that apply them: control characters and terminal escapes are stripped
from stored text except newlines and tabs (`ingest.text_cleanup`); a few invalid UTF-8 bytes are
replaced and counted, more are a failure (`ingest.encoding`); site chrome patterns live in
``boilerplate.toml`` (`ingest.page_chrome`); size, time and redirect limits in `ReadOptions`.
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
