"""``read_inputs``: files, folders, URLs and feeds in; Documents, failures and 304s out.

Never raises for bad input: each input (and each feed entry) that cannot be read becomes one
InputFailure with a one-line reason, and the others go on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.article import Article, build_document, sha256_hex
from ingest.document import Document, InputFailure, Unchanged
from ingest.encoding import decode_bytes
from ingest.errors import ReadError
from ingest.options import ReadOptions, UrlCache
from ingest.readers import FEED_SUFFIXES, looks_like_feed, reader_for, sniff_shape
from ingest.url_rules import is_url

if TYPE_CHECKING:
    import httpx

    from ingest.http_fetch import FetchResult
    from ingest.readers.feed import FeedEntry

ReadResult = Document | InputFailure | Unchanged

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}


def read_inputs(
    inputs: Iterable[str],
    *,
    options: ReadOptions | None = None,
    url_cache: UrlCache | None = None,
) -> Iterator[ReadResult]:
    """Read each input: a file, a folder (recursive, sorted, hidden entries skipped), an
    http(s) URL of a page or feed, or a feed file.

    Yields one Document per article (an anthology is one Document with children), one
    InputFailure per input or feed entry that failed, and Unchanged for a URL answering 304.
    ``url_cache.put`` is called for a URL after its Document has been consumed, i.e. when the
    caller asks for the next result, so a caller that stops on a storage error does not mark
    the URL as seen.
    """
    reader = _Reader(options or ReadOptions(), url_cache)
    try:
        for item in inputs:
            yield from reader.read_input(str(item))
    finally:
        reader.close()


def read_file(path: str | Path, options: ReadOptions | None = None) -> Document:
    """One file as a Document (feeds excluded); raises ReadError for bad input."""
    results = list(_Reader(options or ReadOptions(), None).read_file(Path(path)))
    for result in results:
        if isinstance(result, InputFailure):
            raise ReadError(result.reason)
    documents = [result for result in results if isinstance(result, Document)]
    if len(documents) != 1:
        raise ReadError(f"expected one article, found {len(documents)}")
    return documents[0]


def read_text(text: str, *, origin: str = "<text>", name: str = "") -> Document:
    """A string as a Document, sniffing its shape from ``name`` and the text."""
    raw = text.encode("utf-8")
    shape = sniff_shape(name, text)
    if shape == "feed":
        raise ReadError("feeds are read with read_inputs")
    return _document(text, raw, origin=origin, shape=shape, fetched=_now())


@dataclass(slots=True)
class _Reader:
    options: ReadOptions
    url_cache: UrlCache | None
    client: httpx.Client | None = None

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None

    def read_input(self, item: str) -> Iterator[ReadResult]:
        try:
            if is_url(item):
                yield from self.read_url(item)
                return
            path = Path(item).expanduser()
            if path.is_dir():
                yield from self.read_folder(path)
            elif path.exists():
                yield from self.read_file(path)
            else:
                yield InputFailure(item, "no such file or directory")
        except ReadError as error:
            yield InputFailure(item, str(error))
        except Exception as error:  # never let one input stop the others
            yield InputFailure(item, f"unexpected error: {type(error).__name__}: {error}")

    def read_folder(self, folder: Path) -> Iterator[ReadResult]:
        for path in _walk(folder):
            try:
                yield from self.read_file(path)
            except ReadError as error:
                yield InputFailure(str(path), str(error))
            except Exception as error:
                yield InputFailure(str(path), f"unexpected error: {type(error).__name__}: {error}")

    def read_file(self, path: Path) -> Iterator[ReadResult]:
        origin = str(path)
        try:
            size = path.stat().st_size
            if not path.is_file():
                raise ReadError("not a regular file")
            if size > self.options.max_bytes:
                raise ReadError(
                    f"file is {size / 1e6:.1f} MB, larger than the "
                    f"{self.options.max_bytes / 1e6:.1f} MB limit"
                )
            if size == 0:
                raise ReadError("empty file")
            with path.open("rb") as handle:
                raw = handle.read(self.options.max_bytes + 1)
        except OSError as error:
            yield InputFailure(origin, f"cannot read: {error.strerror or error}")
            return
        except ReadError as error:
            yield InputFailure(origin, str(error))
            return
        if len(raw) > self.options.max_bytes:
            yield InputFailure(origin, "file grew past the size limit while being read")
            return
        try:
            yield from self.read_bytes(raw, origin=origin, name=path.name)
        except ReadError as error:
            yield InputFailure(origin, str(error))

    def read_bytes(
        self,
        raw: bytes,
        *,
        origin: str,
        name: str,
        content_type: str = "",
        charset: str | None = None,
        url: str | None = None,
    ) -> Iterator[ReadResult]:
        """Decode and dispatch to the reader for the shape; feeds fan out to their entries."""
        fetched = _now()
        is_feed = content_type in _FEED_TYPES or (
            content_type not in _HTML_TYPES and _has_feed_shape(name, raw)
        )
        if is_feed:
            yield from self.read_feed(raw, origin=origin)
            return
        text = decode_bytes(raw, charset or _meta_charset(raw))
        shape = "html" if content_type in _HTML_TYPES else sniff_shape(name, text.text)
        if shape == "feed":
            shape = "text"
        document = _document(text.text, raw, origin=origin, shape=shape, fetched=fetched, url=url)
        document.metadata["encoding"] = text.encoding
        if text.replaced:
            document.metadata["decode_replacements"] = text.replaced
        yield document

    def read_url(self, url: str) -> Iterator[ReadResult]:
        from ingest.http_fetch import fetch, make_client

        if self.client is None:
            self.client = make_client(self.options)
        result = fetch(self.client, url, self.options, self.url_cache)
        if result.not_modified:
            yield Unchanged(url)
            return
        name = result.final_url.split("?", 1)[0]
        yield from self.read_bytes(
            result.content,
            origin=url,
            name=name,
            content_type=result.content_type,
            charset=result.charset,
            url=result.final_url,
        )
        self._remember(result)

    def _remember(self, result: FetchResult) -> None:
        if self.url_cache is not None:
            self.url_cache.put(
                result.url, result.etag, result.last_modified, sha256_hex(result.content)
            )

    def read_feed(self, raw: bytes, *, origin: str) -> Iterator[ReadResult]:
        from ingest.readers.feed import parse_feed

        feed = parse_feed(raw, base_url=origin if is_url(origin) else None)
        if not feed.entries:
            return
        for position, entry in enumerate(feed.entries, start=1):
            label = entry.link or f"{origin}#entry-{position}"
            try:
                yield from self.read_entry(entry, origin=origin, label=label)
            except ReadError as error:
                yield InputFailure(label, str(error))
            except Exception as error:
                yield InputFailure(label, f"unexpected error: {type(error).__name__}: {error}")

    def read_entry(self, entry: FeedEntry, *, origin: str, label: str) -> Iterator[ReadResult]:
        if entry.full_html is None and entry.link and is_url(entry.link):
            for result in self.read_url(entry.link):
                if isinstance(result, Document):
                    _fill_from_entry(result, entry)
                    result.metadata["feed"] = origin
                yield result
            return
        html = entry.full_html or entry.summary_html
        if not html:
            raise ReadError("feed entry has neither a link nor text")
        raw = html.encode("utf-8")
        document = _document(html, raw, origin=label, shape="html", fetched=_now(), url=entry.link)
        document.shape = "feed"
        document.metadata["feed"] = origin
        if entry.full_html is None:
            document.metadata["summary_only"] = True
        _fill_from_entry(document, entry, prefer_entry=True)
        yield document


def _fill_from_entry(document: Document, entry: FeedEntry, prefer_entry: bool = False) -> None:
    """The feed's title, author and date where the page has none (or always for feed text)."""
    if entry.title and (prefer_entry or not document.title):
        document.title = entry.title
    if entry.author and (prefer_entry or not document.author):
        document.author = entry.author
    if entry.published and (prefer_entry or not document.published):
        document.published = entry.published
    if entry.link and not document.url:
        document.url = entry.link
    if entry.tags:
        document.metadata.setdefault("tags", entry.tags)


def _document(
    text: str,
    raw: bytes,
    *,
    origin: str,
    shape: str,
    fetched: datetime,
    url: str | None = None,
) -> Document:
    article: Article = reader_for(shape)(text)
    used_shape = article.metadata.pop("shape", shape)
    if not article.text.strip():
        raise ReadError(f"no article text found ({used_shape} reader)")
    if url and not article.url:
        article.url = url
    return build_document(
        article, origin=origin, raw_hash=sha256_hex(raw), shape=used_shape, fetched=fetched
    )


def _has_feed_shape(name: str, raw: bytes) -> bool:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in FEED_SUFFIXES:
        return True
    head = raw[:2048].lstrip(b"\xef\xbb\xbf")
    try:
        return looks_like_feed(head.decode("utf-8", errors="ignore"))
    except Exception:
        return False


#: Files a folder walk passes over silently: images, archives and compiled files sit beside
#: articles in saved-page folders. Named on the command line they still fail with a reason.
SKIPPED_IN_FOLDERS = frozenset(
    ".png .jpg .jpeg .gif .webp .bmp .ico .tif .tiff .mp3 .mp4 .mov .webm .zip .gz .tgz .bz2 "
    ".xz .7z .rar .pyc .so .dll .exe .db .sqlite .woff .woff2 .ttf .otf .css .js".split()
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,30})""", re.I
)


def _meta_charset(raw: bytes) -> str | None:
    """The charset an HTML or XML file declares in its first 2 KB, if any."""
    head = raw[:2048]
    match = _META_CHARSET.search(head)
    if match is None:
        match = re.match(rb"""\s*<\?xml[^>]*encoding=["']([A-Za-z0-9_.:-]{2,30})""", head)
    return match.group(1).decode("ascii") if match else None


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in sorted order, skipping hidden files and folders and the
    media/archive files of SKIPPED_IN_FOLDERS."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or os.path.splitext(name)[1].lower() in SKIPPED_IN_FOLDERS:
                continue
            yield Path(root) / name


def _now() -> datetime:
    return datetime.now(UTC)
